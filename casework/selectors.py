"""Reads of casework data; every queryset of personal data starts from `persons_visible_to`."""

from datetime import date, datetime, time, timedelta
from typing import Any, cast

from django.conf import settings
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from casework.models import (
    AssessedNeed,
    DuplicateReason,
    DuplicateReview,
    NeedsAssessment,
    PersonChangeRequest,
    PersonStatus,
    ReviewState,
    SupervisedPerson,
)
from matching.eligibility import CorrectionType
from matching.models import Referral, ReferralEvent, ReferralState
from matching.selectors import overdue_referrals
from matching.types import Need, PersonProfile
from portal.accounts.models import Role
from portal.audit.selectors import case_reviews_granted_to
from portal.identity import (
    contains_identity_number,
    identity_lookup_hash,
    normalize_identity_number,
)
from portal.organizations.models import Jurisdiction, StaffAssignment
from portal.organizations.selectors import within_jurisdiction

STAFF_ROLES = frozenset({Role.CASEWORKER, Role.AGENCY_MANAGER})


def staff_assignment(user: Any) -> StaffAssignment | None:
    """Where a caseworker or agency manager works, or None for anyone else.

    Kept in the user's own `staff_assignment` relation cache, so a request reads it once
    however many screens, decorators and selectors ask."""
    if not getattr(user, "is_authenticated", False) or user.role not in STAFF_ROLES:
        return None
    relation = StaffAssignment._meta.get_field("user").remote_field
    if relation.is_cached(user):
        return cast(StaffAssignment | None, relation.get_cached_value(user))
    assignment = (
        StaffAssignment.objects.select_related("agency", "judicial_office")
        .filter(user=user)
        .first()
    )
    relation.set_cached_value(user, assignment)
    return assignment


def persons_visible_to(user: Any) -> QuerySet[SupervisedPerson]:
    """The one scoping rule for personal data: office or agency, sealed records only if assigned."""
    persons = SupervisedPerson.objects.select_related(
        "agency__jurisdiction", "judicial_office__jurisdiction"
    )
    assignment = staff_assignment(user)
    if assignment is None:
        # Oversight reads only the named cases an agency granted it, never a sealed record.
        granted = Q(pk__in=[])
        for code, agency_id in case_reviews_granted_to(user).values_list("case_code", "agency_id"):
            granted |= Q(referral_code=code, agency_id=agency_id)
        return persons.filter(granted, is_juvenile=False)
    if user.role == Role.AGENCY_MANAGER:
        return persons.filter(agency=assignment.agency_id)
    if assignment.judicial_office_id:
        persons = persons.filter(judicial_office=assignment.judicial_office_id)
    else:
        persons = persons.filter(agency=assignment.agency_id)
    # EXISTS, not a join and DISTINCT: one row per person, and a plan ten times cheaper to make.
    assigned = SupervisedPerson.caseworkers.through.objects.filter(
        supervisedperson_id=OuterRef("pk"), user_id=user.pk
    )
    return persons.filter(Q(is_juvenile=False) | Exists(assigned))


def identity_number_shaped(value: str) -> bool:
    """Whether a text holds what looks like an identity number (portal.identity's one rule)."""
    return contains_identity_number(value)


def person_query(persons: QuerySet[SupervisedPerson], query: str) -> QuerySet[SupervisedPerson]:
    """Narrow persons to an exact identity number, else a referral code or part of the name."""
    query = (query or "").strip()
    if not query:
        return persons
    number = normalize_identity_number(query)
    if len(number) == 18 and number[:17].isdigit():
        return persons.filter(identity_lookup_hash=identity_lookup_hash(number))
    full_name = (
        Q(family_name=query[:1], given_name__startswith=query[1:]) if len(query) > 1 else Q()
    )
    return persons.filter(
        Q(referral_code__iexact=query)
        | Q(given_name__contains=query)
        | Q(family_name=query)
        | full_name
    )


