"""How one HSDS document becomes our records: field by field, reporting what cannot be kept.

A value the catalog cannot hold as it is goes to `row.foreign` (the importer keeps it or refuses
the row, as the user chose); what the catalog has no field for is kept aside in `hsds_extra`.
"""

import re
from datetime import date, time
from decimal import Decimal, InvalidOperation
from html import escape
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from matching.bring import things_named
from matching.eligibility import Language
from matching.models import Category
from portal.organizations.models import Jurisdiction, Organization, VerificationStatus
from portal.organizations.validators import validate_credit_code
from services_catalog.hsds import codelists, serializers
from services_catalog.models import CostKind, OfferLocation, OfferScheduleSlot, ServiceOfferPage

if TYPE_CHECKING:
    from services_catalog.hsds.importer import ImportDefaults, ImportRow

LANGUAGE_CODES = {
    "zh": Language.MANDARIN,
    "zho": Language.MANDARIN,
    "chi": Language.MANDARIN,
    "cmn": Language.MANDARIN,
    "zh-henan": Language.HENAN_DIALECT,
    "en": Language.ENGLISH,
    "eng": Language.ENGLISH,
    "csl": Language.SIGN,
    "sgn": Language.SIGN,
}
HENAN_DIALECT_NAMES = {"河南话", "河南方言", "henan dialect"}
CREDIT_CODE_SCHEMES = {serializers.CREDIT_CODE_SCHEME, serializers.CREDIT_CODE_TYPE}
DIVISION_IN_TEXT = re.compile(r"GB/T 2260 (\d{6})")
TREE_FIELDS = ["path", "depth", "numchild", "url_path", "draft_title", "live_revision"]
# Service fields the offer holds; anything else a document carries is kept aside as it is.
SERVICE_FIELDS = {
    "id",
    "name",
    "alternate_name",
    "description",
    "url",
    "email",
    "status",
    "application_process",
    "fees_description",
    "eligibility_description",
    "minimum_age",
    "maximum_age",
    "assured_date",
    "last_modified",
    "organization_id",
    "organization",
    "phones",
    "contacts",
    "schedules",
    "service_areas",
    "service_at_locations",
    "languages",
    "funding",
    "cost_options",
    "required_documents",
    "attributes",
}
LOCATION_FIELDS = {
    "id",
    "name",
    "location_type",
    "latitude",
    "longitude",
    "external_identifier",
    "external_identifier_type",
    "addresses",
    "accessibility",
    "phones",
    "schedules",
}
# What links a service at a location; anything else it carries is kept with the location.
SERVICE_AT_LOCATION_FIELDS = {"id", "service_id", "location_id", "location"}
LINKS = {"id", "service_id", "location_id"}
ADDRESS_PARTS = ("attention", "address_2", "city", "region", "state_province", "address_type")
# Values of our own exports that the offer derives again, so they are not kept aside.
DERIVED = {"assured_date", "last_modified", "url", "status"}


# --- organizations ---------------------------------------------------------------------------


def _field_errors(error: ValidationError, prefix: str = "") -> list[str]:
    if hasattr(error, "error_dict"):
        return [
            f"{prefix}{name}: {' '.join(str(message) for message in messages)}"
            for name, messages in error.message_dict.items()
        ]
    return [f"{prefix}{message}".rstrip() for message in error.messages]


def _identifiers(organization: dict) -> tuple[str, list[dict]]:
    """The credit code of an organization document and the identifiers we do not know."""
    code, unknown = "", []
    for identifier in organization.get("organization_identifiers") or []:
        schemes = {identifier.get("identifier_scheme"), identifier.get("identifier_type")}
        if schemes & CREDIT_CODE_SCHEMES:
            code = code or str(identifier.get("identifier", "")).strip().upper()
        else:
            unknown.append(identifier)
    return code, unknown


def _report_identifiers(unknown: list[dict], row: "ImportRow") -> None:
    for identifier in unknown:
        row.foreign.append(
            _(
                "organization_identifiers: %(scheme)s %(identifier)s "
                "is not an identifier scheme we know"
            )
            % {
                "scheme": identifier.get("identifier_scheme") or identifier.get("identifier_type"),
                "identifier": identifier.get("identifier", ""),
            }
        )


def resolve_organization(source: dict, row: "ImportRow", defaults: "ImportDefaults") -> None:
    """Find (or prepare) the verified organization that provides a service, or say why not."""
    code, unknown = _identifiers(source)
    _report_identifiers(unknown, row)
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


