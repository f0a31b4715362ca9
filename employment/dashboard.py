"""Dashboard links of the employment app for employers, caseworkers, managers and oversight."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from employment.selectors import applications_for, employer_ids_of, follow_ups_overdue_count
from employment.vocabulary import OPEN_STATES
from portal.accounts.models import Role
from portal.dashboard import DashboardLink, register
from portal.organizations.models import ProviderSectionPage


def _job_add_url(request) -> str:
    section = ProviderSectionPage.objects.filter(
        organization_id__in=employer_ids_of(request.user)
    ).first()
    if section is None:
        return reverse("wagtailadmin_home")
    return reverse("wagtailadmin_pages:add", args=("employment", "jobofferpage", section.pk))


register(
    DashboardLink(
        roles=frozenset({Role.EMPLOYER_STAFF}),
        title=_("Publish a job offer"),
        description=_("Write a fair-chance job offer; the agency approves it before it is public."),
        url=_job_add_url,
        order=30,
        visible=lambda request: bool(employer_ids_of(request.user)),
    )
)
register(
    DashboardLink(
        roles=frozenset({Role.EMPLOYER_STAFF, Role.CASEWORKER, Role.AGENCY_MANAGER}),
        title=_("Job applications"),
        description=_("People referred to jobs and where each application stands."),
        url=lambda request: reverse("employment:application_list"),
        order=40,
        count=lambda request: (
            applications_for(user=request.user).filter(state__in=OPEN_STATES).count()
        ),
    )
)
register(
    DashboardLink(
        roles=frozenset({Role.EMPLOYER_STAFF, Role.CASEWORKER, Role.AGENCY_MANAGER}),
        title=_("Follow-ups due"),
        description=_("Is each person hired still employed after 1, 3 and 6 months?"),
        url=lambda request: reverse("employment:follow_up_list"),
        order=45,
        count=lambda request: follow_ups_overdue_count(user=request.user),
    )
)
