"""What volunteers, agency managers and coordinators start from their dashboard."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import Role
from portal.dashboard import DashboardLink, register
from volunteers.models import ScreeningStatus
from volunteers.selectors import (
    coordinated_opportunities,
    hours_to_decide,
    managed_agency,
    volunteers_to_screen,
)

VOLUNTEER = frozenset({Role.VOLUNTEER})
MANAGER = frozenset({Role.AGENCY_MANAGER})
COORDINATORS = frozenset({Role.AGENCY_MANAGER, Role.PROVIDER_STAFF, Role.CASEWORKER})


def _url(name: str):
    return lambda request: reverse(name)


def _coordinates(request: HttpRequest) -> bool:
    """Only staff who coordinate volunteer work see its links."""
    user = request.user
    return managed_agency(user) is not None or coordinated_opportunities(user).exists()


def _waiting_for_screening(request: HttpRequest) -> int:
    waiting = [
        ScreeningStatus.APPLIED,
        ScreeningStatus.DOCUMENTS_CHECKED,
        ScreeningStatus.TRAINING_COMPLETED,
    ]
    return volunteers_to_screen(user=request.user).filter(status__in=waiting).count()


for link in [
    DashboardLink(
        VOLUNTEER,
        _("My volunteering"),
        _("Your screening status and documents."),
        _url("volunteers:home"),
        order=10,
    ),
    DashboardLink(
        VOLUNTEER,
        _("Volunteer opportunities"),
        _("Find shifts and sign up."),
        _url("volunteers:opportunities"),
        order=20,
    ),
    DashboardLink(
        VOLUNTEER,
        _("My shifts"),
        _("Shifts you signed up for or wait for."),
        _url("volunteers:my_shifts"),
        order=30,
    ),
    DashboardLink(
        VOLUNTEER,
        _("My hours"),
        _("Log hours, see yearly totals, print certificates."),
        _url("volunteers:hours"),
        order=40,
    ),
    DashboardLink(
        VOLUNTEER,
        _("My mentees"),
        _("People a caseworker referred to you."),
        _url("volunteers:mentees"),
        order=50,
    ),
    DashboardLink(
        MANAGER,
        _("Volunteer screening"),
        _("Move volunteers through screening."),
        _url("volunteers:screening_list"),
        order=60,
        count=_waiting_for_screening,
    ),
    DashboardLink(
        COORDINATORS,
        _("Volunteer hours to approve"),
        _("Approve or reject logged hours."),
        _url("volunteers:coordinate_hours"),
        order=70,
        count=lambda request: hours_to_decide(request.user).count(),
        visible=_coordinates,
    ),
    DashboardLink(
        COORDINATORS,
        _("Volunteer shift rosters"),
        _("Who signed up for your shifts."),
        _url("volunteers:coordinate_shifts"),
        order=80,
        visible=_coordinates,
    ),
]:
    register(link)
