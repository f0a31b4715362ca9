"""Reads of organizations, agencies and sections that screens and other apps share."""

from typing import Any

from django.db.models import F, Q, QuerySet

from portal.accounts.models import Role
from portal.accounts.scopes import scoped
from portal.cache import kept_per_generation
from portal.organizations.models import (
    CorrectionsAgency,
    JudicialOffice,
    Jurisdiction,
    JurisdictionLevel,
    Organization,
    ProviderSectionPage,
    ProvidersIndexPage,
    StaffAssignment,
    VerificationStatus,
)

AREA_LEVELS = (JurisdictionLevel.CITY, JurisdictionLevel.COUNTY, JurisdictionLevel.ZONE)
_areas: dict[str, Any] = {}


def areas_by_code() -> dict[str, Jurisdiction]:
    """Every city, county and zone by code, with the divisions it lies in, read once per process
    and generation: public filters look a chosen area up on every request."""
    return kept_per_generation(_areas, _read_areas)


def _read_areas() -> dict[str, Jurisdiction]:
    areas = Jurisdiction.objects.filter(level__in=AREA_LEVELS).select_related("parent__parent")
    return {area.code: area for area in areas}


def providers_index() -> ProvidersIndexPage | None:
    """The one index page under which every provider section lives."""
    return ProvidersIndexPage.objects.first()


def section_for_organization(organization: Organization) -> ProviderSectionPage | None:
    """The organization's own section of the page tree, if it has been verified."""
    return ProviderSectionPage.objects.filter(organization=organization).first()


def section_for_agency(agency: CorrectionsAgency) -> ProviderSectionPage | None:
    """The agency's own section, where it publishes volunteer opportunities."""
    return ProviderSectionPage.objects.filter(agency=agency).first()


def sections_for_user(user) -> QuerySet[ProviderSectionPage]:
    """Every section the user may edit: their organizations' and their agency's."""
    if not getattr(user, "is_authenticated", False):
        return ProviderSectionPage.objects.none()
    return ProviderSectionPage.objects.filter(editors_group__user=user).order_by("title")


def organizations_for_user(user) -> QuerySet[Organization]:
    """The organizations the user is a member of, with their county."""
    if not getattr(user, "is_authenticated", False):
        return Organization.objects.none()
    return Organization.objects.filter(memberships__user=user).select_related("jurisdiction")


def staff_assignment_for_user(user) -> StaffAssignment | None:
    """Where a caseworker or agency manager works, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        StaffAssignment.objects.select_related("agency__jurisdiction", "judicial_office")
        .filter(user=user)
        .first()
    )


def agency_for_user(user) -> CorrectionsAgency | None:
    """The corrections agency a caseworker or agency manager works for, or None."""
    assignment = staff_assignment_for_user(user)
    return assignment.agency if assignment else None


def agency_manager_emails(*, agency_id: int, excluding: Any = None) -> list[str]:
    """The addresses of an agency's active managers (not the one who acted), who decide its
    four-eyes and duplicate reviews."""
    assignments = StaffAssignment.objects.filter(
        agency_id=agency_id, user__role=Role.AGENCY_MANAGER, user__is_active=True
    ).exclude(user__email="")
    if excluding is not None:
        assignments = assignments.exclude(user=excluding)
    return sorted(set(assignments.values_list("user__email", flat=True)))


def organizations_by_status(status: str = "") -> QuerySet[Organization]:
    """Organizations for the verification screens, oldest registration first."""
    organizations = Organization.objects.select_related("jurisdiction__parent", "verified_by")
    if status:
        organizations = organizations.filter(status=status)
    return organizations.order_by("created_at", "pk")


def pending_verification_count(user: Any = None) -> int:
    """How many organizations wait for a decision (in the user's jurisdiction, if given)."""
    pending = Organization.objects.filter(status=VerificationStatus.UNVERIFIED)
    if user is not None:
        pending = scoped(pending, user, "jurisdiction__code")
    return pending.count()


def registration_counties() -> QuerySet[Jurisdiction]:
    """Counties and development zones an organization can be registered in."""
    return (
        Jurisdiction.objects.filter(level__in=[JurisdictionLevel.COUNTY, JurisdictionLevel.ZONE])
        .select_related("parent")
        .order_by("code")
    )


def judicial_offices_of(agency: CorrectionsAgency | None) -> QuerySet[JudicialOffice]:
    """The judicial offices of one agency (or of every agency when None)."""
    offices = JudicialOffice.objects.select_related("agency", "jurisdiction")
    return offices.filter(agency=agency) if agency else offices


def townships_without_office(agency: CorrectionsAgency) -> QuerySet[Jurisdiction]:
    """The townships of the agency's county that have no judicial office yet."""
    return Jurisdiction.objects.filter(
        parent_id=agency.jurisdiction_id, judicial_office__isnull=True
    ).order_by("code")


def places_matching(
    *, query: str, places: QuerySet[Jurisdiction] | None = None
) -> QuerySet[Jurisdiction]:
    """Places named like `query`, lying in a county or city so named, or whose code starts so."""
    places = Jurisdiction.objects.all() if places is None else places
    return places.filter(
        Q(name__contains=query)
        | Q(parent__name__contains=query)
        | Q(parent__parent__name__contains=query)
        | Q(code__startswith=query)
    )


def within_jurisdiction(path: str, jurisdiction: Jurisdiction) -> Q:
    """A filter keeping rows whose jurisdiction at `path` lies in `jurisdiction` (the row's place
    may be a county, a development zone or a township); the one rule every report scopes by, by
    the same code prefix the audit log and staff scopes use (`Jurisdiction.code_prefix`)."""
    if jurisdiction.level == JurisdictionLevel.PROVINCE:
        return Q()
    return Q(**{f"{path}__code__startswith": jurisdiction.code_prefix})


def has_own_centre(place: Jurisdiction) -> bool:
    """Whether a township's centre point is its own, not its county's (`townships_with_own_centre`
    for a query)."""
    parent = place.parent if place.level == JurisdictionLevel.TOWNSHIP else None
    return parent is not None and (place.latitude, place.longitude) != (
        parent.latitude,
        parent.longitude,
    )


def townships_with_own_centre() -> QuerySet[Jurisdiction]:
    """Townships whose centre point is their own, not the one taken from their county."""
    return Jurisdiction.objects.filter(level=JurisdictionLevel.TOWNSHIP).exclude(
        latitude=F("parent__latitude"), longitude=F("parent__longitude")
    )
