"""Reports, opinions and the report inbox on the dashboards of managers and oversight."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import Role
from portal.accounts.roles import SUPERUSER
from portal.dashboard import DashboardLink, register
from reports.selectors import inbox_of, opinions_visible_to, overdue_opinions

READERS = frozenset({Role.AGENCY_MANAGER, Role.OVERSIGHT, SUPERUSER})

register(
    DashboardLink(
        roles=READERS,
        title=_("Reports"),
        description=_("Statistics by jurisdiction and period, to print or export."),
        url=lambda request: reverse("reports:index"),
        order=60,
    )
)
register(
    DashboardLink(
        roles=READERS,
        title=_("Supervision opinions"),
        description=_("The procuratorate's opinions, the agency's responses and what is overdue."),
        url=lambda request: reverse("reports:opinions"),
        order=61,
        count=lambda request: overdue_opinions(opinions_visible_to(request.user)).count(),
    )
)
register(
    DashboardLink(
        roles=frozenset({Role.OVERSIGHT}),
        title=_("Report inbox"),
        description=_("The committee's quarterly reports for your unit."),
        url=lambda request: reverse("reports:inbox"),
        order=62,
        count=lambda request: inbox_of(request.user).filter(read_at__isnull=True).count(),
    )
)