def _legal_representative(source: dict) -> str:
    contacts = source.get("contacts") or []
    for contact in contacts:
        if contact.get("title") == serializers.LEGAL_REPRESENTATIVE:
            return contact.get("name", "")
    return contacts[0].get("name", "") if contacts else ""


def _registered_place(source: dict, code: str) -> tuple[str, Jurisdiction | None]:
    """The organization's address and division, from its postal location."""
    for location in source.get("locations") or []:
        addresses = location.get("addresses") or []
        address = addresses[0].get("address_1", "") if addresses else location.get("name", "")
        division = ""
        if location.get("external_identifier_type") == serializers.DIVISION_SCHEME:
            division = location.get("external_identifier", "")
        jurisdiction = Jurisdiction.objects.filter(code=division or code[2:8]).first()
        return address, jurisdiction
    return "", Jurisdiction.objects.filter(code=code[2:8]).first()


def _new_organization(source: dict, code: str, row: "ImportRow") -> Organization | None:
    phones = source.get("phones") or [{}]
    address, jurisdiction = _registered_place(source, code)
    organization = Organization(
        name=source.get("name", ""),
        credit_code=code,
        kind="social_organization",
        legal_representative=_legal_representative(source),
        jurisdiction=jurisdiction,
        address=address,
        phone=phones[0].get("number", ""),
        email=source.get("email", "") or "",
        website=source.get("website", "") or "",
        description=source.get("description", "") or "",
    )
    try:
        organization.full_clean()
    except ValidationError as error:
        row.errors.extend(_field_errors(error, "organization."))
        return None
    return organization


# --- small values ----------------------------------------------------------------------------


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{escape(line)}</p>" for line in text.splitlines() if line.strip())


def _age(value: Any, name: str, row: "ImportRow") -> int | None:
    if value is None:
        return None
    if not isinstance(value, int | float) or value < 0 or int(value) != value:
        row.errors.append(_("%(field)s: must be a whole number of years.") % {"field": name})
        return None
    return int(value)


def _parse_date(value: Any, name: str, row: "ImportRow") -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        row.errors.append(_("%(field)s: not a date (YYYY-MM-DD).") % {"field": name})
        return None


def _parse_time(value: Any, name: str, row: "ImportRow") -> time | None:
    try:
        return time.fromisoformat(str(value))
    except ValueError:
        row.errors.append(_("%(field)s: not a time (HH:MM:SS).") % {"field": name})
        return None


def _kept(extra: dict, key: str, items: list) -> None:
    if items:
        extra[key] = [*extra.get(key, []), *items]


# --- codes and categories --------------------------------------------------------------------


def _attribute_code(attribute: dict) -> tuple[str, str] | None:
    """The (field, code) of a codelist attribute, by its term or, lacking one, its link type."""
    found = codelists.code_of_term(attribute.get("taxonomy_term") or {})
    if found is None and attribute.get("link_type") in codelists.BY_FIELD:
        found = (attribute["link_type"], "")
    return found


def _codes(document: dict) -> tuple[dict[str, list[str]], list[Category], list[dict]]:
    """Codelist values by field, categories, and the attributes of taxonomies we do not know."""
    by_key: dict[str, Category] = {}
    for category in Category.objects.all():
        for key in (category.slug, serializers.taxonomy_term_id(category)):
            by_key[key] = category
    values: dict[str, list[str]] = {}
    categories: list[Category] = []
    unknown: list[dict] = []
    for attribute in document.get("attributes") or []:
        term = attribute.get("taxonomy_term") or {}
        found = by_key.get(attribute.get("taxonomy_term_id", "")) or by_key.get(
            term.get("code", "")
        )
        code = _attribute_code(attribute)
        if found is not None:
            categories += [found] if found not in categories else []
        elif code is not None:
            values.setdefault(code[0], []).append(str(attribute.get("value", code[1])))
        else:
            unknown.append(attribute)
    return values, categories, unknown


