"""Reading HSDS services (JSON or a tabular data package) into offer pages, row by row.

Every row is checked first (HSDS schema, organization, our own model rules) and reported; only
then are rows written, all of them or, when asked, the valid ones.
"""

import json
from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal, InvalidOperation
from html import escape
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from matching.eligibility import Language
from matching.models import Category
from portal.organizations.models import Jurisdiction, Organization, VerificationStatus
from portal.organizations.validators import validate_credit_code
from services_catalog.hsds import serializers, tabular
from services_catalog.hsds.validation import schema_errors, schema_ref
from services_catalog.models import (
    CostKind,
    DeliveryMode,
    OfferLocation,
    OfferScheduleSlot,
    ServiceOfferPage,
)

LANGUAGE_CODES = {
    "zh": Language.MANDARIN,
    "zho": Language.MANDARIN,
    "chi": Language.MANDARIN,
    "cmn": Language.MANDARIN,
    "zh-henan": Language.HENAN_DIALECT,
    "en": Language.ENGLISH,
    "eng": Language.ENGLISH,
    "sgn": Language.SIGN,
    "csl": Language.SIGN,
}
CREDIT_CODE_SCHEMES = {serializers.CREDIT_CODE_SCHEME, serializers.CREDIT_CODE_TYPE}
TREE_FIELDS = ["path", "depth", "numchild", "url_path", "draft_title", "live_revision"]


@dataclass
class ImportRow:
    """One service of the file: what it becomes, and what is wrong with it."""

    number: int
    service_id: str
    name: str
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    offer: ServiceOfferPage | None = None
    organization: Organization | None = None
    publish: bool = False

    @property
    def is_valid(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class ImportDefaults:
    """What the user supplies for rows that do not say it themselves."""

    organization: Organization | None = None
    jurisdiction: Jurisdiction | None = None
    publish: bool = False


def load_services(path: Path) -> list[dict]:
    """The service documents of a JSON file (one, a list or an API page) or a data package."""
    if path.is_dir() or path.name == "datapackage.json" or path.suffix == ".csv":
        directory = path if path.is_dir() else path.parent
        return tabular.nested_services(tabular.read_tables(directory))
    data = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(data, dict) and "contents" in data:
        data = data["contents"]
    return data if isinstance(data, list) else [data]


def _field_errors(error: ValidationError, prefix: str = "") -> list[str]:
    if hasattr(error, "error_dict"):
        return [
            f"{prefix}{name}: {' '.join(str(message) for message in messages)}"
            for name, messages in error.message_dict.items()
        ]
    return [f"{prefix}{message}".rstrip() for message in error.messages]


def _credit_code(organization: dict) -> str:
    for identifier in organization.get("organization_identifiers") or []:
        if {
            identifier.get("identifier_scheme"),
            identifier.get("identifier_type"),
        } & CREDIT_CODE_SCHEMES:
            return str(identifier.get("identifier", "")).strip().upper()
    return ""


def resolve_organization(document: dict, row: ImportRow, defaults: ImportDefaults) -> None:
    """Find the verified organization that provides a service, or say why there is none."""
    source = document.get("organization") or {}
    code = _credit_code(source)
    if not code:
        if defaults.organization is None:
            row.errors.append(
                _(
                    'organization: no unified social credit code (identifier scheme "uscc"); '
                    "name the organization with --organization."
                )
            )
        row.organization = defaults.organization
        return
    try:
        validate_credit_code(code)
    except ValidationError as error:
        row.errors.append(f"organization.organization_identifiers: {' '.join(error.messages)}")
        return
    row.organization = Organization.objects.filter(credit_code=code).first()
    if row.organization is None:
        row.organization = _new_organization(source, code, row)
    elif row.organization.status != VerificationStatus.VERIFIED:
        row.errors.append(
            _("organization: %(name)s is not verified.") % {"name": row.organization.name}
        )


def _new_organization(source: dict, code: str, row: ImportRow) -> Organization | None:
    phones = source.get("phones") or [{}]
    contacts = source.get("contacts") or [{}]
    organization = Organization(
        name=source.get("name", ""),
        credit_code=code,
        kind="social_organization",
        legal_representative=contacts[0].get("name", ""),
        jurisdiction=Jurisdiction.objects.filter(code=code[2:8]).first(),
        address="",
        phone=phones[0].get("number", ""),
        email=source.get("email", ""),
        website=source.get("website", ""),
        description=source.get("description", ""),
    )
    _first_address(source, organization)
    try:
        organization.full_clean()
    except ValidationError as error:
        row.errors.extend(_field_errors(error, "organization."))
        return None
    return organization


def _first_address(source: dict, organization: Organization) -> None:
    for location in source.get("locations") or []:
        for address in location.get("addresses") or []:
            organization.address = address.get("address_1", "")
            return


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{escape(line)}</p>" for line in text.splitlines() if line.strip()) or ""


def _attribute_values(document: dict, link_type: str) -> list[str]:
    return [
        str(attribute.get("value", ""))
        for attribute in document.get("attributes") or []
        if attribute.get("link_type") == link_type
    ]


def _categories(document: dict) -> list[Category]:
    by_key: dict[str, Category] = {}
    for category in Category.objects.all():
        for key in (category.slug, category.name, serializers.taxonomy_term_id(category)):
            by_key[key] = category
    found = []
    for attribute in document.get("attributes") or []:
        term = attribute.get("taxonomy_term") or {}
        for key in (
            attribute.get("taxonomy_term_id"),
            term.get("code"),
            term.get("name"),
            attribute.get("value") if attribute.get("link_type") == "category" else None,
        ):
            if key in by_key and by_key[key] not in found:
                found.append(by_key[key])
    return found


def _age(value: Any, name: str, row: ImportRow) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int | float) or value < 0 or int(value) != value:
        row.errors.append(_("%(field)s: must be a whole number of years.") % {"field": name})
        return None
    return int(value)


