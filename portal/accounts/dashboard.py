"""Kernel dashboard links for accounts: staff management, site editing, account settings."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import Role
from portal.accounts.roles import SUPERUSER
from portal.dashboard import DashboardLink, register

EVERYONE = frozenset({*Role.values, SUPERUSER})

register(
    DashboardLink(
        roles=frozenset({Role.AGENCY_MANAGER, SUPERUSER}),
        title=_("Manage staff"),
        description=_("Create accounts for caseworkers and see who works where."),
        url=lambda request: reverse("accounts:staff_list"),
        order=30,
    )
)
register(
    DashboardLink(
        roles=frozenset({Role.SITE_EDITOR, SUPERUSER}),
        title=_("Edit the website"),
        description=_("News, events, policies and the other pages of the portal."),
        url=lambda request: reverse("wagtailadmin_home"),
        order=40,
    )
)
register(
    DashboardLink(
        roles=frozenset({SUPERUSER}),
        title=_("System administration"),
        description=_("Users, groups and every record, for administrators."),
        url=lambda request: reverse("admin:index"),
        order=95,
    )
)
register(
    DashboardLink(
        roles=EVERYONE,
        title=_("Account settings"),
        description=_("Change your password or your e-mail address."),
        url=lambda request: reverse("account_change_password"),
        order=99,
    )
)
