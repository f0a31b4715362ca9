"""Our offers, organizations, locations and categories as HSDS 3.0 documents."""

import uuid
from html import unescape
from typing import Any

from django.conf import settings
from django.utils.html import strip_tags

from matching.bring import things_written
from matching.models import Category
from portal.cache import site_root_paths
from portal.organizations.models import Jurisdiction, JurisdictionLevel, Organization
from services_catalog.hsds import codelists
from services_catalog.models import CostKind, OfferLocation, ServiceOfferPage

# Stable identifiers for what has no UUID of its own: uuid5 of a natural key in our namespace.
NAMESPACE = codelists.NAMESPACE
TAXONOMY_SLUG = "reintegration-service-categories"
CREDIT_CODE_SCHEME = "uscc"
CREDIT_CODE_TYPE = "统一社会信用代码"
DIVISION_SCHEME = "GB/T 2260"
LEGAL_REPRESENTATIVE = "法定代表人"
FUNDING_SOURCE = "政府购买服务"
CONTRACT_COST_OPTION = "政府购买服务，服务对象免费"
FREE_COST_OPTION = "免费"
DEFAULT_TIMEZONE = 8
COUNTRY = "CN"
PROVINCE = "河南省"
# Keys of an offer's kept HSDS data that are not merged into the nested service document.
KEPT_ASIDE = {"fields", "timezone", "cost_option", "schedule_details", "source_organization"}
# Keys of a location's kept HSDS data that are not merged into the location document.
LOCATION_ASIDE = {"address", "service_at_location"}
ATTRIBUTE_FIELDS = ("delivery_modes", "genders", "correction_types", "supervision_levels")
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# ISO 639 codes of our languages; the Henan dialect is Chinese ("zh") named as the dialect.
LANGUAGE_ISO = {"zh": "zh", "zh-henan": "zh", "en": "en", "sgn": "csl"}
# What a revision holds and the HSDS service field it is published as (for metadata).
REVISION_FIELDS = {
    "title": "name",
    "summary": "alternate_name",
    "contact_email": "email",
    "application_process": "application_process",
    "fee_description": "fees_description",
    "eligibility_notes": "eligibility_description",
    "min_age": "minimum_age",
    "max_age": "maximum_age",
    "contact_name": "contacts.name",
    "contact_phone": "phones.number",
}


def stable_id(*parts: Any) -> str:
    """A UUID derived from a natural key, the same on every export."""
    return str(uuid.uuid5(NAMESPACE, ":".join(str(part) for part in parts)))


def organization_id(organization: Organization) -> str:
    return stable_id("organization", organization.credit_code)


def taxonomy_id() -> str:
    return stable_id("taxonomy", TAXONOMY_SLUG)


def taxonomy_term_id(category: Category) -> str:
    return stable_id("category", category.slug)


def service_at_location_id(location: OfferLocation) -> str:
    return stable_id("service-at-location", location.page.hsds_id, location.hsds_id)


def plain_text(html: str) -> str:
    """Rich text as plain text, one paragraph per line."""
    text = html.replace("</p>", "</p>\n").replace("<br/>", "\n").replace("<br>", "\n")
    return unescape(strip_tags(text)).strip("\n")


def _drop_empty(document: dict) -> dict:
    return {key: value for key, value in document.items() if value not in (None, "", [])}


def with_extra(document: dict, extra: dict | None) -> dict:
    """A document with the HSDS data kept as imported merged back: lists extended, gaps filled."""
    for key, value in (extra or {}).items():
        if isinstance(value, list) and isinstance(document.get(key), list):
            present = {item.get("id") for item in document[key] if isinstance(item, dict)}
            document[key] = document[key] + [
                item
                for item in value
                if not isinstance(item, dict) or item.get("id") not in present
            ]
        elif document.get(key) in (None, "", []):
            document[key] = value
    return document


def base_url() -> str:
    """The address this deployment serves from (SITE_URL), without a trailing slash."""
    return settings.SITE_URL.rstrip("/")


