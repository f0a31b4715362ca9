"""HSDS tabular data packages: nested documents to CSV tables and back (Frictionless format)."""

import csv
import json
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import Any

from services_catalog.hsds.validation import SCHEMA_DIR

DESCRIPTOR_PATH = SCHEMA_DIR.parent / "datapackage.json"

# Nested keys of HSDS documents and the table their items belong to.
NESTED_TABLES = {
    "phones": "phone",
    "contacts": "contact",
    "schedules": "schedule",
    "service_areas": "service_area",
    "service_at_locations": "service_at_location",
    "languages": "language",
    "funding": "funding",
    "cost_options": "cost_option",
    "required_documents": "required_document",
    "attributes": "attribute",
    "addresses": "address",
    "accessibility": "accessibility",
    "organization_identifiers": "organization_identifier",
    "locations": "location",
    "location": "location",
    "taxonomy_term": "taxonomy_term",
    "programs": "program",
    "program": "program",
    "metadata": "metadata",
}
TABLE_NAMES = (
    "organization",
    "program",
    "service",
    "attribute",
    "service_at_location",
    "location",
    "phone",
    "contact",
    "address",
    "schedule",
    "funding",
    "service_area",
    "required_document",
    "language",
    "accessibility",
    "taxonomy_term",
    "metadata",
    "meta_table_description",
    "cost_option",
    "organization_identifier",
    "taxonomy",
)


@cache
def table_schema(name: str) -> dict:
    """The HSDS schema of one table (its file, like "service.json")."""
    return json.loads((SCHEMA_DIR / f"{name}.json").read_text(encoding="utf-8"))


def columns(name: str) -> list[str]:
    """The scalar fields of a table, in the schema's order: its CSV columns."""
    properties = table_schema(name)["properties"]
    return [
        key for key, spec in properties.items() if spec.get("type") not in ("array", "object", None)
    ]


def table_path(name: str) -> str:
    return table_schema(name)["path"]


class Tables:
    """Rows of every table, keyed by id: a shared row (a phone, a location) is written once."""

    def __init__(self) -> None:
        self.rows: dict[str, dict[str, dict]] = defaultdict(dict)

    def add(self, table: str, document: dict, parent_table: str = "", parent_id: str = "") -> None:
        row = {key: document.get(key) for key in columns(table)}
        link = f"{parent_table}_id"
        if parent_id and link in row and not row[link]:
            row[link] = parent_id
        existing = self.rows[table].setdefault(row["id"], row)
        for key, value in row.items():
            # The same record nested in two places (a language of a service and of its
            # location) is one row linked to both.
            if existing.get(key) in (None, "") and value not in (None, ""):
                existing[key] = value
        for key, value in document.items():
            child_table = NESTED_TABLES.get(key)
            if child_table is None:
                continue
            for child in value if isinstance(value, list) else [value]:
                self.add(child_table, child, table, document["id"])


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@cache
def official_descriptor() -> dict:
    """The official HSDS 3.0 tabular data package descriptor (datapackage.json)."""
    return json.loads((DESCRIPTOR_PATH).read_text(encoding="utf-8"))


def descriptor_columns(name: str) -> list[str]:
    """A table's CSV columns, in the official descriptor's order."""
    resource = next(item for item in official_descriptor()["resources"] if item["name"] == name)
    return [field["name"] for field in resource["schema"]["fields"]]