def _eligibility(document: dict, offer: ServiceOfferPage, row: "ImportRow", extra: dict) -> None:
    values, categories, unknown = _codes(document)
    offer.categories = categories
    _kept(extra, "attributes", unknown)
    offer.min_age = _age(document.get("minimum_age"), "minimum_age", row)
    offer.max_age = _age(document.get("maximum_age"), "maximum_age", row)
    offer.eligibility_notes = document.get("eligibility_description", "") or ""
    for name in ("delivery_modes", "genders", "correction_types", "supervision_levels"):
        setattr(offer, name, values.get(name, []))
    _audience(values.get("audience"), offer, row)
    seats = values.get("seats", [])
    if seats and not seats[0].isdigit():
        row.errors.append(_("attributes.seats: must be a whole number."))
    elif seats:
        offer.seats = int(seats[0])
    offer.waiting_list = bool(values.get("waiting_list"))
    if not categories:
        row.warnings.append(_("attributes: no category of our taxonomy; choose one in the editor."))


def _audience(audience: list[str] | None, offer: ServiceOfferPage, row: "ImportRow") -> None:
    if audience:
        offer.accepts_adults = "adults" in audience
        offer.accepts_juveniles = "juveniles" in audience
        return
    offer.accepts_juveniles = offer.min_age is not None and offer.min_age < 18
    offer.accepts_adults = offer.max_age is None or offer.max_age >= 18
    row.warnings.append(
        _(
            "attributes: no audience is given; from the ages: "
            "adults %(adults)s, juveniles %(juveniles)s."
        )
        % {
            "adults": _("yes") if offer.accepts_adults else _("no"),
            "juveniles": _("yes") if offer.accepts_juveniles else _("no"),
        }
    )


def _language(language: dict) -> str | None:
    code = str(language.get("code", "")).lower()
    name = str(language.get("name", "")).strip().lower()
    if code in ("zh", "zho", "chi") and name in HENAN_DIALECT_NAMES:
        return Language.HENAN_DIALECT
    return LANGUAGE_CODES.get(code)


def _languages(document: dict, row: "ImportRow", extra: dict) -> list[str]:
    codes: list[str] = []
    unknown = []
    for language in document.get("languages") or []:
        code = _language(language)
        if code is None:
            unknown.append(language)
            row.foreign.append(
                _("languages: %(name)s is not one of the catalog's languages")
                % {"name": language.get("name") or language.get("code")}
            )
        elif code not in codes:
            codes.append(code)
    _kept(extra, "languages", unknown)
    return codes


# --- cost ------------------------------------------------------------------------------------


def _cost(document: dict, offer: ServiceOfferPage, row: "ImportRow", extra: dict) -> None:
    options = list(document.get("cost_options") or [])
    # Contract funding is derived here from procurement's contracts: the file's statement of
    # it is kept aside, unless this database already derives it for the offer.
    derived = row.existing is not None and row.existing.funded_by_contract
    _kept(
        extra,
        "funding",
        [
            item
            for item in document.get("funding") or []
            if not (derived and item.get("source") == serializers.FUNDING_SOURCE)
        ],
    )
    offer.fee_description = document.get("fees_description", "") or ""
    offer.cost = CostKind.FREE
    priced = [item for item in options if item.get("amount")]
    if not priced:
        _kept(extra, "cost_options", [item for item in options if not _is_our_free_option(item)])
        return
    first = priced[0]
    _kept(extra, "cost_options", [item for item in options if item is not first])
    try:
        offer.fee_amount = Decimal(str(first["amount"])).quantize(Decimal("0.01"))
    except InvalidOperation:
        row.errors.append(_("cost_options.amount: must be a number."))
        return
    offer.cost = CostKind.FEE
    offer.fee_description = offer.fee_description or first.get("option", "") or ""
    currency = str(first.get("currency") or "CNY")
    if currency.upper() != "CNY":
        row.foreign.append(
            _("cost_options.currency: %(currency)s %(amount)s is not in yuan")
            % {"currency": currency, "amount": first["amount"]}
        )
    offer.fee_currency = currency
    details = {key: first[key] for key in COST_DETAILS if first.get(key) not in (None, "")}
    if details:
        extra["cost_option"] = details


COST_DETAILS = ("amount_description", "valid_from", "valid_to")


def _is_our_free_option(option: dict) -> bool:
    return option.get("option") in (serializers.FREE_COST_OPTION, serializers.CONTRACT_COST_OPTION)


# --- contact, schedule, places ---------------------------------------------------------------