def page_url(page: ServiceOfferPage, root: str = "") -> str:
    """The public address of an offer on this site (or its own web page when it has one)."""
    if page.website:
        return page.website
    parts = page.get_url_parts(request=site_root_paths())  # type: ignore[arg-type]
    return f"{root or base_url()}{parts[2]}" if parts else ""


def taxonomy_doc() -> dict:
    return {
        "id": taxonomy_id(),
        "name": "社区矫正社会服务分类",
        "description": "河南省社区矫正社会力量参与服务的分类（可由管理人员维护）。",
        "version": "1",
    }


def taxonomy_docs() -> list[dict]:
    """Both taxonomies: service categories and our codelists."""
    return [taxonomy_doc(), codelists.taxonomy_doc()]


def taxonomy_term_doc(category: Category) -> dict:
    return _drop_empty(
        {
            "id": taxonomy_term_id(category),
            "code": category.slug,
            "name": category.name,
            "description": category.description or category.name_en or category.name,
            "taxonomy": TAXONOMY_SLUG,
            "taxonomy_id": taxonomy_id(),
            "language": "zh",
        }
    )


def organization_list_doc(organization: Organization) -> dict:
    return _drop_empty(
        {
            "id": organization_id(organization),
            "name": organization.name,
            "description": organization.description or organization.name,
            "email": organization.email,
            "website": organization.website,
            "tax_id": organization.credit_code,
            "legal_status": str(organization.get_kind_display()),
        }
    )


def _registered_address(organization: Organization, org_id: str) -> dict:
    """The organization's registered address, as a postal location named by the address."""
    return _drop_empty(
        {
            "id": stable_id("organization-location", organization.credit_code),
            "organization_id": org_id,
            "location_type": "postal",
            "name": organization.address,
            "external_identifier": organization.jurisdiction.code
            if organization.jurisdiction_id
            else None,
            "external_identifier_type": DIVISION_SCHEME if organization.jurisdiction_id else None,
        }
    )


def organization_doc(organization: Organization, services: list[dict] | None = None) -> dict:
    """An organization with its identifier, phone, legal representative and address."""
    document = organization_list_doc(organization)
    org_id = document["id"]
    document["organization_identifiers"] = [
        {
            "id": stable_id("identifier", organization.credit_code),
            "organization_id": org_id,
            "identifier_scheme": CREDIT_CODE_SCHEME,
            "identifier_type": CREDIT_CODE_TYPE,
            "identifier": organization.credit_code,
        }
    ]
    document["phones"] = [
        {
            "id": stable_id("organization-phone", organization.credit_code),
            "number": organization.phone,
        }
    ]
    document["contacts"] = [
        {
            "id": stable_id("organization-contact", organization.credit_code),
            "organization_id": org_id,
            "name": organization.legal_representative,
            "title": LEGAL_REPRESENTATIVE,
        }
    ]
    document["locations"] = [_registered_address(organization, org_id)]
    if services is not None:
        document["services"] = services
    return document


def _city_and_county(jurisdiction: Jurisdiction) -> tuple[str, str]:
    chain = [jurisdiction]
    while chain[-1].parent is not None:
        chain.append(chain[-1].parent)
    by_level = {item.level: item.name for item in chain}
    county = by_level.get(JurisdictionLevel.COUNTY) or by_level.get(JurisdictionLevel.ZONE, "")
    return by_level.get(JurisdictionLevel.CITY, ""), county


def address_doc(location: OfferLocation, location_id: str) -> dict:
    city, county = _city_and_county(location.jurisdiction)
    address = {
        "id": stable_id("address", location_id),
        "location_id": location_id,
        "address_1": location.address,
        "city": city or county,
        "region": county,
        "state_province": PROVINCE,
        "postal_code": location.postal_code,
        "country": location.country,
        "address_type": "physical",
    }
    # A foreign address keeps the parts it was imported with.
    address.update(location.hsds_extra.get("address", {}))
    # The postal code is required even when an editor has not given it yet.
    return _drop_empty(address) | {"postal_code": address["postal_code"]}


