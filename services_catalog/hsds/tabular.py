"""HSDS tabular data packages: nested documents to CSV tables and back (Frictionless format)."""

import csv
import json
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import Any

from services_catalog.hsds.validation import SCHEMA_DIR

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
FRICTIONLESS_FORMATS = {"uuid", "email", "uri"}


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
        self.rows[table].setdefault(row["id"], row)
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


def _field(name: str, key: str) -> dict:
    spec = table_schema(name)["properties"][key]
    field = {
        "name": key,
        "type": spec.get("type", "string"),
        "description": spec.get("description", ""),
    }
    if spec.get("format") in FRICTIONLESS_FORMATS:
        field["format"] = spec["format"]
    if spec.get("constraints", {}).get("unique"):
        field["constraints"] = {"unique": True}
    return field


def _resource(name: str) -> dict:
    return {
        "name": name,
        "path": table_path(name),
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": {"fields": [_field(name, key) for key in columns(name)], "primaryKey": "id"},
    }


def write_package(tables: Tables, directory: Path) -> list[Path]:
    """Write every table as CSV plus datapackage.json; returns the files written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name in TABLE_NAMES:
        path = directory / table_path(name)
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(columns(name))
            for row in tables.rows.get(name, {}).values():
                writer.writerow([_cell(row[key]) for key in columns(name)])
        written.append(path)
    package = {
        "name": "reintegration-services-hsds",
        "title": "HSDS 3.0 service directory",
        "profile": "tabular-data-package",
        "resources": [_resource(name) for name in TABLE_NAMES],
    }
    manifest = directory / "datapackage.json"
    manifest.write_text(json.dumps(package, ensure_ascii=False, indent=2), encoding="utf-8")
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
        location["addresses"] = _children(tables["address"], "location_id", location_id)
        location["accessibility"] = _children(tables["accessibility"], "location_id", location_id)
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
    if organization is not None:
        organization["organization_identifiers"] = _children(
            tables["organization_identifier"], "organization_id", organization_id
        )
    return organization


def nested_services(tables: dict[str, list[dict]]) -> list[dict]:
    """Rebuild fully nested service documents from the tables of a package."""
    services = []
    for row in tables["service"]:
        service, service_id = dict(row), row["id"]
        for key in (
            "phones",
            "contacts",
            "schedules",
            "service_areas",
            "languages",
            "funding",
            "cost_options",
            "required_documents",
        ):
            service[key] = _children(tables[NESTED_TABLES[key]], "service_id", service_id)
        service["service_at_locations"] = []
        for link in _children(tables["service_at_location"], "service_id", service_id):
            link["location"] = _location(tables, link.get("location_id", ""))
            service["service_at_locations"].append({k: v for k, v in link.items() if v is not None})
        service["attributes"] = _attributes(tables, service_id)
        organization = _organization(tables, service.get("organization_id", ""))
        if organization is not None:
            service["organization"] = organization
        services.append(service)
    return services