def _contact(document: dict, offer: ServiceOfferPage, row: "ImportRow", extra: dict) -> None:
    contacts = document.get("contacts") or [{}]
    phones = document.get("phones") or contacts[0].get("phones") or []
    offer.contact_name = contacts[0].get("name") or ""
    offer.contact_phone = phones[0].get("number", "") if phones else ""
    offer.contact_email = document.get("email") or contacts[0].get("email") or ""
    _kept(extra, "contacts", (document.get("contacts") or [])[1:])
    _kept(extra, "phones", (document.get("phones") or [])[1:])
    organization = row.organization
    if organization is not None and not offer.contact_phone:
        offer.contact_phone = organization.phone
        row.warnings.append(_("phones: none is given; the organization's phone is used."))
    if organization is not None and not offer.contact_name:
        offer.contact_name = organization.legal_representative
        row.warnings.append(
            _("contacts: no contact person is given; the organization's representative is named.")
        )


def _weekdays(schedule: dict, prefix: str, row: "ImportRow") -> list[int]:
    days = [day.strip().upper() for day in str(schedule.get("byday", "")).split(",") if day.strip()]
    weekdays = []
    for day in days:
        if day[-2:] not in serializers.WEEKDAYS:
            row.errors.append(
                _("%(field)s: unknown weekday %(day)s.") % {"field": f"{prefix}.byday", "day": day}
            )
            continue
        weekdays.append(serializers.WEEKDAYS.index(day[-2:]) + 1)
    return weekdays


def _timezone(schedule: dict, prefix: str, row: "ImportRow", extra: dict) -> None:
    zone = schedule.get("timezone")
    if zone is None or zone == serializers.DEFAULT_TIMEZONE:
        return
    row.foreign.append(
        _("%(field)s: UTC%(zone)+g is not China's time zone")
        % {"field": f"{prefix}.timezone", "zone": zone}
    )
    extra["timezone"] = zone


def _schedule(
    document: dict, offer: ServiceOfferPage, row: "ImportRow", extra: dict
) -> list[OfferScheduleSlot]:
    slots = []
    for index, schedule in enumerate(document.get("schedules") or []):
        prefix = f"schedules[{index}]"
        weekly = schedule.get("freq", "WEEKLY") == "WEEKLY" and schedule.get("byday")
        if not weekly or not schedule.get("opens_at") or not schedule.get("closes_at"):
            _kept(extra, "schedules", [schedule])
            continue
        offer.valid_from = offer.valid_from or _parse_date(
            schedule.get("valid_from"), f"{prefix}.valid_from", row
        )
        offer.valid_until = offer.valid_until or _parse_date(
            schedule.get("valid_to"), f"{prefix}.valid_to", row
        )
        _timezone(schedule, prefix, row, extra)
        opens = _parse_time(schedule["opens_at"], f"{prefix}.opens_at", row)
        closes = _parse_time(schedule["closes_at"], f"{prefix}.closes_at", row)
        slots += [
            OfferScheduleSlot(weekday=weekday, opens=opens, closes=closes)
            for weekday in _weekdays(schedule, prefix, row)
        ]
        _schedule_details(schedule, slots, extra)
    return slots


def _schedule_details(schedule: dict, slots: list[OfferScheduleSlot], extra: dict) -> None:
    """What a weekly schedule says beyond days and hours, kept for every weekly schedule."""
    details = {
        key: schedule[key] for key in SCHEDULE_DETAILS if schedule.get(key) not in (None, "")
    }
    if schedule.get("description") in {str(slot) for slot in slots}:
        details.pop("description", None)  # the one we write ourselves
    details = {key: value for key, value in details.items() if SCHEDULE_DEFAULTS.get(key) != value}
    if details:
        extra["schedule_details"] = extra.get("schedule_details", {}) | details


SCHEDULE_DETAILS = (
    "description",
    "dtstart",
    "until",
    "count",
    "wkst",
    "interval",
    "byweekno",
    "bymonthday",
    "byyearday",
    "schedule_link",
    "attending_type",
    "notes",
)
SCHEDULE_DEFAULTS = {"wkst": "MO", "interval": 1}


def _division(location: dict) -> Jurisdiction | None:
    if location.get("external_identifier_type") == serializers.DIVISION_SCHEME:
        return Jurisdiction.objects.filter(code=location.get("external_identifier", "")).first()
    return None


def _location_jurisdiction(location: dict, address: dict) -> Jurisdiction | None:
    match = _division(location)
    if match is not None or str(address.get("country", "CN")).upper() != "CN":
        return match
    for name in (address.get("region"), address.get("city")):
        match = Jurisdiction.objects.filter(name=name).order_by("-level").first() if name else None
        if match is not None:
            return match
    return None