def _languages(document: dict, row: ImportRow) -> list[str]:
    codes = []
    for language in document.get("languages") or []:
        code = LANGUAGE_CODES.get(str(language.get("code", "")).lower())
        if code is None:
            row.warnings.append(
                _("languages: %(name)s is not in our list of languages and was left out.")
                % {"name": language.get("name") or language.get("code")}
            )
        elif code not in codes:
            codes.append(code)
    return codes or [Language.MANDARIN]


def _cost(document: dict, offer: ServiceOfferPage, row: ImportRow) -> None:
    options = [
        option for option in document.get("cost_options") or [] if option.get("amount") is not None
    ]
    offer.fee_description = document.get("fees_description", "") or ""
    if options:
        try:
            offer.fee_amount = Decimal(str(options[0]["amount"])).quantize(Decimal("0.01"))
        except InvalidOperation:
            row.errors.append(_("cost_options.amount: must be a number."))
            return
        offer.cost = CostKind.FEE
        offer.fee_description = offer.fee_description or options[0].get("option", "")
    elif document.get("funding"):
        offer.cost = CostKind.CONTRACT
    else:
        offer.cost = CostKind.FREE


def _audience(document: dict, offer: ServiceOfferPage) -> None:
    audience = _attribute_values(document, "audience")
    if audience:
        offer.accepts_adults = "adults" in audience
        offer.accepts_juveniles = "juveniles" in audience
        return
    offer.accepts_juveniles = offer.min_age is not None and offer.min_age < 18
    offer.accepts_adults = offer.max_age is None or offer.max_age >= 18


def _capacity(document: dict, offer: ServiceOfferPage, row: ImportRow) -> None:
    seats = _attribute_values(document, "seats")
    if seats and not seats[0].isdigit():
        row.errors.append(_("attributes.seats: must be a whole number."))
    elif seats:
        offer.seats = int(seats[0])
    offer.waiting_list = bool(_attribute_values(document, "waiting_list"))


def _eligibility(document: dict, offer: ServiceOfferPage, row: ImportRow) -> None:
    offer.min_age = _age(document.get("minimum_age"), "minimum_age", row)
    offer.max_age = _age(document.get("maximum_age"), "maximum_age", row)
    offer.eligibility_notes = document.get("eligibility_description", "") or ""
    offer.delivery_modes = _attribute_values(document, "delivery_modes") or [DeliveryMode.ON_SITE]
    for name in ("genders", "correction_types", "supervision_levels"):
        setattr(offer, name, _attribute_values(document, name))
    _audience(document, offer)
    _capacity(document, offer, row)


