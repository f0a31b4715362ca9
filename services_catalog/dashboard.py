"""Dashboard links of the service catalog: add offers, approve them, browse the catalog."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import Role
from portal.accounts.roles import SUPERUSER
from portal.dashboard import DashboardLink, register
from portal.organizations.models import ProviderSectionPage
from portal.organizations.selectors import sections_for_user
from services_catalog.selectors import offers_awaiting_approval_count


def _organization_section(request) -> ProviderSectionPage | None:
    return sections_for_user(request.user).filter(organization__isnull=False).first()


def _add_offer_url(request) -> str:
    section = _organization_section(request)
    if section is None:
        return reverse("wagtailadmin_home")
    return reverse(
        "wagtailadmin_pages:add", args=("services_catalog", "serviceofferpage", section.pk)
    )


register(
    DashboardLink(
        roles=frozenset({Role.PROVIDER_STAFF}),
        title=_("Add a service offer"),
        description=_(
            "Describe a service; the corrections agency approves it before it is published."
        ),
        url=_add_offer_url,
        order=30,
        visible=lambda request: _organization_section(request) is not None,
    )
)
register(
    DashboardLink(
        roles=frozenset({Role.AGENCY_MANAGER, SUPERUSER}),
        title=_("Approve service offers"),
        description=_("Offers that social organizations submitted for publication."),
        url=lambda request: reverse("wagtailadmin_home"),
        order=25,
        count=lambda request: offers_awaiting_approval_count(),
    )
)
register(
    DashboardLink(
        roles=frozenset({Role.CASEWORKER, Role.AGENCY_MANAGER, Role.OVERSIGHT, Role.VOLUNTEER}),
        title=_("Service catalog"),
        description=_("Published services of social organizations, with filters and search."),
        url=lambda request: reverse("services_catalog:catalog"),
        order=90,
    )
)
