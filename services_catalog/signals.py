"""Wagtail page events that the catalog follows."""

from wagtail.signals import page_published, post_page_move

from portal.organizations.signals import organization_verified
from services_catalog.models import ServiceOfferPage, section_organization_id
from services_catalog.services import offer_capacity_sync, section_moderators_ensure


def _offer_published(sender, instance, **kwargs) -> None:
    offer_capacity_sync(page=instance)


def _offer_moved(sender, instance, parent_page_after, **kwargs) -> None:
    organization_id = section_organization_id(parent_page_after.path)
    ServiceOfferPage.objects.filter(pk=instance.pk).update(organization_id=organization_id)


def _organization_verified(sender, organization, section, **kwargs) -> None:
    section_moderators_ensure(section=section)


def connect() -> None:
    """Keep matching's seat count in step with every published revision of an offer."""
    page_published.connect(
        _offer_published, sender=ServiceOfferPage, dispatch_uid="service_offer_capacity"
    )
    post_page_move.connect(
        _offer_moved, sender=ServiceOfferPage, dispatch_uid="service_offer_organization"
    )
    organization_verified.connect(
        _organization_verified, dispatch_uid="service_catalog_section_moderators"
    )
