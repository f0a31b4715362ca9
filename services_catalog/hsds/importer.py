"""Reading HSDS documents (JSON or a tabular data package) into offer pages, row by row.

Every row is checked first (HSDS schema, organization, our own model rules) and reported; only
then are rows written, all of them or, when asked, the valid ones. Nothing is changed silently:
a value the catalog cannot hold as it is (a foreign currency, a country outside China, an
identifier scheme we do not know, ...) is reported, then kept as it is or the row refused, as the
user chose; what the catalog has no field for is kept aside on the offer and exported again.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.organizations.models import Jurisdiction, Organization
from services_catalog.hsds import tabular
from services_catalog.hsds.mapping import build_offer, offer_changes, resolve_organization
from services_catalog.hsds.validation import schema_errors, schema_ref
from services_catalog.models import ServiceOfferPage


class ForeignPolicy(models.TextChoices):
    """What to do with a value the catalog cannot hold as it is."""

    KEEP = "keep", gettext_lazy("Keep it as it is")
    REFUSE = "refuse", gettext_lazy("Refuse the row")


@dataclass
class ImportRow:
    """One service (or organization) of the file: what it becomes and what is wrong with it."""

    number: int
    service_id: str
    name: str
    kind: str = "service"
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    offer: ServiceOfferPage | None = None
    existing: ServiceOfferPage | None = None
    organization: Organization | None = None
    publish: bool = False

    @property
    def is_valid(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class ImportDefaults:
    """What the user supplies for rows that do not say it themselves, and the foreign policy."""

    organization: Organization | None = None
    jurisdiction: Jurisdiction | None = None
    publish: bool = False
    foreign: str = ForeignPolicy.REFUSE
    language: str = ""
    delivery_mode: str = ""


def document_kind(document: dict) -> str:
    """Whether an HSDS document is a service, a service at a location or an organization."""
    if "status" in document or "organization_id" in document:
        return "service"
    if "location" in document or "service" in document or "service_id" in document:
        return "service_at_location"
    return "organization"


def _service_from_link(link: dict) -> dict | None:
    """The service of a service-at-location document, with that location nested in it."""
    service = link.get("service")
    if not isinstance(service, dict):
        return None
    service = dict(service)
    nested = {
        key: link[key] for key in ("id", "location_id", "location", "description") if key in link
    }
    service["service_at_locations"] = [nested, *(service.get("service_at_locations") or [])]
    for key in ("schedules", "contacts", "phones"):
        if link.get(key) and not service.get(key):
            service[key] = link[key]
    return service


def _flatten(document: Any) -> list[Any]:
    """The service and organization documents one JSON document holds, in order."""
    if not isinstance(document, dict):
        return [document]
    kind = document_kind(document)
    if kind == "service_at_location":
        service = _service_from_link(document)
        return [service] if service is not None else [document]
    if kind == "organization" and document.get("services"):
        source = {key: value for key, value in document.items() if key != "services"}
        return [
            service | {"organization": service.get("organization") or source}
            for service in document["services"]
        ]
    return [document]


def load_services(path: Path) -> list[Any]:
    """The documents of a JSON file (one, a list or an API page) or of a data package."""
    if path.is_dir() or path.name == "datapackage.json" or path.suffix == ".csv":
        tables = tabular.read_tables(path if path.is_dir() else path.parent)
        services = tabular.nested_services(tables)
        with_services = {service.get("organization_id") for service in services}
        organizations = [
            organization
            for organization in tabular.nested_organizations(tables)
            if organization.get("id") not in with_services
        ]
        return services + organizations
    data = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(data, dict) and "contents" in data:
        data = data["contents"]
    documents = data if isinstance(data, list) else [data]
    return [item for document in documents for item in _flatten(document)]


def _apply_policy(row: ImportRow, defaults: ImportDefaults) -> None:
    for message in row.foreign:
        if defaults.foreign == ForeignPolicy.KEEP:
            row.warnings.append(_("%(value)s: kept as it is.") % {"value": message})
        else:
            row.errors.append(
                _("%(value)s: refused (--foreign=keep keeps it as it is).") % {"value": message}
            )


def _check_organization_row(number: int, document: dict, defaults: ImportDefaults) -> ImportRow:
    row = ImportRow(number, str(document.get("id", "")), str(document.get("name", "")))
    row.kind = "organization"
    row.errors.extend(schema_errors(document, schema_ref("organization.json")))
    if not row.errors:
        resolve_organization(document, row, ImportDefaults(foreign=defaults.foreign))
    if row.organization is not None and row.organization.pk:
        row.warnings.append(_("organization: already registered here; it is left as it is."))
    _apply_policy(row, defaults)
    return row


def _check_service_row(number: int, document: dict, defaults: ImportDefaults) -> ImportRow:
    row = ImportRow(number, str(document.get("id", "")), str(document.get("name", "")))
    row.errors.extend(schema_errors(document, schema_ref("compiled/service.json")))
    if row.errors:
        return row
    resolve_organization(document.get("organization") or {}, row, defaults)
    row.existing = ServiceOfferPage.objects.filter(hsds_id=document.get("id")).first()
    row.offer = build_offer(document, row, defaults)
    if row.existing is not None:
        row.changes = offer_changes(row.existing, row.offer)
    row.publish = defaults.publish and document.get("status") == "active"
    ended = row.offer.valid_until is not None and row.offer.valid_until < timezone.localdate()
    if row.publish and ended:
        row.publish = False
        row.warnings.append(_("schedules.valid_to: the service has ended; it stays a draft."))
    _apply_policy(row, defaults)
    return row


def check_row(number: int, document: Any, defaults: ImportDefaults) -> ImportRow:
    """Check one document against HSDS and our rules; build its offer when it passes."""
    if not isinstance(document, dict):
        return ImportRow(number, "", "", errors=[_("(row): not a JSON object.")])
    if document_kind(document) == "organization":
        return _check_organization_row(number, document, defaults)
    if document_kind(document) == "service_at_location":
        return ImportRow(
            number,
            str(document.get("id", "")),
            "",
            errors=[_("service_at_location: the document names no service to import.")],
        )
    return _check_service_row(number, document, defaults)


def check_rows(documents: list, defaults: ImportDefaults) -> list[ImportRow]:
    """Check every document of a file; nothing is written."""
    return [
        check_row(number, document, defaults) for number, document in enumerate(documents, start=1)
    ]
