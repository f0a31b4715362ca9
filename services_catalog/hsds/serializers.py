"""Our offers, organizations, locations and categories as HSDS 3.0 documents."""

import uuid
from html import unescape
from typing import Any

from django.utils.html import strip_tags

from matching.models import Category
from portal.organizations.models import Jurisdiction, JurisdictionLevel, Organization
from services_catalog.models import CostKind, OfferLocation, ServiceOfferPage

# Stable identifiers for what has no UUID of its own: uuid5 of a natural key in our namespace.
NAMESPACE = uuid.UUID("6f1c2d7e-3b8a-5c4d-9e0f-a1b2c3d4e5f6")
TAXONOMY_SLUG = "reintegration-service-categories"
CREDIT_CODE_SCHEME = "uscc"
CREDIT_CODE_TYPE = "统一社会信用代码"
DIVISION_SCHEME = "GB/T 2260"
FUNDING_SOURCE = "政府购买服务"
ATTRIBUTE_FIELDS = (
    "delivery_modes",
    "genders",
    "correction_types",
    "supervision_levels",
)
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


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


def taxonomy_doc() -> dict:
    return {
        "id": taxonomy_id(),
        "name": "社区矫正社会服务分类",
        "description": "河南省社区矫正社会力量参与服务的分类（可由管理人员维护）。",
        "version": "1",
    }


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


def organization_doc(organization: Organization, services: list[dict] | None = None) -> dict:
    document = organization_list_doc(organization)
    document["organization_identifiers"] = [
        {
            "id": stable_id("identifier", organization.credit_code),
            "organization_id": document["id"],
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


def location_doc(location: OfferLocation) -> dict:
    city, county = _city_and_county(location.jurisdiction)
    location_id = str(location.hsds_id)
    document = {
        "id": location_id,
        "location_type": "physical",
        "name": location.name,
        "latitude": float(location.latitude) if location.latitude is not None else None,
        "longitude": float(location.longitude) if location.longitude is not None else None,
        "external_identifier": location.jurisdiction.code,
        "external_identifier_type": DIVISION_SCHEME,
        "addresses": [
            {
                "id": stable_id("address", location_id),
                "location_id": location_id,
                "address_1": location.address,
                "city": city,
                "region": county,
                "state_province": "河南省",
                "postal_code": location.postal_code,
                "country": "CN",
                "address_type": "physical",
            }
        ],
    }
    if location.page.accessibility:
        document["accessibility"] = [
            {
                "id": stable_id("accessibility", location_id),
                "location_id": location_id,
                "description": location.page.accessibility,
            }
        ]
    return _drop_empty(document)


def service_at_location_doc(location: OfferLocation, *, full: bool = True) -> dict:
    page = location.page
    document = {
        "id": service_at_location_id(location),
        "service_id": str(page.hsds_id),
        "location_id": str(location.hsds_id),
        "location": location_doc(location),
    }
    if full:
        document["schedules"] = _schedules(page)
        document["service"] = service_list_doc(page)
    return document


def service_list_doc(page: ServiceOfferPage) -> dict:
    """The one-to-one fields of a service, as in /services lists."""
    organization = page.organization
    published = page.last_published_at or page.latest_revision_created_at
    return _drop_empty(
        {
            "id": str(page.hsds_id),
            "organization_id": organization_id(organization) if organization else None,
            "name": page.title,
            "alternate_name": page.summary,
            "description": plain_text(page.description),
            "url": page.full_url,
            "email": page.contact_email,
            "status": "active" if page.live else "inactive",
            "application_process": page.application_process,
            "fees_description": page.fee_description,
            "eligibility_description": page.eligibility_notes,
            "minimum_age": page.min_age,
            "maximum_age": page.max_age,
            "last_modified": published.isoformat() if published else None,
        }
    )


def service_doc(page: ServiceOfferPage) -> dict:
    """A fully nested service with all the data we hold about it."""
    document = service_list_doc(page)
    service_id = document["id"]
    document.update(
        {
            "phones": [_phone(page)],
            "contacts": [_contact(page)],
            "schedules": _schedules(page),
            "service_areas": [_service_area(page, area) for area in page.service_area.all()],
            "service_at_locations": [
                service_at_location_doc(location, full=False) for location in page.locations.all()
            ],
            "languages": [
                {
                    "id": stable_id("language", service_id, code),
                    "service_id": service_id,
                    "code": code,
                    "name": label,
                }
                for code, label in zip(page.languages, page.language_labels, strict=False)
            ],
            "funding": _funding(page),
            "cost_options": _cost_options(page),
            "required_documents": [
                {
                    "id": stable_id("document", service_id, index),
                    "service_id": service_id,
                    "document": text,
                }
                for index, text in enumerate(page.required_document_list)
            ],
            "attributes": _category_attributes(page) + _eligibility_attributes(page),
        }
    )
    if page.organization:
        document["organization"] = organization_list_doc(page.organization)
    return document


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
                "opens_at": slot.opens.strftime("%H:%M"),
                "closes_at": slot.closes.strftime("%H:%M"),
                "timezone": 8,
                "description": str(slot),
            }
        )
        for slot in page.schedule.all()
    ]


def _service_area(page: ServiceOfferPage, area: Jurisdiction) -> dict:
    return {
        "id": stable_id("service-area", page.hsds_id, area.code),
        "service_id": str(page.hsds_id),
        "name": area.full_name,
        "extent": area.code,
        "extent_type": DIVISION_SCHEME,
    }


def _funding(page: ServiceOfferPage) -> list[dict]:
    if page.cost != CostKind.CONTRACT:
        return []
    return [
        {
            "id": stable_id("funding", page.hsds_id),
            "service_id": str(page.hsds_id),
            "source": FUNDING_SOURCE,
        }
    ]


def _cost_options(page: ServiceOfferPage) -> list[dict]:
    if page.cost != CostKind.FEE or page.fee_amount is None:
        return []
    return [
        _drop_empty(
            {
                "id": stable_id("cost", page.hsds_id),
                "service_id": str(page.hsds_id),
                "option": page.fee_description,
                "currency": "CNY",
                "amount": float(page.fee_amount),
            }
        )
    ]


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


def _eligibility_attributes(page: ServiceOfferPage) -> list[dict]:
    pairs = [(field, value) for field in ATTRIBUTE_FIELDS for value in getattr(page, field)]
    pairs += [("audience", "adults")] if page.accepts_adults else []
    pairs += [("audience", "juveniles")] if page.accepts_juveniles else []
    pairs += [("seats", str(page.seats))] if page.seats is not None else []
    pairs += [("waiting_list", "yes")] if page.waiting_list else []
    return [
        {
            "id": stable_id("attribute", page.hsds_id, field, value),
            "link_id": str(page.hsds_id),
            "link_type": field,
            "link_entity": "service",
            "value": value,
        }
        for field, value in pairs
    ]
