"""Loads Henan's divisions and townships from the CSV files shipped with the app."""

import csv
from decimal import Decimal
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def jurisdiction_rows() -> list[dict[str, str]]:
    """Every division then every township, parents before children; coordinates may be blank."""
    divisions = sorted(
        _rows("divisions.csv"), key=lambda row: (len(row["parent_code"]), row["code"])
    )
    townships = [
        {
            "code": row["code"],
            "name": row["name"],
            "level": "township",
            "parent_code": row["county_code"],
        }
        for row in _rows("townships.csv")
    ]
    return divisions + townships


def load_jurisdictions(jurisdiction_model) -> int:
    """Create or update every division and township; rows without a centre take the parent's.

    Takes the model class so that migrations can pass their historical model. An empty table
    (every fresh database, every test database) is filled with one bulk insert per level.
    """
    rows = jurisdiction_rows()
    if jurisdiction_model.objects.exists():
        by_code: dict[str, object] = {}
        for row in rows:
            by_code[row["code"]] = _update(jurisdiction_model, row, by_code.get(row["parent_code"]))
        return len(rows)
    _bulk_insert(jurisdiction_model, rows)
    return len(rows)


def _centre(row: dict[str, str], parent) -> tuple[Decimal, Decimal]:
    if row.get("latitude") and row.get("longitude"):
        return Decimal(row["latitude"]), Decimal(row["longitude"])
    return parent.latitude, parent.longitude


def _bulk_insert(jurisdiction_model, rows: list[dict[str, str]]) -> None:
    by_code: dict[str, object] = {}
    for level_rows in _by_depth(rows):
        objects = []
        for row in level_rows:
            parent = by_code.get(row["parent_code"])
            latitude, longitude = _centre(row, parent)
            objects.append(
                jurisdiction_model(
                    code=row["code"],
                    name=row["name"],
                    level=row["level"],
                    parent_id=parent.pk if parent else None,
                    latitude=latitude,
                    longitude=longitude,
                )
            )
        jurisdiction_model.objects.bulk_create(objects, batch_size=500)
        by_code = {item.code: item for item in jurisdiction_model.objects.all()}


def _by_depth(rows: list[dict[str, str]]) -> list[list[dict[str, str]]]:
    """Group rows so that every row's parent is in an earlier group."""
    depth: dict[str, int] = {}
    groups: dict[int, list[dict[str, str]]] = {}
    for row in rows:
        depth[row["code"]] = depth.get(row["parent_code"], -1) + 1
        groups.setdefault(depth[row["code"]], []).append(row)
    return [groups[level] for level in sorted(groups)]


def _update(jurisdiction_model, row: dict[str, str], parent):
    latitude, longitude = _centre(row, parent)
    jurisdiction, _created = jurisdiction_model.objects.update_or_create(
        code=row["code"],
        defaults={
            "name": row["name"],
            "level": row["level"],
            "parent": parent,
            "latitude": latitude,
            "longitude": longitude,
        },
    )
    return jurisdiction
