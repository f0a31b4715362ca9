"""Which places a user may report on, and how a place narrows a query."""

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q, QuerySet

from portal.accounts.models import Role
from portal.accounts.roles import SUPERUSER, has_role
from portal.organizations.models import CorrectionsAgency, Jurisdiction, JurisdictionLevel
from portal.organizations.selectors import agency_for_user, within_jurisdiction

REPORT_LEVELS = (
    JurisdictionLevel.PROVINCE,
    JurisdictionLevel.CITY,
    JurisdictionLevel.COUNTY,
    JurisdictionLevel.ZONE,
)


def report_jurisdictions(user) -> QuerySet[Jurisdiction]:
    """The places a user may choose in a report: all of them for superusers, the agency's county
    for an agency manager, the user's place and everything in it for oversight."""
    places = Jurisdiction.objects.filter(level__in=REPORT_LEVELS).select_related("parent")
    if has_role(user, SUPERUSER):
        return places
    root = user_root_jurisdiction(user)
    if root is None:
        return places.none()
    return places.filter(_under(root))


def _under(root: Jurisdiction) -> Q:
    """A place and the report-level places in it (`within_jurisdiction` is the same rule for
    rows that point at a place; here the rows are the places themselves)."""
    if root.level == JurisdictionLevel.PROVINCE:
        return Q()
    return Q(pk=root.pk) | Q(parent=root)


def user_root_jurisdiction(user) -> Jurisdiction | None:
    """The widest place a user may report on, or None."""
    if has_role(user, Role.AGENCY_MANAGER):
        agency = agency_for_user(user)
        return agency.jurisdiction if agency else None
    if has_role(user, Role.OVERSIGHT):
        return oversight_jurisdiction(user)
    return None


def oversight_profile(user):
    """The body and place an oversight user reads for, or None."""
    try:
        return user.oversight_profile
    except ObjectDoesNotExist:
        return None


def oversight_jurisdiction(user) -> Jurisdiction | None:
    """The place an oversight user is scoped to; None (nothing to read) without a profile."""
    profile = oversight_profile(user)
    return profile.jurisdiction if profile else None


def is_procuratorate(user) -> bool:
    """Whether a user speaks for a procuratorate (issues supervision opinions)."""
    return has_role(user, Role.OVERSIGHT) and oversight_kind(user) == "procuratorate"


def oversight_kind(user) -> str:
    """The body an oversight user reads for ("" without a profile)."""
    profile = oversight_profile(user)
    return profile.kind if profile else ""


def agencies_supervised_by(user) -> QuerySet[CorrectionsAgency]:
    """The agencies within an oversight user's jurisdiction."""
    place = oversight_jurisdiction(user)
    if place is None:
        return CorrectionsAgency.objects.none()
    return CorrectionsAgency.objects.filter(within_jurisdiction("jurisdiction", place))


def opinion_side(user, opinion) -> str:
    """Which side of an opinion a user acts for: the agency's manager, the procuratorate within
    whose jurisdiction the agency lies, or neither (a reader only)."""
    if has_role(user, Role.AGENCY_MANAGER):
        agency = agency_for_user(user)
        return "agency" if agency and agency.pk == opinion.agency_id else ""
    if (
        is_procuratorate(user)
        and agencies_supervised_by(user).filter(pk=opinion.agency_id).exists()
    ):
        return "procuratorate"
    return ""
