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
