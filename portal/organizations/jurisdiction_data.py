"""Loads Henan's divisions and townships from the CSV files shipped with the app."""

import csv
from decimal import Decimal
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_jurisdictions(jurisdiction_model) -> int:
    """Create or update every division and township; rows without a centre take the parent's.

    Takes the model class so that migrations can pass their historical model.
    """
    by_code: dict[str, object] = {}
    count = 0
    divisions = sorted(_rows("divisions.csv"), key=lambda row: (len(row["parent_code"]), row["code"]))
    for row in divisions:
        parent = by_code.get(row["parent_code"])
        by_code[row["code"]] = _save(jurisdiction_model, row["code"], row["name"], row["level"], parent, row)
        count += 1
    for row in _rows("townships.csv"):
        parent = by_code[row["county_code"]]
        _save(jurisdiction_model, row["code"], row["name"], "township", parent, {})
        count += 1
    return count


def _save(jurisdiction_model, code, name, level, parent, row):
    if row.get("latitude") and row.get("longitude"):
        latitude, longitude = Decimal(row["latitude"]), Decimal(row["longitude"])
    else:
        latitude, longitude = parent.latitude, parent.longitude
    jurisdiction, _created = jurisdiction_model.objects.update_or_create(
        code=code,
        defaults={
            "name": name,
            "level": level,
            "parent": parent,
            "latitude": latitude,
            "longitude": longitude,
        },
    )
    return jurisdiction