def _location_schedules(page: ServiceOfferPage, location_id: str) -> list[dict]:
    schedules = []
    for schedule in _schedules(page):
        schedule = {key: value for key, value in schedule.items() if key != "service_id"}
        schedule["id"] = stable_id("location-schedule", location_id, schedule["id"])
        schedule["location_id"] = location_id
        schedules.append(schedule)
    return schedules


def location_doc(location: OfferLocation) -> dict:
    """A place where an offer is delivered: address, coordinates, phone, hours, accessibility."""
    location_id = str(location.hsds_id)
    page = location.page
    document = {
        "id": location_id,
        "location_type": "physical",
        "name": location.name,
        "latitude": float(location.latitude) if location.latitude is not None else None,
        "longitude": float(location.longitude) if location.longitude is not None else None,
        "external_identifier": location.jurisdiction.code,
        "external_identifier_type": DIVISION_SCHEME,
        "addresses": [address_doc(location, location_id)],
        "phones": [
            {"id": stable_id("location-phone", location_id), "location_id": location_id}
            | {"number": location.phone, "type": "voice"}
        ]
        if location.phone
        else [],
        "schedules": _location_schedules(page, location_id),
    }
    if page.accessibility:
        document["accessibility"] = [
            {
                "id": stable_id("accessibility", location_id),
                "location_id": location_id,
                "description": page.accessibility,
            }
        ]
    extra = {key: value for key, value in location.hsds_extra.items() if key not in LOCATION_ASIDE}
    return with_extra(_drop_empty(document), extra)


def service_at_location_doc(location: OfferLocation, *, full: bool = True, root: str = "") -> dict:
    """A service at one of its locations; the list form nests the service's own fields."""
    page = location.page
    document = {
        "id": service_at_location_id(location),
        "service_id": str(page.hsds_id),
        "location_id": str(location.hsds_id),
        "location": location_doc(location),
        "service": service_list_doc(page, root=root),
    }
    if full:
        document["schedules"] = _schedules(page)
    return with_extra(document, location.hsds_extra.get("service_at_location"))


def _assured_date(page: ServiceOfferPage) -> str | None:
    # Publication needs the agency's approval: the last one is when the record was assured.
    return page.last_published_at.date().isoformat() if page.last_published_at else None


def service_list_doc(page: ServiceOfferPage, *, root: str = "") -> dict:
    """The one-to-one fields of a service, as in /services lists."""
    organization = page.organization
    published = page.last_published_at or page.latest_revision_created_at
    document = _drop_empty(
        {
            "id": str(page.hsds_id),
            "organization_id": organization_id(organization) if organization else None,
            "name": page.title,
            "alternate_name": page.summary,
            "description": plain_text(page.description),
            "url": page_url(page, root),
            "email": page.contact_email,
            "status": "active" if page.live else "inactive",
            "application_process": page.application_process,
            "fees_description": page.fee_description,
            "eligibility_description": page.eligibility_notes,
            "minimum_age": page.min_age,
            "maximum_age": page.max_age,
            "assured_date": _assured_date(page),
            "last_modified": published.isoformat() if published else None,
        }
    )
    return with_extra(document, page.hsds_extra.get("fields"))


def service_doc(page: ServiceOfferPage, *, root: str = "") -> dict:
    """A fully nested service with all the data we hold about it."""
    document = service_list_doc(page, root=root)
    service_id = document["id"]
    document.update(
        {
            "phones": [_phone(page)],
            "contacts": [_contact(page)],
            "schedules": _schedules(page),
            "service_areas": [_service_area(page, area) for area in page.service_area.all()],
            "service_at_locations": [
                _service_at_location_in_service(location) for location in page.locations.all()
            ],
            "languages": _languages(page, service_id),
            "funding": _funding(page),
            "cost_options": _cost_options(page),
            "required_documents": [
                {
                    "id": stable_id("document", service_id, index),
                    "service_id": service_id,
                    "document": text,
                }
                for index, text in enumerate(
                    things_written(page.things, language=settings.LANGUAGE_CODE)
                )
            ],
            "attributes": _category_attributes(page) + _codelist_attributes(page),
            "metadata": revision_metadata(page),
        }
    )
    if page.organization:
        document["organization"] = organization_list_doc(page.organization)
    return with_extra(document, _kept_for_service(page, document))


