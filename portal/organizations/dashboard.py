"""Kernel dashboard links for organizations: verification and the providers' own sections."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import Role
from portal.accounts.roles import SUPERUSER
from portal.dashboard import DashboardLink, register
from portal.organizations.selectors import pending_verification_count, sections_for_user


def _section_editor_url(request) -> str:
    sections = list(sections_for_user(request.user)[:2])
    if len(sections) == 1:
        return reverse("wagtailadmin_explore", args=[sections[0].pk])
    return reverse("wagtailadmin_home")


register(
    DashboardLink(
        roles=frozenset({Role.AGENCY_MANAGER, SUPERUSER}),
        title=_("Verify organizations"),
        description=_("Check new registrations of social organizations and employers."),
        url=lambda request: reverse("organizations:verification_queue"),
        order=10,
        count=lambda request: pending_verification_count(request.user),
    )
)
register(
    DashboardLink(
        roles=frozenset({Role.OVERSIGHT}),
        title=_("Registered organizations"),
        description=_("Social organizations and employers and their verification status."),
        url=lambda request: reverse("organizations:verification_queue") + "?status=all",
        order=10,
    )
)
register(
    DashboardLink(
        roles=frozenset(
            {Role.PROVIDER_STAFF, Role.EMPLOYER_STAFF, Role.CASEWORKER, Role.AGENCY_MANAGER}
        ),
        title=_("Edit our pages"),
        description=_(
            "Your public profile and offers, in the page editor; agency managers approve them."
        ),
        url=_section_editor_url,
        order=20,
        visible=lambda request: sections_for_user(request.user).exists(),
    )
)
register(
    DashboardLink(
        roles=frozenset({Role.AGENCY_MANAGER}),
        title=_("Judicial offices"),
        description=_("The township offices of your agency, where caseworkers work."),
        url=lambda request: reverse("organizations:judicial_offices"),
        order=35,
    )
)
