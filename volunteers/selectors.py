"""Reads of the volunteers app shared by its screens, services and offer documents."""

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from matching.eligibility import OfferKind
from matching.models import Referral
from matching.ranking import normalize_area_code
from matching.selectors import offer_key, referrals_to_offer
from portal.accounts.models import Role
from portal.organizations.models import (
    CorrectionsAgency,
    Jurisdiction,
    Membership,
    ProviderSectionPage,
    StaffAssignment,
)
from portal.organizations.selectors import staff_assignment_for_user, within_jurisdiction
from volunteers.models import (
    ACTIVE_SIGNUP_STATUSES,
    DocumentKind,
    HoursEntry,
    HoursStatus,
    ScreeningDocument,
    ScreeningStatus,
    Shift,
    SignUp,
    SignUpStatus,
    VolunteerOpportunityPage,
    VolunteerProfile,
)


def volunteer_profile_of(user: Any) -> VolunteerProfile | None:
    """The volunteer profile of a user, or None before they filled it in."""
    if not getattr(user, "is_authenticated", False):
        return None
    return VolunteerProfile.objects.filter(user=user).select_related("agency").first()


def managed_agency(user: Any) -> CorrectionsAgency | None:
    """The agency an agency manager manages; None for every other user."""
    if not getattr(user, "is_authenticated", False) or user.role != Role.AGENCY_MANAGER:
        return None
    assignment = StaffAssignment.objects.filter(user=user).select_related("agency").first()
    return assignment.agency if assignment else None


def is_screening_manager(user: Any, volunteer: VolunteerProfile) -> bool:
    """Whether the user manages the agency that screens this volunteer."""
    agency = managed_agency(user)
    return agency is not None and agency.pk == volunteer.agency_id


def volunteers_to_screen(*, user: Any, status: str = "") -> QuerySet[VolunteerProfile]:
    """The volunteers an agency manager screens, optionally of one status."""
    agency = managed_agency(user)
    if agency is None:
        return VolunteerProfile.objects.none()
    volunteers = VolunteerProfile.objects.filter(agency=agency).select_related("user")
    return volunteers.filter(status=status) if status else volunteers


def identity_sharers(*, user: Any, volunteer: VolunteerProfile) -> list[dict[str, Any]]:
    """The other profiles giving a volunteer's identity number, as a screening manager may see
    them: those the manager screens by name, any other only by the agency screening it."""
    others = VolunteerProfile.objects.filter(
        identity_number_hash=volunteer.identity_number_hash
    ).exclude(pk=volunteer.pk)
    agency = managed_agency(user)
    return [
        {
            "profile": other if agency is not None and other.agency_id == agency.pk else None,
            "agency": other.agency,
            "holds": not other.identity_shared,
        }
        for other in others.select_related("agency").order_by("pk")
    ]


def latest_documents(volunteer: VolunteerProfile) -> dict[str, ScreeningDocument]:
    """The latest uploaded document of each kind."""
    latest: dict[str, ScreeningDocument] = {}
    for document in volunteer.documents.all():
        latest.setdefault(document.kind, document)
    return latest


def missing_documents(volunteer: VolunteerProfile) -> list[str]:
    """Labels of the screening documents the volunteer has not uploaded yet."""
    uploaded = latest_documents(volunteer)
    return [str(kind.label) for kind in DocumentKind if kind.value not in uploaded]


NEXT_STEP_MESSAGES = {
    ScreeningStatus.APPLIED: _("The agency checks your documents."),
    ScreeningStatus.DOCUMENTS_CHECKED: _("Attend the volunteer training the agency offers."),
    ScreeningStatus.TRAINING_COMPLETED: _("The agency decides on your approval."),
    ScreeningStatus.APPROVED: _("Sign up for a first shift; the agency then activates you."),
    ScreeningStatus.ACTIVE: _("You are an active volunteer."),
    ScreeningStatus.SUSPENDED: _("Your volunteering is suspended; contact your agency."),
    ScreeningStatus.RETIRED: _("You have retired from volunteering."),
}


def screening_missing(volunteer: VolunteerProfile) -> list[str]:
    """What the volunteer still lacks or waits for, in their words."""
    missing = [
        str(_("Upload: %(document)s")) % {"document": label}
        for label in missing_documents(volunteer)
    ]
    return [*missing, str(NEXT_STEP_MESSAGES[ScreeningStatus(volunteer.status)])]