def one_edit_apart(first: str, second: str) -> bool:
    """Whether two names are equal or differ by one character added, dropped or changed."""
    if abs(len(first) - len(second)) > 1:
        return False
    same = 0
    while same < min(len(first), len(second)) and first[same] == second[same]:
        same += 1
    rest = same + 1
    return first[rest:] in (second[rest:], second[same:]) or first[same:] == second[rest:]


def duplicate_reason(person: SupervisedPerson, other: SupervisedPerson) -> str | None:
    """Why another record may be the same person: the identity number, else the same birth date
    with the same full name, else with the same family name or a name one character apart."""
    if person.identity_lookup_hash == other.identity_lookup_hash:
        return DuplicateReason.IDENTITY_NUMBER
    if person.birth_date != other.birth_date:
        return None
    if person.full_name == other.full_name:
        return DuplicateReason.NAME_AND_BIRTH_DATE
    if person.family_name == other.family_name or one_edit_apart(person.full_name, other.full_name):
        return DuplicateReason.SIMILAR_NAME
    return None


def possible_duplicates(person: SupervisedPerson) -> list[tuple[SupervisedPerson, str]]:
    """Every other record, in any agency and sealed or not, that may be this person, with why."""
    candidates = SupervisedPerson.objects.filter(
        Q(identity_lookup_hash=person.identity_lookup_hash) | Q(birth_date=person.birth_date)
    ).exclude(pk=person.pk)
    found = [(other, duplicate_reason(person, other)) for other in candidates.order_by("pk")]
    return [(other, reason) for other, reason in found if reason]


def change_requests_for(person: SupervisedPerson) -> QuerySet[PersonChangeRequest]:
    """A person's change requests awaiting approval, for the person's page."""
    return person.change_requests.filter(state=ReviewState.PENDING).select_related(
        "requested_by", "to_agency", "to_office"
    )


def reviews_to_decide(user: Any) -> tuple[QuerySet, QuerySet]:
    """The change requests and duplicate reviews an agency manager's agency has to decide."""
    assignment = staff_assignment(user)
    if assignment is None or user.role != Role.AGENCY_MANAGER:
        return PersonChangeRequest.objects.none(), DuplicateReview.objects.none()
    changes = PersonChangeRequest.objects.filter(agency=assignment.agency_id).select_related(
        "person", "requested_by", "decided_by", "to_agency", "to_office"
    )
    duplicates = DuplicateReview.objects.filter(agency=assignment.agency_id).select_related(
        "person", "requested_by", "decided_by"
    )
    return changes, duplicates


def duplicate_matches_seen_by(user: Any, review: DuplicateReview) -> list[dict[str, Any]]:
    """A review's matches as a manager may see them: a record in their scope in full, any other
    only as the agency holding it and why it matched (no name, number, status or sealing)."""
    matches = list(review.matches.select_related("person__agency"))
    visible = set(
        persons_visible_to(user)
        .filter(pk__in=[match.person_id for match in matches])
        .values_list("pk", flat=True)
    )
    return [
        {
            "person": match.person if match.person_id in visible else None,
            "agency": match.person.agency,
            "reason": match.get_reason_display(),
        }
        for match in matches
    ]


def referrals_visible_to(user: Any) -> QuerySet[Referral]:
    """Referrals of the persons the user may see, for caseworkers and agency managers."""
    return Referral.objects.filter(person_link__person__in=persons_visible_to(user)).select_related(
        "person_link__person", "need_category", "organization", "owner_user"
    )


def latest_assessment(person: SupervisedPerson) -> NeedsAssessment | None:
    """The current version of a person's needs assessment, with its needs."""
    needs = Prefetch("needs", queryset=AssessedNeed.objects.select_related("category"))
    return person.assessments.prefetch_related(needs).order_by("-version").first()


def current_needs(person: SupervisedPerson) -> list[AssessedNeed]:
    """The needs of a person's current assessment version with their categories (one query)."""
    current = person.assessments.order_by("-version").values("pk")[:1]
    return list(
        AssessedNeed.objects.filter(assessment=Subquery(current)).select_related("category")
    )