def _coordinate(
    location: dict, name: str, limit: int, prefix: str, row: "ImportRow"
) -> Decimal | None:
    value = location.get(name)
    if value is None:
        return None
    if not isinstance(value, int | float) or abs(value) > limit:
        row.foreign.append(
            _(
                "%(field)s: %(value)s is not a coordinate on Earth "
                "(the map shows the division's centre)"
            )
            % {"field": f"{prefix}.{name}", "value": value}
        )
        return None
    return Decimal(str(value)).quantize(Decimal("0.000001"))


def _address_overlay(address: dict, jurisdiction: Jurisdiction, country: str) -> dict:
    """The address parts that differ from what the division gives (kept as imported)."""
    probe = OfferLocation(jurisdiction=jurisdiction, country=country, address="")
    derived = serializers.address_doc(probe, "")
    return {
        key: address[key]
        for key in ADDRESS_PARTS
        if address.get(key) not in (None, "") and address.get(key) != derived.get(key)
    }


def _location_extra(
    location: dict, placed: bool, address: dict, jurisdiction: Jurisdiction, country: str
) -> dict:
    """What a location carries that an offer location has no field for, kept as it is."""
    extra = {
        key: value
        for key, value in location.items()
        if key not in LOCATION_FIELDS and value not in (None, "", [])
    }
    if not placed:
        extra |= {
            key: location[key] for key in ("latitude", "longitude") if location.get(key) is not None
        }
    overlay = _address_overlay(address, jurisdiction, country)
    if overlay:
        extra["address"] = overlay
    return extra


def _unlinked(item: dict) -> dict:
    return {key: value for key, value in item.items() if key not in LINKS}


def _own(items: list, theirs: list) -> list:
    """The items that are not the service's own (nested again under a place, or exported as
    copies of the service's with ids of their own)."""
    ids = {item.get("id") for item in theirs if isinstance(item, dict)}
    copies = [_unlinked(item) for item in theirs if isinstance(item, dict)]
    return [
        item
        for item in items
        if not isinstance(item, dict)
        or (item.get("id") not in ids and _unlinked(item) not in copies)
    ]


def _keep_own_details(
    link: dict, document: dict, extra: dict, prefix: str, row: "ImportRow"
) -> None:
    """Keep (and report) a place's own hours and what its service-at-location says: the
    catalog shows the service's hours everywhere and has no field for the rest."""
    location = link.get("location") or {}
    own = _own(location.get("schedules") or [], document.get("schedules") or [])
    _kept(extra, "schedules", own)
    details = {
        key: _own(value, document.get(key) or []) if isinstance(value, list) else value
        for key, value in link.items()
        if key not in SERVICE_AT_LOCATION_FIELDS
    }
    details = {key: value for key, value in details.items() if value not in (None, "", [], {})}
    if details:
        extra["service_at_location"] = details
    keys = ["location.schedules"] * bool(own) + sorted(details)
    if keys:
        message = _(
            "kept aside as imported (the catalog has no field for it; exported again): %(keys)s."
        )
        row.warnings.append(f"{prefix}: " + message % {"keys": ", ".join(keys)})


def _location(
    link: dict, index: int, document: dict, defaults: "ImportDefaults", row: "ImportRow"
) -> OfferLocation | None:
    location = link.get("location") or {}
    prefix = f"service_at_locations[{index}].location"
    address = (location.get("addresses") or [{}])[0]
    country = str(address.get("country") or "CN")
    if country.upper() != "CN":
        row.foreign.append(
            _("%(field)s.country: %(country)s is outside China")
            % {"field": prefix + ".addresses[0]", "country": country}
        )
    jurisdiction = _location_jurisdiction(location, address) or defaults.jurisdiction
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
    extra = _location_extra(location, latitude is not None, address, jurisdiction, country)
    phones = location.get("phones") or []
    _kept(extra, "phones", phones[1:])
    _keep_own_details(link, document, extra, f"service_at_locations[{index}]", row)
    return OfferLocation(
        hsds_id=location.get("id") or link.get("location_id"),
        name=location.get("name") or address.get("address_1", ""),
        address=address.get("address_1", "") or "",
        postal_code=address.get("postal_code", "") or "",
        country=country,
        phone=phones[0].get("number", "") if phones else "",
        jurisdiction=jurisdiction,
        latitude=latitude,
        longitude=longitude,
        hsds_extra=extra,
    )


