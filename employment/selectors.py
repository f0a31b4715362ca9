"""Reads shared by the employment screens: who sees which applications, the board, and the
reports' placement and retention counts."""

from datetime import date
from typing import Any

from django.db.models import Case, Count, F, Q, QuerySet, Value, When
from django.utils import timezone

from employment.models import (
    EntrepreneurshipSupportPage,
    FollowUp,
    JobApplication,
    JobFair,
    JobOfferPage,
)
from employment.vocabulary import ApplicationState, FollowUpOutcome
from matching.eligibility import OfferKind
from matching.selectors import offer_search
from matching.types import MatchQuery
from portal.accounts.models import Role
from portal.organizations.models import Jurisdiction, JurisdictionLevel, Membership, StaffAssignment
from portal.organizations.selectors import within_jurisdiction

REFERRING_ROLES = frozenset({Role.CASEWORKER, Role.AGENCY_MANAGER})


def employer_ids_of(user: Any) -> list[int]:
    """The employers an employer-staff user works for."""
    if not user.is_authenticated or user.role != Role.EMPLOYER_STAFF:
        return []
    return list(
        Membership.objects.filter(user=user, organization__kind="employer").values_list(
            "organization_id", flat=True
        )
    )


def _agency_id_of(user: Any) -> int | None:
    assignment = StaffAssignment.objects.filter(user=user).only("agency_id").first()
    return assignment.agency_id if assignment else None


def _referral_scope(user: Any) -> Q | None:
    """Applications a caseworker referred, or (for a manager) that the agency's staff referred."""
    if user.role == Role.CASEWORKER:
        return Q(created_by=user)
    if user.role == Role.AGENCY_MANAGER:
        agency_id = _agency_id_of(user)
        return Q(created_by__staff_assignment__agency_id=agency_id) if agency_id else None
    return None


def _application_scope(user: Any) -> Q | None:
    if not user.is_authenticated:
        return None
    if user.role == Role.EMPLOYER_STAFF:
        return Q(job__organization_id__in=employer_ids_of(user))
    return _referral_scope(user)


def applications_for(*, user: Any) -> QuerySet[JobApplication]:
    """The applications a user may read: their employer's, or the referrals they made."""
    scope = _application_scope(user)
    queryset = JobApplication.objects.select_related(
        "referral", "job", "job__organization", "job__jurisdiction"
    )
    return queryset.filter(scope) if scope is not None else queryset.none()


def application_can_move(*, user: Any, application: JobApplication) -> bool:
    """Only staff of the job's employer move an application through its pipeline."""
    return application.job.organization_id in employer_ids_of(user)


def application_can_record_follow_up(*, user: Any, application: JobApplication) -> bool:
    """The employer, the referring caseworker or their agency manager record follow-ups."""
    if application_can_move(user=user, application=application):
        return True
    scope = _referral_scope(user) if user.is_authenticated else None
    return scope is not None and JobApplication.objects.filter(scope, pk=application.pk).exists()


def follow_ups_due(*, user: Any, on: date | None = None) -> QuerySet[FollowUp]:
    """Pending follow-ups of the user's applications open on `on` (today): due within a week."""
    return (
        FollowUp.objects.filter(
            outcome=FollowUpOutcome.PENDING,
            due_on__lte=FollowUp.last_due_open_on(on or timezone.localdate()),
            application__in=applications_for(user=user),
        )
        .select_related(
            "application__referral", "application__job", "application__job__organization"
        )
        .order_by("due_on", "pk")
    )


def follow_ups_shown(
    *, application: JobApplication, on: date | None = None
) -> tuple[list[FollowUp], FollowUp | None]:
    """An application's follow-ups answered or open on `on` (today), and the next one to open."""
    today = on or timezone.localdate()
    shown: list[FollowUp] = []
    upcoming: list[FollowUp] = []
    for follow_up in application.follow_ups.select_related("recorded_by").order_by("months"):
        if follow_up.is_pending and not follow_up.is_open_on(today):
            upcoming.append(follow_up)
        else:
            shown.append(follow_up)
    return shown, upcoming[0] if upcoming else None


def follow_ups_overdue_count(*, user: Any) -> int:
    """How many of the user's follow-ups are due today or earlier."""
    return follow_ups_due(user=user).filter(due_on__lte=timezone.localdate()).count()


