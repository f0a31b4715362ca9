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
    organization_verify,
    section_ensure,
    section_moderators_group,
)
from services_catalog.hsds.importer import ImportRow
from services_catalog.hsds.mapping import IMPORTED_FIELDS
from services_catalog.models import ServiceOfferPage


def offer_capacity_sync(*, page: ServiceOfferPage) -> OfferCapacity:
    """Publish an offer's seats to matching, where referrals take and release them."""
    return capacity_set(offer_key=offer_key("service", page.pk), seats_total=page.seats)


def offer_submit_for_moderation(*, offer: ServiceOfferPage, user=None) -> bool:
    """Send an offer's latest revision to the agency's approval workflow (False: none applies)."""
    workflow = offer.get_workflow()
    if workflow is None:
        return False
    if offer.workflow_in_progress:
        offer.current_workflow_state.cancel(user=user)
    workflow.start(offer, user)
    return True


def offer_create(
    *, section: Page, offer: ServiceOfferPage, submit: bool, user=None
) -> ServiceOfferPage:
    """Add a new offer (with its locations and schedule) under a provider's section.

    Saved as a draft revision; with `submit` it goes to the agency's approval workflow.
    """
    with transaction.atomic():
        offer.live = False
        section.add_child(instance=offer)
        offer.save_revision(user=user, log_action=True)
        submitted = submit and offer_submit_for_moderation(offer=offer, user=user)
        audit_record(
            actor=user, action="service_offer.import", obj=offer, detail={"submitted": submitted}
        )
    return offer


def _same_children(offer: ServiceOfferPage, page: ServiceOfferPage) -> None:
    """Give imported locations the rows of the ones they replace (same HSDS identifier)."""
    existing = {location.hsds_id: location.pk for location in page.locations.all()}
    for location in offer.locations.all():
        location.pk = existing.get(location.hsds_id)


def offer_update(
    *, page: ServiceOfferPage, offer: ServiceOfferPage, submit: bool, user=None
) -> ServiceOfferPage:
    """Apply an imported version of an existing offer as a new revision.

    A draft offer is changed at once; a live one keeps its public version until the agency
    approves the revision (with `submit`, it goes to the approval workflow).
    """
    with transaction.atomic():
        page = ServiceOfferPage.objects.select_for_update().get(pk=page.pk)
        _same_children(offer, page)
        for name in IMPORTED_FIELDS:
            setattr(page, name, getattr(offer, name))
        page.categories = list(offer.categories.all())
        page.service_area = list(offer.service_area.all())
        page.locations = list(offer.locations.all())
        page.schedule = list(offer.schedule.all())
        if not page.live:
            page.save()
        page.save_revision(user=user, log_action=True)
        submitted = submit and offer_submit_for_moderation(offer=page, user=user)
        audit_record(
            actor=user,
            action="service_offer.import_update",
            obj=page,
            detail={"submitted": submitted},
        )
    return page


def _provider_ready(organization: Organization, user) -> Page:
    existing = Organization.objects.filter(credit_code=organization.credit_code).first()
    if existing is None:
        organization.full_clean()
        organization.save()
        return organization_verify(organization=organization, actor=user)
    return section_ensure(organization=existing)


def offers_import(*, rows: list[ImportRow], user=None) -> list[ServiceOfferPage]:
    """Write checked import rows in one transaction: all of them or none.

    New offers are created, known ones (same HSDS id) updated; organization rows register
    their organization.
    """
    offers = []
    with transaction.atomic():
        for row in rows:
            if row.organization is None:
                continue
            section = _provider_ready(row.organization, user)
            if row.offer is None or (row.existing is not None and not row.changes):
                continue
            if row.existing is not None:
                offers.append(
                    offer_update(page=row.existing, offer=row.offer, submit=row.publish, user=user)
                )
            else:
                offers.append(
                    offer_create(section=section, offer=row.offer, submit=row.publish, user=user)
                )
    return offers


def section_moderators_ensure(*, section: Page) -> None:
    """Let the managers of the section's own agency publish and unpublish its offers."""
    group = section_moderators_group(section.specific)
    if group is None:
        return
    permission = Permission.objects.get(
        content_type__app_label="wagtailcore", codename="publish_page"
    )
    GroupPagePermission.objects.get_or_create(group=group, page=section, permission=permission)