def person_profile(
    person: SupervisedPerson, *, on: date | None = None, needs: list[AssessedNeed] | None = None
) -> PersonProfile:
    """What matching may know of a person: eligibility facts and current needs, no identity.

    A caller that already read `current_needs(person)` passes them, so they are read once."""
    on = on or timezone.localdate()
    if needs is None:
        needs = current_needs(person)
    place = person.jurisdiction
    return PersonProfile(
        gender=person.gender,
        age=person.age_on(on),
        is_juvenile=person.is_juvenile,
        correction_type=person.correction_type,
        supervision_level=person.supervision_level,
        jurisdiction_code=place.code,
        latitude=float(place.latitude),
        longitude=float(place.longitude),
        needs=tuple(Need(category=need.category.slug, priority=need.priority) for need in needs),
    )


def overdue_cutoff() -> Any:
    """Referrals sent before this moment without an answer are overdue."""
    return timezone.now() - timedelta(days=settings.REFERRAL_RESPONSE_DAYS)


def agency_aggregates(*, agency_id: int | None = None) -> dict[str, Any]:
    """Counts only (sealed records included): persons by status and referrals by state."""
    persons = SupervisedPerson.objects.all()
    if agency_id is not None:
        persons = persons.filter(agency_id=agency_id)
    referrals = Referral.objects.filter(person_link__person__in=persons)
    return {
        "persons_total": persons.count(),
        "sealed_total": persons.filter(is_juvenile=True).count(),
        "persons_by_status": _counts(persons, "status", PersonStatus),
        "persons_by_correction_type": _counts(persons, "correction_type", CorrectionType),
        "referrals_by_state": _counts(referrals, "state", ReferralState),
        "referrals_overdue": overdue_referrals(referrals).count(),
    }


def _counts(queryset: QuerySet, field: str, choices: Any) -> list[tuple[str, str, int]]:
    rows = queryset.order_by().values(field).annotate(n=Count("id"))
    found = {row[field]: row["n"] for row in rows}
    return [(value, label, found.get(value, 0)) for value, label in choices.choices]


def supervised_on(on: date) -> Q:
    """Whether a person's supervision covered a day (not yet revoked or transferred by then)."""
    ended_early = Q(status__in=[PersonStatus.REVOKED, PersonStatus.TRANSFERRED]) & Q(
        updated_at__date__lte=on
    )
    return Q(start_date__lte=on, end_date__gte=on) & ~ended_early


def persons_supervised_on(*, jurisdiction: Jurisdiction, on: date) -> QuerySet[SupervisedPerson]:
    """Every person (sealed records included, for counting only) whose supervision in a place
    covered a day: the base of every report's counts, never listed on a screen."""
    return SupervisedPerson.objects.filter(
        within_jurisdiction("agency__jurisdiction", jurisdiction), supervised_on(on)
    )


def persons_by_type_on_days(*, jurisdiction: Jurisdiction, days: list[date]) -> list[list[int]]:
    """Per day, how many persons of each correction type (in `CorrectionType` order) were under
    supervision in a place: one scan for every day, sealed records included as counts."""
    persons = SupervisedPerson.objects.filter(
        within_jurisdiction("agency__jurisdiction", jurisdiction)
    )
    found: dict[str, dict[str, Any]] = {
        row["correction_type"]: dict(row)
        for row in persons.order_by()
        .values("correction_type")
        .annotate(**{f"day_{i}": Count("pk", filter=supervised_on(d)) for i, d in enumerate(days)})
    }
    return [
        [int(found[kind][f"day_{i}"]) if kind in found else 0 for kind in CorrectionType.values]
        for i in range(len(days))
    ]