def open_jobs(*, on: date | None = None) -> QuerySet[JobOfferPage]:
    """Live job offers valid on `on` (today) with positions still to fill, with their employer."""
    today = on or timezone.localdate()
    return (
        JobOfferPage.objects.live()
        .filter(valid_from__lte=today, valid_until__gte=today)
        .select_related("organization", "jurisdiction", "jurisdiction__parent")
        .annotate(hired=Count("applications", filter=Q(applications__state=ApplicationState.HIRED)))
        .filter(hired__lt=F("positions"))
        .order_by("-first_published_at", "-pk")
    )


def open_entrepreneurship_support(*, on: date | None = None) -> QuerySet:
    """Live entrepreneurship support valid on `on` (today)."""
    today = on or timezone.localdate()
    return (
        EntrepreneurshipSupportPage.objects.live()
        .filter(valid_from__lte=today, valid_until__gte=today)
        .select_related("organization", "agency", "jurisdiction")
        .order_by("-first_published_at", "-pk")
    )


def job_hired_count(*, job_id: int) -> int:
    """How many people a job offer has hired."""
    return JobApplication.objects.filter(job_id=job_id, state=ApplicationState.HIRED).count()


SEARCH_LIMIT = 500


def job_search_ids(*, keyword: str) -> list[int]:
    """Job offer ids matching a keyword, best first, from the matching engine (Chinese aware)."""
    result = offer_search(
        query=MatchQuery(kinds=(OfferKind.JOB.value,), keyword=keyword, limit=SEARCH_LIMIT)
    )
    return [hit.document.source_id for hit in result.hits]


def in_rank_order(queryset: QuerySet, ids: list[int]) -> QuerySet:
    """Keep only `ids` of a queryset, ordered as given."""
    ranking = Case(*(When(pk=pk, then=Value(rank)) for rank, pk in enumerate(ids)))
    return queryset.filter(pk__in=ids).order_by(ranking) if ids else queryset.none()


def job_fairs_upcoming() -> QuerySet[JobFair]:
    """Job fairs that have not ended, soonest first."""
    return (
        JobFair.objects.filter(ends_at__gte=timezone.now())
        .select_related("jurisdiction")
        .prefetch_related("employers")
        .order_by("starts_at")
    )


def job_fair_jobs(*, fair: JobFair) -> QuerySet[JobOfferPage]:
    """The open jobs of a fair's participating employers."""
    return open_jobs().filter(organization__in=fair.employers.all())


def follow_ups_for(*, user: Any) -> QuerySet[FollowUp]:
    """Every follow-up of the applications a user may read."""
    return FollowUp.objects.filter(application__in=applications_for(user=user))


def county_of(path: str) -> Case:
    """The county-level name of a jurisdiction that may be a township."""
    return Case(
        When(**{f"{path}__level": JurisdictionLevel.TOWNSHIP}, then=F(f"{path}__parent__name")),
        default=F(f"{path}__name"),
    )


def placement_statistics(
    *, jurisdiction: Jurisdiction, start: date, end: date
) -> list[dict[str, Any]]:
    """Per county of the job: people referred to jobs in a place and period and how their
    applications stand (counts only), for the reports."""
    place = within_jurisdiction("job__jurisdiction", jurisdiction)
    states = {state.value: Count("pk", filter=Q(state=state)) for state in ApplicationState}
    rows = (
        JobApplication.objects.filter(place, created_at__date__range=(start, end))
        .annotate(county=county_of("job__jurisdiction"))
        .values("county")
        .annotate(**states)
        .order_by("county")
    )
    return [dict(row) for row in rows]


def retention_statistics(
    *, jurisdiction: Jurisdiction, start: date, end: date
) -> list[dict[str, Any]]:
    """Per follow-up month (1, 3, 6): follow-ups due in a place and period by outcome (counts
    only), for the reports."""
    place = within_jurisdiction("application__job__jurisdiction", jurisdiction)
    outcomes = {
        outcome.value: Count("pk", filter=Q(outcome=outcome)) for outcome in FollowUpOutcome
    }
    rows = (
        FollowUp.objects.filter(place, due_on__range=(start, end))
        .values("months")
        .annotate(**outcomes)
        .order_by("months")
    )
    return [dict(row) for row in rows]