def _kept_for_service(page: ServiceOfferPage, document: dict) -> dict:
    """The service's kept HSDS data, linked to the service as it is published here."""
    extra = {key: value for key, value in page.hsds_extra.items() if key not in KEPT_ASIDE}
    if isinstance(extra.get("program"), dict) and document.get("organization_id"):
        # A program belongs to the organization that now provides the service.
        extra["program"] = extra["program"] | {"organization_id": document["organization_id"]}
        document.setdefault("program_id", extra["program"].get("id"))
    if extra.get("metadata"):
        # Kept provenance nested in the service is about the service unless it says otherwise.
        extra["metadata"] = [
            {"resource_id": document["id"], "resource_type": "service"} | item
            for item in extra["metadata"]
        ]
    return extra


def _service_at_location_in_service(location: OfferLocation) -> dict:
    document = {
        "id": service_at_location_id(location),
        "service_id": str(location.page.hsds_id),
        "location_id": str(location.hsds_id),
        "location": location_doc(location),
    }
    return with_extra(document, location.hsds_extra.get("service_at_location"))


def _languages(page: ServiceOfferPage, service_id: str) -> list[dict]:
    return [
        {
            "id": stable_id("language", service_id, code),
            "service_id": service_id,
            "code": LANGUAGE_ISO.get(code, code),
            "name": label,
        }
        for code, label in zip(page.languages, page.language_labels, strict=False)
    ]


def _phone(page: ServiceOfferPage) -> dict:
    return {
        "id": stable_id("phone", page.hsds_id),
        "service_id": str(page.hsds_id),
        "number": page.contact_phone,
        "type": "voice",
    }


def _contact(page: ServiceOfferPage) -> dict:
    phone = _phone(page)
    phone.pop("service_id")
    return _drop_empty(
        {
            "id": stable_id("contact", page.hsds_id),
            "service_id": str(page.hsds_id),
            "name": page.contact_name,
            "email": page.contact_email,
            "phones": [phone],
        }
    )


def schedule_timezone(page: ServiceOfferPage) -> float | int:
    """The UTC offset of the offer's hours: +8 unless imported with another one kept."""
    return page.hsds_extra.get("timezone", DEFAULT_TIMEZONE)


def _schedules(page: ServiceOfferPage) -> list[dict]:
    return [
        _drop_empty(
            {
                "id": stable_id("schedule", page.hsds_id, slot.weekday, slot.opens, slot.closes),
                "service_id": str(page.hsds_id),
                "valid_from": page.valid_from.isoformat() if page.valid_from else None,
                "valid_to": page.valid_until.isoformat() if page.valid_until else None,
                "freq": "WEEKLY",
                "interval": 1,
                "wkst": "MO",
                "byday": WEEKDAYS[slot.weekday - 1],
                "opens_at": slot.opens.strftime("%H:%M:%S"),
                "closes_at": slot.closes.strftime("%H:%M:%S"),
                "timezone": schedule_timezone(page),
                "description": str(slot),
            }
            | page.hsds_extra.get("schedule_details", {})
        )
        for slot in page.schedule.all()
    ]


def _service_area(page: ServiceOfferPage, area: Jurisdiction) -> dict:
    return {
        "id": stable_id("service-area", page.hsds_id, area.code),
        "service_id": str(page.hsds_id),
        "name": area.full_name,
        "description": f"{DIVISION_SCHEME} {area.code}",
        "extent": area.full_name
        if area.level == JurisdictionLevel.PROVINCE
        else f"{PROVINCE}{area.full_name}",
        "extent_type": "text",
    }


