"""Reads of the reports app's own records, scoped to who asks."""

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from portal.accounts.models import Role
from portal.accounts.roles import SUPERUSER, has_role
from portal.organizations.selectors import agency_for_user, within_jurisdiction
from reports.models import OpinionState, ReportDelivery, SupervisionOpinion
from reports.scope import oversight_jurisdiction


def opinions_visible_to(user: Any) -> QuerySet[SupervisionOpinion]:
    """Opinions a user may read: an agency manager's own agency's, an oversight user's within
    their jurisdiction, every one for superusers."""
    opinions = SupervisionOpinion.objects.select_related("agency", "issued_by")
    if has_role(user, SUPERUSER):
        return opinions
    if has_role(user, Role.AGENCY_MANAGER):
        agency = agency_for_user(user)
        return opinions.filter(agency=agency) if agency else opinions.none()
    if has_role(user, Role.OVERSIGHT):
        place = oversight_jurisdiction(user)
        if place is None:
            return opinions.none()
        return opinions.filter(within_jurisdiction("agency__jurisdiction", place))
    return opinions.none()


def overdue_opinions(opinions: QuerySet[SupervisionOpinion]) -> QuerySet[SupervisionOpinion]:
    """Opinions still awaiting a response after their deadline."""
    return opinions.filter(state=OpinionState.ISSUED, deadline__lt=timezone.localdate())


def inbox_of(user: Any) -> QuerySet[ReportDelivery]:
    """The reports delivered to a user, newest period first."""
    return ReportDelivery.objects.filter(recipient=user).select_related("jurisdiction")