def person_statistics(*, jurisdiction: Jurisdiction, on: date) -> list[dict[str, Any]]:
    """Counts of persons under supervision on a day by correction type, supervision level and
    whether the record is a sealed juvenile one."""
    rows = (
        persons_supervised_on(jurisdiction=jurisdiction, on=on)
        .order_by()
        .values("correction_type", "supervision_level", "is_juvenile")
        .annotate(n=Count("pk"))
    )
    return [dict(row) for row in rows]


def agency_supervised_counts(*, agency_id: int, days: list[date]) -> list[int]:
    """How many of an agency's persons were under supervision on each day (sealed included, as a
    count only); purchase-of-service budgets average the month-end counts."""
    persons = SupervisedPerson.objects.filter(agency_id=agency_id)
    counts = persons.aggregate(
        **{
            f"day_{i}": Count("pk", filter=Q(start_date__lte=day, end_date__gte=day))
            for i, day in enumerate(days)
        }
    )
    return [counts[f"day_{i}"] for i in range(len(days))]


ACTIVE_REFERRAL_STATES = (ReferralState.SENT, ReferralState.ACCEPTED, ReferralState.IN_PROGRESS)


def _state_on(day: date) -> Subquery:
    """A referral's state at the end of a day, read from its events."""
    events = ReferralEvent.objects.filter(referral=OuterRef("pk"), created_at__date__lte=day)
    return Subquery(events.order_by("-created_at", "-id").values("to_state")[:1])


def need_statistics(*, jurisdiction: Jurisdiction, on: date) -> list[dict[str, Any]]:
    """Per category: the needs of persons under supervision on a day (their latest assessment
    by then) that had an active referral for that category that day, and those that had none."""
    latest = NeedsAssessment.objects.filter(
        person=OuterRef("assessment__person"), assessed_at__lte=on
    ).order_by("-version")
    # From the referral's side, so that the cheap test of its need comes before its events.
    active = (
        Referral.objects.filter(
            person_link__person=OuterRef("assessment__person"), need_category=OuterRef("category")
        )
        .annotate(state_then=_state_on(on))
        .filter(state_then__in=ACTIVE_REFERRAL_STATES)
    )
    persons = persons_supervised_on(jurisdiction=jurisdiction, on=on)
    rows = (
        AssessedNeed.objects.filter(
            assessment__person__in=persons, assessment=Subquery(latest.values("pk")[:1])
        )
        .annotate(covered=Exists(active))
        .order_by()
        .values("category")
        # The EXISTS once per need: each filter on `covered` would evaluate it again.
        .annotate(covered_n=Count("pk", filter=Q(covered=True)), needs_n=Count("pk"))
    )
    return [
        {
            "category": row["category"],
            "covered_n": row["covered_n"],
            "open_n": row["needs_n"] - row["covered_n"],
        }
        for row in rows
    ]


def _local_days(start: date, end: date) -> tuple[datetime, datetime]:
    """The instants from the first day's local midnight to the one after the last day: a plain
    range the planner can estimate, where a date conversion of every row cannot be."""
    first = timezone.make_aware(datetime.combine(start, time.min))
    return first, timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min))


def referral_statistics(
    *, jurisdiction: Jurisdiction, start: date, end: date
) -> QuerySet[Referral]:
    """Referrals (made on the platform or logged) sent in a period for persons supervised in a
    place, each with the state it ended in (a closed referral counts by what happened before
    it was closed) and whether it was ever accepted: the base of the referral report's counts."""
    events = ReferralEvent.objects.filter(referral=OuterRef("pk"))
    ended = events.exclude(to_state=ReferralState.CLOSED).order_by("-created_at", "-id")
    since, until = _local_days(start, end)
    return (
        Referral.objects.filter(
            within_jurisdiction("person_link__person__agency__jurisdiction", jurisdiction),
            sent_at__gte=since,
            sent_at__lt=until,
        )
        .annotate(
            ended=Subquery(ended.values("to_state")[:1]),
            was_accepted=Exists(events.filter(to_state=ReferralState.ACCEPTED)),
            county=F("person_link__person__agency__jurisdiction__name"),
        )
        .order_by()
    )
