"""Kernel dashboard link to the audit log."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import Role
from portal.accounts.roles import SUPERUSER
from portal.dashboard import DashboardLink, register

register(
    DashboardLink(
        roles=frozenset({Role.AGENCY_MANAGER, Role.OVERSIGHT, SUPERUSER}),
        title=_("Audit log"),
        description=_("Who read or changed what, when and from where."),
        url=lambda request: reverse("audit:list"),
        order=90,
    )
)
register(
    DashboardLink(
        roles=frozenset({Role.AGENCY_MANAGER}),
        title=_("Named case reviews"),
        description=_("Let an oversight user read one named case, for a reason and a period."),
        url=lambda request: reverse("audit:case_reviews"),
        order=91,
    )
)
register(
    DashboardLink(
        roles=frozenset({Role.OVERSIGHT}),
        title=_("My named case reviews"),
        description=_("The cases an agency lets you read, and until when."),
        url=lambda request: reverse("audit:my_case_reviews"),
        order=91,
    )
)
