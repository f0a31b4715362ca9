"""Writes of the service catalog: seats on publication, and offers created from HSDS imports."""

from django.contrib.auth.models import Permission
from django.db import transaction

from wagtail.models import GroupPagePermission, Page

from matching.models import OfferCapacity
from matching.selectors import offer_key
from matching.services import capacity_set
from portal.audit.services import audit_record
from portal.organizations.models import Organization
from portal.organizations.services import (
    agency_managers_group,
    organization_verify,
    section_ensure,
)
from services_catalog.hsds.importer import ImportRow
from services_catalog.models import ServiceOfferPage


def offer_capacity_sync(*, page: ServiceOfferPage) -> OfferCapacity:
    """Publish an offer's seats to matching, where referrals take and release them."""
    return capacity_set(offer_key=offer_key("service", page.pk), seats_total=page.seats)


def offer_create(
    *, section: Page, offer: ServiceOfferPage, publish: bool, user=None
) -> ServiceOfferPage:
    """Add a new offer (with its locations and schedule) under a provider's section.

    Saved as a draft revision; with `publish` it goes live at once (imports by an administrator).
    """
    with transaction.atomic():
        offer.live = False
        section.add_child(instance=offer)
        revision = offer.save_revision(user=user, log_action=True)
        if publish:
            revision.publish(user=user)
            offer.refresh_from_db()
        audit_record(
            actor=user, action="service_offer.import", obj=offer, detail={"publish": publish}
        )
    return offer


def _provider_ready(organization: Organization, user) -> Page:
    existing = Organization.objects.filter(credit_code=organization.credit_code).first()
    if existing is None:
        organization.full_clean()
        organization.save()
        return organization_verify(organization=organization, actor=user)
    return section_ensure(organization=existing)


def offers_import(*, rows: list[ImportRow], user=None) -> list[ServiceOfferPage]:
    """Write checked import rows in one transaction: all of them or none."""
    with transaction.atomic():
        return [
            offer_create(
                section=_provider_ready(row.organization, user),
                offer=row.offer,
                publish=row.publish,
                user=user,
            )
            for row in rows
            if row.organization is not None and row.offer is not None
        ]


def section_moderators_ensure(*, section: Page) -> None:
    """Let agency managers publish and unpublish the offers of a provider's section."""
    permission = Permission.objects.get(
        content_type__app_label="wagtailcore", codename="publish_page"
    )
    GroupPagePermission.objects.get_or_create(
        group=agency_managers_group(), page=section, permission=permission
    )