def _locations(
    document: dict, row: "ImportRow", defaults: "ImportDefaults", extra: dict
) -> list[OfferLocation]:
    locations = []
    for index, link in enumerate(document.get("service_at_locations") or []):
        addresses = (link.get("location") or {}).get("addresses") or [{}]
        if not addresses[0].get("address_1"):
            _kept(extra, "service_at_locations", [link])
            row.warnings.append(
                _("%(field)s: a place without an address is kept aside, not shown on the map.")
                % {"field": f"service_at_locations[{index}].location"}
            )
            continue
        location = _location(link, index, document, defaults, row)
        locations += [location] if location is not None else []
    return locations


def _accessibility(document: dict) -> str:
    for link in document.get("service_at_locations") or []:
        for item in (link.get("location") or {}).get("accessibility") or []:
            if item.get("description"):
                return item["description"]
    return ""


def _service_area(document: dict, row: "ImportRow", extra: dict) -> list[Jurisdiction]:
    areas, unknown = [], []
    for area in document.get("service_areas") or []:
        code = DIVISION_IN_TEXT.search(str(area.get("description", "")))
        match = Jurisdiction.objects.filter(code=code.group(1)).first() if code else None
        if match is None and area.get("extent_type") == serializers.DIVISION_SCHEME:
            match = Jurisdiction.objects.filter(code=area.get("extent", "")).first()
        if match is None:
            unknown.append(area)
            row.foreign.append(
                _("service_areas: %(name)s is not a Henan division")
                % {"name": (area.get("name") or "")[:60]}
            )
        else:
            areas.append(match)
    _kept(extra, "service_areas", unknown)
    return areas


# --- the offer -------------------------------------------------------------------------------


def _website(document: dict) -> str:
    url = str(document.get("url") or "")
    return "" if url.startswith(serializers.base_url()) else url


def _summary(document: dict, row: "ImportRow") -> str:
    if document.get("alternate_name"):
        return str(document["alternate_name"])[:255]
    lines = [line for line in str(document.get("description") or "").splitlines() if line.strip()]
    if lines:
        row.warnings.append(
            _("alternate_name: not given; the summary is the description's first line.")
        )
    return lines[0][:255] if lines else ""


def _unmodelled(document: dict, extra: dict) -> None:
    for key, value in document.items():
        if key in SERVICE_FIELDS or value in (None, "", [], {}):
            continue
        if isinstance(value, list):
            _kept(extra, key, value)
        elif isinstance(value, dict):
            extra[key] = value
        else:
            extra.setdefault("fields", {})[key] = value


def build_offer(document: dict, row: "ImportRow", defaults: "ImportDefaults") -> ServiceOfferPage:
    """The unsaved offer page, with its locations and schedule, that a service describes."""
    description = document.get("description", "") or ""
    extra: dict = {}
    offer = ServiceOfferPage(
        title=document.get("name", ""),
        hsds_id=document.get("id"),
        summary=_summary(document, row),
        description=_paragraphs(description),
        application_process=document.get("application_process", "") or "",
        website=_website(document),
        accessibility=_accessibility(document),
        live=False,
    )
    offer.languages = _languages(document, row, extra)
    offer.documents_to_bring, offer.required_documents = things_named(
        [item.get("document", "") or "" for item in document.get("required_documents") or []]
    )
    _cost(document, offer, row, extra)
    _eligibility(document, offer, row, extra)
    _contact(document, offer, row, extra)
    _user_defaults(offer, row, defaults)
    offer.service_area = _service_area(document, row, extra)
    offer.schedule = _schedule(document, offer, row, extra)
    offer.locations = _locations(document, row, defaults, extra)
    _unmodelled(document, extra)
    source = document.get("organization") or {}
    if source and not _identifiers(source)[0]:
        # The service now belongs to the organization the user named; the file's stays on record.
        extra["source_organization"] = source
    offer.hsds_extra = extra
    _report_kept(extra, row)
    _check_offer(offer, row)
    return offer


NOT_REPORTED = ("fields", "timezone", "source_organization", "languages", "service_areas")