def opportunity_owner(opportunity: Page) -> tuple[int | None, int | None]:
    """The organization and agency ids of the section an opportunity is published in."""
    parent = opportunity.get_parent()
    section = parent.specific if parent is not None else None
    return getattr(section, "organization_id", None), getattr(section, "agency_id", None)


def coordinated_opportunities(user: Any) -> QuerySet[VolunteerOpportunityPage]:
    """Opportunities whose sign-ups and hours the user coordinates."""
    opportunities = VolunteerOpportunityPage.objects.all()
    if not getattr(user, "is_authenticated", False):
        return opportunities.none()
    assignment = (
        StaffAssignment.objects.filter(user=user).select_related("agency__jurisdiction").first()
    )
    organization_ids = list(
        Membership.objects.filter(user=user).values_list("organization_id", flat=True)
    )
    section_filter = Q(organization_id__in=organization_ids)
    condition = Q(pk__in=[])
    if assignment is not None:
        section_filter |= Q(agency_id=assignment.agency_id)
        if user.role == Role.AGENCY_MANAGER:
            code = assignment.agency.jurisdiction.code
            condition |= Q(jurisdiction__code__startswith=code)
    for path in ProviderSectionPage.objects.filter(section_filter).values_list("path", flat=True):
        condition |= Q(path__startswith=path)
    return opportunities.filter(condition)


def is_coordinator(user: Any, opportunity: VolunteerOpportunityPage) -> bool:
    """Whether the user coordinates this opportunity."""
    return coordinated_opportunities(user).filter(pk=opportunity.pk).exists()


def open_opportunities(
    *, interest: str = "", jurisdiction_code: str = ""
) -> QuerySet[VolunteerOpportunityPage]:
    """Live opportunities with at least one shift still to come, newest first."""
    today = timezone.localdate()
    opportunities = VolunteerOpportunityPage.objects.live().filter(shifts__date__gte=today)
    if interest:
        opportunities = opportunities.filter(interest=interest)
    if jurisdiction_code:
        opportunities = opportunities.filter(jurisdiction__code__startswith=jurisdiction_code)
    return opportunities.distinct().select_related("jurisdiction").order_by("-first_published_at")


def shifts_to_come() -> QuerySet[Shift]:
    """Every shift from today on, with its confirmed and waiting counts."""
    return Shift.objects.filter(date__gte=timezone.localdate()).annotate(
        confirmed_count=_count(SignUpStatus.CONFIRMED),
        waiting_count=_count(SignUpStatus.WAITLISTED),
    )


def upcoming_shifts(opportunity: VolunteerOpportunityPage) -> QuerySet[Shift]:
    """The opportunity's shifts from today on, with their confirmed and waiting counts."""
    return shifts_to_come().filter(opportunity=opportunity)


def _count(status: str) -> Any:
    return Count("signups", filter=Q(signups__status=status))


def seats_left(shift: Shift) -> int:
    """Free seats of a shift right now (from its confirmed count when the shift was read with
    it, as `shifts_to_come` does)."""
    confirmed = getattr(shift, "confirmed_count", None)
    if confirmed is None:
        confirmed = shift.signups.filter(status=SignUpStatus.CONFIRMED).count()
    return max(shift.seats - confirmed, 0)


def active_signups(volunteer: VolunteerProfile) -> QuerySet[SignUp]:
    """The volunteer's confirmed and waiting sign-ups, soonest first."""
    return (
        SignUp.objects.filter(volunteer=volunteer, status__in=ACTIVE_SIGNUP_STATUSES)
        .select_related("shift__opportunity")
        .order_by("shift__date", "shift__start_time")
    )


def signups_of(volunteer: VolunteerProfile) -> QuerySet[SignUp]:
    """Every sign-up of the volunteer, newest shift first."""
    return (
        SignUp.objects.filter(volunteer=volunteer)
        .select_related("shift__opportunity")
        .order_by("-shift__date", "-shift__start_time")
    )


def shift_roster(shift: Shift) -> QuerySet[SignUp]:
    """Who is confirmed and who waits on a shift, in order of sign-up."""
    return (
        shift.signups.filter(status__in=ACTIVE_SIGNUP_STATUSES)
        .select_related("volunteer")
        .order_by("status", "created_at", "pk")
    )


def hours_of(volunteer: VolunteerProfile) -> QuerySet[HoursEntry]:
    """The volunteer's logged hours, newest first."""
    return volunteer.hours.select_related("shift", "opportunity")