def _contact(document: dict, offer: ServiceOfferPage, organization: Organization | None) -> None:
    contacts = document.get("contacts") or [{}]
    phones = (document.get("phones") or []) + (contacts[0].get("phones") or [])
    offer.contact_name = contacts[0].get("name") or (organization.name if organization else "")
    offer.contact_phone = (
        phones[0].get("number", "") if phones else (organization.phone if organization else "")
    )
    offer.contact_email = document.get("email") or contacts[0].get("email") or ""


def _parse_date(value: Any, name: str, row: ImportRow) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        row.errors.append(_("%(field)s: not a date (YYYY-MM-DD).") % {"field": name})
        return None


def _parse_time(value: Any, name: str, row: ImportRow) -> time | None:
    try:
        return time.fromisoformat(str(value))
    except ValueError:
        row.errors.append(_("%(field)s: not a time (HH:MM).") % {"field": name})
        return None


def _schedule(document: dict, offer: ServiceOfferPage, row: ImportRow) -> list[OfferScheduleSlot]:
    slots = []
    for index, schedule in enumerate(document.get("schedules") or []):
        prefix = f"schedules[{index}]"
        offer.valid_from = offer.valid_from or _parse_date(
            schedule.get("valid_from"), f"{prefix}.valid_from", row
        )
        offer.valid_until = offer.valid_until or _parse_date(
            schedule.get("valid_to"), f"{prefix}.valid_to", row
        )
        days = [
            day.strip().upper() for day in str(schedule.get("byday", "")).split(",") if day.strip()
        ]
        if not days or not schedule.get("opens_at") or not schedule.get("closes_at"):
            row.warnings.append(
                _("%(field)s: no weekly days and hours; left out.") % {"field": prefix}
            )
            continue
        opens = _parse_time(schedule["opens_at"], f"{prefix}.opens_at", row)
        closes = _parse_time(schedule["closes_at"], f"{prefix}.closes_at", row)
        for day in days:
            if day[-2:] not in serializers.WEEKDAYS:
                row.errors.append(
                    _("%(field)s: unknown weekday %(day)s.")
                    % {"field": f"{prefix}.byday", "day": day}
                )
                continue
            weekday = serializers.WEEKDAYS.index(day[-2:]) + 1
            slots.append(OfferScheduleSlot(weekday=weekday, opens=opens, closes=closes))
    return slots


def _location_jurisdiction(location: dict, defaults: ImportDefaults) -> Jurisdiction | None:
    if location.get("external_identifier_type") == serializers.DIVISION_SCHEME:
        match = Jurisdiction.objects.filter(code=location.get("external_identifier", "")).first()
        if match is not None:
            return match
    for address in location.get("addresses") or []:
        for name in (address.get("region"), address.get("city")):
            match = (
                Jurisdiction.objects.filter(name=name).order_by("-level").first() if name else None
            )
            if match is not None:
                return match
    return defaults.jurisdiction


def _coordinate(
    location: dict, name: str, limit: int, prefix: str, row: ImportRow
) -> Decimal | None:
    value = location.get(name)
    if value is None:
        return None
    if not isinstance(value, int | float) or abs(value) > limit:
        row.warnings.append(
            _(
                "%(field)s: %(value)s is not a coordinate on Earth; "
                "the centre of the jurisdiction is used."
            )
            % {"field": f"{prefix}.{name}", "value": value}
        )
        return None
    return Decimal(str(value)).quantize(Decimal("0.000001"))


def _location(
    link: dict, index: int, defaults: ImportDefaults, row: ImportRow
) -> OfferLocation | None:
    location = link.get("location") or {}
    prefix = f"service_at_locations[{index}].location"
    addresses = location.get("addresses") or [{}]
    jurisdiction = _location_jurisdiction(location, defaults)
    if jurisdiction is None:
        row.errors.append(
            _("%(field)s: no Henan division matches this address; name one with --jurisdiction.")
            % {"field": f"{prefix}.addresses"}
        )
        return None
    latitude = _coordinate(location, "latitude", 90, prefix, row)
    longitude = _coordinate(location, "longitude", 180, prefix, row)
    if latitude is None or longitude is None:
        latitude = longitude = None
    return OfferLocation(
        hsds_id=location.get("id") or link.get("location_id"),
        name=location.get("name") or addresses[0].get("address_1", ""),
        address=" ".join(
            filter(None, [addresses[0].get("address_1"), addresses[0].get("address_2")])
        ),
        postal_code=addresses[0].get("postal_code", "") or "",
        jurisdiction=jurisdiction,
        latitude=latitude,
        longitude=longitude,
    )