def _user_defaults(offer: ServiceOfferPage, row: "ImportRow", defaults: "ImportDefaults") -> None:
    """Languages and delivery modes the user named for rows that give none of ours."""
    if not offer.languages and defaults.language:
        offer.languages = [defaults.language]
        row.warnings.append(
            _("languages: none of the catalog's is given; --language %(code)s is used.")
            % {"code": defaults.language}
        )
    elif not offer.languages:
        row.errors.append(
            _("languages: none of the catalog's languages is given; name one with --language.")
        )
    if not offer.delivery_modes and defaults.delivery_mode:
        offer.delivery_modes = [defaults.delivery_mode]
        row.warnings.append(
            _("attributes: no delivery mode is given; --delivery-mode %(mode)s is used.")
            % {"mode": defaults.delivery_mode}
        )
    elif not offer.delivery_modes:
        row.errors.append(
            _("attributes: no delivery mode is given; name one with --delivery-mode.")
        )


def _report_kept(extra: dict, row: "ImportRow") -> None:
    keys = sorted({*extra.get("fields", {}), *(key for key in extra if key not in NOT_REPORTED)})
    if keys:
        row.warnings.append(
            _("kept aside as imported (the catalog has no field for it; exported again): %(keys)s.")
            % {"keys": ", ".join(keys)}
        )


def _check_offer(offer: ServiceOfferPage, row: "ImportRow") -> None:
    exclude = [*TREE_FIELDS, "slug", "hsds_id"]
    # Already reported with the option that supplies them.
    exclude += [name for name in ("languages", "delivery_modes") if not getattr(offer, name)]
    try:
        offer.full_clean(exclude=exclude)
    except ValidationError as error:
        row.errors.extend(_field_errors(error))
    for label, children in (
        ("service_at_locations", offer.locations.all()),
        ("schedules", offer.schedule.all()),
    ):
        for index, child in enumerate(children):
            try:
                child.full_clean(exclude=["page", "hsds_id"])
            except ValidationError as error:
                row.errors.extend(_field_errors(error, f"{label}[{index}]."))
    for index, location in enumerate(offer.locations.all()):
        taken = OfferLocation.objects.filter(hsds_id=location.hsds_id).exclude(
            page__hsds_id=offer.hsds_id
        )
        if taken.exists():
            row.errors.append(
                _("%(field)s: this location id belongs to another service.")
                % {"field": f"service_at_locations[{index}].location.id"}
            )


# --- updates ---------------------------------------------------------------------------------

# What an HSDS import sets on an offer (its tree position and identity stay).
IMPORTED_FIELDS = (
    "title",
    "summary",
    "description",
    "application_process",
    "website",
    "documents_to_bring",
    "required_documents",
    "accessibility",
    "languages",
    "cost",
    "fee_amount",
    "fee_currency",
    "fee_description",
    "min_age",
    "max_age",
    "eligibility_notes",
    "delivery_modes",
    "genders",
    "correction_types",
    "supervision_levels",
    "accepts_adults",
    "accepts_juveniles",
    "seats",
    "waiting_list",
    "contact_name",
    "contact_phone",
    "contact_email",
    "valid_from",
    "valid_until",
    "hsds_extra",
)


def _children_key(page: ServiceOfferPage) -> dict[str, Any]:
    return {
        "categories": sorted(category.slug for category in page.categories.all()),
        "service_area": sorted(area.code for area in page.service_area.all()),
        "schedule": sorted(
            (slot.weekday, str(slot.opens), str(slot.closes)) for slot in page.schedule.all()
        ),
        "locations": [
            (
                str(item.hsds_id),
                item.name,
                item.address,
                item.postal_code,
                item.country,
                item.phone,
                item.jurisdiction_id,
                item.hsds_extra,
            )
            for item in page.locations.all()
        ],
    }


def offer_changes(existing: ServiceOfferPage, offer: ServiceOfferPage) -> list[str]:
    """What an update changes, field by field: "field: old → new"."""
    current = existing.get_latest_revision_as_object() if existing.latest_revision_id else existing
    changes = []
    for name in IMPORTED_FIELDS:
        before, after = getattr(current, name), getattr(offer, name)
        if before != after:
            changes.append(f"{name}: {_short(before)} → {_short(after)}")
    before_children, after_children = _children_key(current), _children_key(offer)
    for name, value in after_children.items():
        if before_children[name] != value:
            changes.append(f"{name}: {_short(before_children[name])} → {_short(value)}")
    return changes


def _short(value: Any) -> str:
    text = "—" if value in (None, "", [], {}) else str(value)
    return text if len(text) <= 80 else text[:77] + "..."