def yearly_totals(volunteer: VolunteerProfile) -> list[dict[str, Any]]:
    """Approved hours per calendar year (and pending ones), newest year first."""
    rows = (
        volunteer.hours.exclude(status=HoursStatus.REJECTED)
        .annotate(year=ExtractYear("date"))
        .values("year", "status")
        .annotate(total=Sum("hours"))
    )
    totals: dict[int, dict[str, Decimal]] = defaultdict(
        lambda: defaultdict(lambda: Decimal("0.00"))
    )
    for row in rows:
        totals[row["year"]][row["status"]] += row["total"]
    return [
        {
            "year": year,
            "approved": totals[year][HoursStatus.APPROVED],
            "pending": totals[year][HoursStatus.PENDING],
        }
        for year in sorted(totals, reverse=True)
    ]


def approved_hours(volunteer: VolunteerProfile, year: int) -> QuerySet[HoursEntry]:
    """Approved hours of one year, in date order, for a certificate."""
    return (
        hours_of(volunteer)
        .filter(status=HoursStatus.APPROVED, date__year=year)
        .order_by("date", "start_time")
    )


def hours_to_decide(user: Any) -> QuerySet[HoursEntry]:
    """Pending hours the user may approve: on opportunities they coordinate, or, for an
    agency manager, activities of the volunteers their agency screens."""
    condition = Q(opportunity__in=coordinated_opportunities(user))
    agency = managed_agency(user)
    if agency is not None:
        condition |= Q(opportunity__isnull=True, volunteer__agency=agency)
    return (
        HoursEntry.objects.filter(condition, status=HoursStatus.PENDING)
        .select_related("volunteer", "shift", "opportunity")
        .order_by("date", "start_time")
    )


def may_decide_hours(user: Any, entry: HoursEntry) -> bool:
    """Whether the user may approve or reject these hours."""
    if entry.opportunity is not None:
        return is_coordinator(user, entry.opportunity)
    return is_screening_manager(user, entry.volunteer)


def mentees_of(volunteer: VolunteerProfile) -> QuerySet[Referral]:
    """The referrals to a volunteer's mentor offer; each shows only what the person shared."""
    return referrals_to_offer(key=offer_key(OfferKind.MENTOR.value, volunteer.pk))


def _serves_area(codes: list[str], area: str) -> bool:
    """Whether one of a mentor's areas lies in, or covers, the division `area`."""
    return any(code.startswith(area) or area.startswith(code) for code in codes)


def may_open_mentor(user: Any, mentor: VolunteerProfile) -> bool:
    """Whether caseworker or agency-manager `user` may open this mentor's profile: their agency
    screens the volunteer, the mentor serves their county (so matching shows them), or their
    agency has referred someone to the mentor."""
    assignment = staff_assignment_for_user(user)
    if assignment is None:
        return False
    if mentor.agency_id == assignment.agency_id:
        return True
    county = normalize_area_code(assignment.agency.jurisdiction.code)
    codes = [normalize_area_code(j.code) for j in mentor.jurisdictions.all()]
    return _serves_area(codes, county) or (
        referrals_to_offer(key=offer_key(OfferKind.MENTOR.value, mentor.pk))
        .filter(created_by__staff_assignment__agency_id=assignment.agency_id)
        .exists()
    )


def volunteer_statistics(*, jurisdiction: Jurisdiction, start: date, end: date) -> dict[str, Any]:
    """Counts for the reports in a place and period: volunteers by screening status (by the
    screening agency's county), shifts held, confirmed sign-ups, and approved hours."""
    volunteers = VolunteerProfile.objects.filter(
        within_jurisdiction("agency__jurisdiction", jurisdiction)
    )
    by_status = dict(
        volunteers.order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    shifts = Shift.objects.filter(
        within_jurisdiction("opportunity__jurisdiction", jurisdiction), date__range=(start, end)
    )
    hours = HoursEntry.objects.filter(
        within_jurisdiction("volunteer__agency__jurisdiction", jurisdiction),
        status=HoursStatus.APPROVED,
        date__range=(start, end),
    )
    return {
        "by_status": by_status,
        "shifts": shifts.count(),
        "signups": SignUp.objects.filter(shift__in=shifts, status=SignUpStatus.CONFIRMED).count(),
        "hours": hours.aggregate(total=Sum("hours"))["total"] or Decimal("0"),
        "volunteers_serving": hours.values("volunteer").distinct().count(),
    }