def _accessibility(document: dict) -> str:
    for link in document.get("service_at_locations") or []:
        for item in (link.get("location") or {}).get("accessibility") or []:
            if item.get("description"):
                return item["description"]
    return ""


def _service_area(document: dict, row: ImportRow) -> list[Jurisdiction]:
    areas = []
    for area in document.get("service_areas") or []:
        match = (
            Jurisdiction.objects.filter(code=area.get("extent", "")).first()
            if area.get("extent_type") == serializers.DIVISION_SCHEME
            else None
        )
        match = match or Jurisdiction.objects.filter(name=area.get("name", "")).first()
        if match is None:
            row.warnings.append(
                _("service_areas: %(name)s is not a Henan division and was left out.")
                % {"name": (area.get("name") or "")[:60]}
            )
        else:
            areas.append(match)
    return areas


def build_offer(document: dict, row: ImportRow, defaults: ImportDefaults) -> ServiceOfferPage:
    """The unsaved offer page, with its locations and schedule, that a service describes."""
    description = document.get("description", "") or ""
    offer = ServiceOfferPage(
        title=document.get("name", ""),
        hsds_id=document.get("id"),
        summary=(document.get("alternate_name") or description or document.get("name", ""))[:255],
        description=_paragraphs(description) or _paragraphs(document.get("name", "")),
        application_process=document.get("application_process", "") or "",
        languages=_languages(document, row),
        required_documents="\n".join(
            item.get("document", "") for item in document.get("required_documents") or []
        ),
        accessibility=_accessibility(document),
        live=False,
    )
    _cost(document, offer, row)
    _eligibility(document, offer, row)
    _contact(document, offer, row.organization)
    offer.categories = _categories(document)
    offer.service_area = _service_area(document, row)
    offer.schedule = _schedule(document, offer, row)
    locations = [
        _location(link, index, defaults, row)
        for index, link in enumerate(document.get("service_at_locations") or [])
    ]
    offer.locations = [location for location in locations if location is not None]
    if not offer.categories:
        row.warnings.append(_("attributes: no category of our taxonomy; choose one in the editor."))
    return offer


def _check_offer(offer: ServiceOfferPage, row: ImportRow) -> None:
    if ServiceOfferPage.objects.filter(hsds_id=offer.hsds_id).exists():
        row.errors.append(_("id: a service with this id has already been imported."))
    try:
        offer.full_clean(exclude=[*TREE_FIELDS, "slug", "hsds_id"])
    except ValidationError as error:
        row.errors.extend(_field_errors(error))
    for label, children in (
        ("service_at_locations", offer.locations.all()),
        ("schedules", offer.schedule.all()),
    ):
        for index, child in enumerate(children):
            try:
                child.full_clean(exclude=["page"])
            except ValidationError as error:
                row.errors.extend(_field_errors(error, f"{label}[{index}]."))


def check_row(number: int, document: Any, defaults: ImportDefaults) -> ImportRow:
    """Check one service document against HSDS and our rules; build its offer when it passes."""
    if not isinstance(document, dict):
        return ImportRow(number, "", "", errors=[_("(row): not a JSON object.")])
    row = ImportRow(number, str(document.get("id", "")), str(document.get("name", "")))
    row.errors.extend(schema_errors(document, schema_ref("compiled/service.json")))
    if row.errors:
        return row
    resolve_organization(document, row, defaults)
    offer = build_offer(document, row, defaults)
    _check_offer(offer, row)
    row.offer = offer
    row.publish = defaults.publish and document.get("status") == "active"
    if row.publish and offer.valid_until and offer.valid_until < timezone.localdate():
        row.publish = False
        row.warnings.append(_("schedules.valid_to: the service has ended; it stays a draft."))
    return row


def check_rows(documents: list, defaults: ImportDefaults) -> list[ImportRow]:
    """Check every service of a file; nothing is written."""
    return [
        check_row(number, document, defaults) for number, document in enumerate(documents, start=1)
    ]