def write_package(tables: Tables, directory: Path) -> list[Path]:
    """Write every table as CSV plus the official datapackage.json; returns the files written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name in TABLE_NAMES:
        path = directory / table_path(name)
        header = descriptor_columns(name)
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            for row in tables.rows.get(name, {}).values():
                writer.writerow([_cell(row.get(key)) for key in header])
        written.append(path)
    manifest = directory / "datapackage.json"
    manifest.write_text(
        json.dumps(official_descriptor(), ensure_ascii=False, indent=2), encoding="utf-8"
    )
    return [*written, manifest]


def _typed(name: str, key: str, raw: str) -> Any:
    kind = table_schema(name)["properties"].get(key, {}).get("type")
    if kind in ("number", "integer"):
        try:
            number = float(raw)
        except ValueError:
            return raw  # left for schema validation to report against the field
        return int(number) if number.is_integer() else number
    return raw


def read_tables(directory: Path) -> dict[str, list[dict]]:
    """Every table of a package directory as typed rows (empty optional cells left out)."""
    tables: dict[str, list[dict]] = {}
    for name in TABLE_NAMES:
        path = directory / table_path(name)
        if not path.exists():
            tables[name] = []
            continue
        required = set(table_schema(name).get("required", []))
        with path.open(encoding="utf-8-sig", newline="") as handle:
            tables[name] = [
                {
                    key: _typed(name, key, value)
                    for key, value in row.items()
                    if key and value is not None and (value or key in required)
                }
                for row in csv.DictReader(handle)
            ]
    return tables


def _children(rows: list[dict], key: str, value: str) -> list[dict]:
    return [dict(row) for row in rows if row.get(key) == value]


def _location(tables: dict[str, list[dict]], location_id: str) -> dict | None:
    location = next((dict(row) for row in tables["location"] if row["id"] == location_id), None)
    if location is not None:
        for key in ("addresses", "accessibility", "phones", "schedules", "languages"):
            location[key] = [
                row
                for row in _children(tables[NESTED_TABLES[key]], "location_id", location_id)
                if not row.get("service_id")
            ]
    return location


def _attributes(tables: dict[str, list[dict]], link_id: str) -> list[dict]:
    attributes = _children(tables["attribute"], "link_id", link_id)
    terms = {row["id"]: row for row in tables["taxonomy_term"]}
    for attribute in attributes:
        term = terms.get(attribute.get("taxonomy_term_id", ""))
        if term is not None:
            attribute["taxonomy_term"] = dict(term)
    return attributes


def _organization(tables: dict[str, list[dict]], organization_id: str) -> dict | None:
    organization = next(
        (dict(row) for row in tables["organization"] if row["id"] == organization_id), None
    )
    if organization is None:
        return None
    for key in ("organization_identifiers", "phones", "contacts", "funding"):
        organization[key] = _children(
            tables[NESTED_TABLES[key]], "organization_id", organization_id
        )
    organization["locations"] = [
        _location(tables, row["id"])
        for row in _children(tables["location"], "organization_id", organization_id)
    ]
    return organization


SERVICE_CHILDREN = (
    "phones",
    "contacts",
    "schedules",
    "service_areas",
    "languages",
    "funding",
    "cost_options",
    "required_documents",
)


def _service(tables: dict[str, list[dict]], row: dict) -> dict:
    service, service_id = dict(row), row["id"]
    for key in SERVICE_CHILDREN:
        service[key] = _children(tables[NESTED_TABLES[key]], "service_id", service_id)
    service["service_at_locations"] = []
    for link in _children(tables["service_at_location"], "service_id", service_id):
        link["location"] = _location(tables, link.get("location_id", ""))
        service["service_at_locations"].append({k: v for k, v in link.items() if v is not None})
    service["attributes"] = _attributes(tables, service_id)
    service["metadata"] = _children(tables["metadata"], "resource_id", service_id)
    program = next(
        (dict(item) for item in tables["program"] if item["id"] == row.get("program_id")), None
    )
    if program is not None:
        service["program"] = program
    organization = _organization(tables, service.get("organization_id", ""))
    if organization is not None:
        service["organization"] = organization
    return service


def nested_services(tables: dict[str, list[dict]]) -> list[dict]:
    """Rebuild fully nested service documents from the tables of a package."""
    return [_service(tables, row) for row in tables["service"]]


def nested_organizations(tables: dict[str, list[dict]]) -> list[dict]:
    """Rebuild the organization documents of a package (identifiers, phones, contacts, places)."""
    return [_organization(tables, row["id"]) or {} for row in tables["organization"]]
