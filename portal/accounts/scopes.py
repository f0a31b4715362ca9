"""The place a staff user may see: their agency's county, their oversight jurisdiction, or all.

Division codes (GB/T 2260) nest by prefix: 41 is Henan, 4101 Zhengzhou, 410102 Zhongyuan
district, 410102001 one of its townships; a scope is such a prefix.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from portal.accounts.models import OversightProfile, Role
from portal.organizations.models import Jurisdiction, JurisdictionLevel, StaffAssignment

PREFIX_LENGTH = {
    JurisdictionLevel.PROVINCE: 2,
    JurisdictionLevel.CITY: 4,
    JurisdictionLevel.COUNTY: 6,
    JurisdictionLevel.ZONE: 6,
}


@dataclass(frozen=True)
class Scope:
    """Everything, nothing (an empty prefix), or the divisions whose code starts with prefix."""

    everywhere: bool = False
    prefix: str = ""

    def covers(self, code: str) -> bool:
        """Whether a division code lies inside the scope."""
        return self.everywhere or (bool(self.prefix) and code.startswith(self.prefix))


def jurisdiction_prefix(jurisdiction: Jurisdiction) -> str:
    """The code prefix shared by a division and every division inside it."""
    return jurisdiction.code[: PREFIX_LENGTH.get(jurisdiction.level, len(jurisdiction.code))]


def oversight_profile(user: Any) -> OversightProfile | None:
    """An oversight user's body and jurisdiction, or None."""
    if not getattr(user, "is_authenticated", False) or user.role != Role.OVERSIGHT:
        return None
    return OversightProfile.objects.select_related("jurisdiction").filter(user=user).first()


def user_jurisdiction(user: Any) -> Jurisdiction | None:
    """Where a staff user works: the agency's county for staff, the body's place for oversight."""
    profile = oversight_profile(user)
    if profile is not None:
        return profile.jurisdiction
    assignment = (
        StaffAssignment.objects.select_related("agency__jurisdiction").filter(user=user).first()
    )
    return assignment.agency.jurisdiction if assignment is not None else None


def jurisdiction_scope(user: Any) -> Scope:
    """What a user may see by place: superusers and province-level users everything."""
    if not getattr(user, "is_authenticated", False):
        return Scope()
    if user.is_superuser:
        return Scope(everywhere=True)
    jurisdiction = user_jurisdiction(user)
    if jurisdiction is None:
        return Scope()
    if jurisdiction.level == JurisdictionLevel.PROVINCE:
        return Scope(everywhere=True)
    return Scope(prefix=jurisdiction_prefix(jurisdiction))


def scoped(queryset: QuerySet, user: Any, code_field: str) -> QuerySet:
    """Narrow a queryset to the rows whose division code (at code_field) the user may see."""
    scope = jurisdiction_scope(user)
    if scope.everywhere:
        return queryset
    if not scope.prefix:
        return queryset.none()
    return queryset.filter(**{f"{code_field}__startswith": scope.prefix})
