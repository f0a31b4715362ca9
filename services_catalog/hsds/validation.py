"""Validation of HSDS documents against the copied schema files, offline."""

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource
from referencing.jsonschema import DRAFT202012

SCHEMA_DIR = Path(__file__).resolve().parent / "schema"
SPEC_BASE = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
OPENAPI_URI = SPEC_BASE + "openapi.json"


def _schema_path(name: str) -> Path:
    path = SCHEMA_DIR / name
    if not path.exists() and name.startswith("compiled/"):
        # The compiled schemas only inline the plain ones, which are resolved by reference.
        path = SCHEMA_DIR / name.removeprefix("compiled/")
    return path


def _retrieve(uri: str) -> Resource:
    path = _schema_path(uri.removeprefix(SPEC_BASE))
    if not uri.startswith(SPEC_BASE) or not path.is_file():
        raise NoSuchResource(ref=uri)
    contents = json.loads(path.read_text(encoding="utf-8"))
    return Resource.from_contents(contents, default_specification=DRAFT202012)


REGISTRY: Registry = Registry(retrieve=_retrieve)  # type: ignore[call-arg]


def _pointer(*parts: str) -> str:
    return "/".join(part.replace("~", "~0").replace("/", "~1") for part in parts)


@cache
def _validator(schema_ref: str) -> Draft202012Validator:
    return Draft202012Validator(
        {"$ref": schema_ref}, registry=REGISTRY, format_checker=FormatChecker()
    )


def response_schema_ref(api_path: str) -> str:
    """The schema of an API path's 200 response, as declared by the HSDS openapi.json."""
    pointer = _pointer("paths", api_path, "get", "responses", "200", "content", "application/json")
    return f"{OPENAPI_URI}#/{pointer}/schema"


def schema_ref(name: str) -> str:
    """The address of one HSDS schema file, such as "compiled/service.json"."""
    return SPEC_BASE + name


def schema_errors(document, ref: str) -> list[str]:
    """Every way a document breaks a schema, as "path: message" lines (empty when valid)."""
    errors = sorted(_validator(ref).iter_errors(document), key=lambda error: list(error.path))
    return [
        f"{'.'.join(str(part) for part in error.path) or '(document)'}: {error.message}"
        for error in errors
    ]