def _funding(page: ServiceOfferPage) -> list[dict]:
    if not page.funded_by_contract:
        return []
    return [
        {
            "id": stable_id("funding", page.hsds_id),
            "service_id": str(page.hsds_id),
            "source": FUNDING_SOURCE,
        }
    ]


def _funded(page: ServiceOfferPage) -> bool:
    """Funded by a contract here, or imported with our contract funding kept aside."""
    kept = page.hsds_extra.get("funding", [])
    return page.funded_by_contract or any(item.get("source") == FUNDING_SOURCE for item in kept)


def _cost_options(page: ServiceOfferPage) -> list[dict]:
    option: dict[str, Any] = {
        "id": stable_id("cost", page.hsds_id),
        "service_id": str(page.hsds_id),
    }
    if page.cost == CostKind.FEE and page.fee_amount is not None:
        option |= {
            "option": page.fee_description,
            "currency": page.fee_currency,
            "amount": float(page.fee_amount),
        } | page.hsds_extra.get("cost_option", {})
    else:
        label = CONTRACT_COST_OPTION if _funded(page) else FREE_COST_OPTION
        option |= {"option": label, "currency": "CNY", "amount": 0}
    return [_drop_empty(option)]


def _category_attributes(page: ServiceOfferPage) -> list[dict]:
    return [
        {
            "id": stable_id("attribute", page.hsds_id, category.slug),
            "link_id": str(page.hsds_id),
            "link_type": "category",
            "link_entity": "service",
            "taxonomy_term_id": taxonomy_term_id(category),
            "value": category.slug,
            "taxonomy_term": taxonomy_term_doc(category),
        }
        for category in page.categories.all()
    ]


def codelist_values(page: ServiceOfferPage) -> list[tuple[str, str]]:
    """The (field, code) pairs of an offer published as codelist attributes."""
    pairs = [(field, value) for field in ATTRIBUTE_FIELDS for value in getattr(page, field)]
    pairs += [("audience", "adults")] if page.accepts_adults else []
    pairs += [("audience", "juveniles")] if page.accepts_juveniles else []
    pairs += [("seats", str(page.seats))] if page.seats is not None else []
    pairs += [("waiting_list", "yes")] if page.waiting_list else []
    return pairs


def _codelist_attributes(page: ServiceOfferPage) -> list[dict]:
    return [
        {
            "id": stable_id("attribute", page.hsds_id, field, value),
            "link_id": str(page.hsds_id),
            "link_type": field,
            "link_entity": "service",
            "taxonomy_term_id": codelists.term_id(field, value),
            "value": value,
            "taxonomy_term": codelists.term_doc(field, value),
        }
        for field, value in codelist_values(page)
    ]


def _revision_value(content: dict, field: str) -> str:
    value = content.get(field)
    return "" if value is None else str(value)


def revision_metadata(page: ServiceOfferPage) -> list[dict]:
    """Provenance from the page's revisions: each change of a published field, who and when."""
    revisions = sorted(page._revisions.all(), key=lambda revision: revision.created_at)
    rows = []
    for previous, current in zip(revisions, revisions[1:], strict=False):
        for field, name in REVISION_FIELDS.items():
            before = _revision_value(previous.content, field)
            after = _revision_value(current.content, field)
            if before == after or not (before and after):
                continue  # HSDS metadata needs both values; a filled-in blank is the new value
            rows.append(
                {
                    "id": stable_id("metadata", current.pk, field),
                    "resource_id": str(page.hsds_id),
                    "resource_type": "service",
                    "last_action_date": current.created_at.date().isoformat(),
                    "last_action_type": "update",
                    "field_name": name,
                    "previous_value": before,
                    "replacement_value": after,
                    "updated_by": _author(current),
                }
            )
    return rows


def _author(revision) -> str:
    user = revision.user
    if user is None:
        return "system"
    return user.get_full_name() or user.get_username()
