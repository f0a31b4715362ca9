"""The place a staff user may see: their agency's county, their oversight jurisdiction, or all.

A scope is a division-code prefix (`Jurisdiction.code_prefix`, the rule that
`portal.organizations.selectors.within_jurisdiction` applies too): audit rows store a code, not
a jurisdiction, so they are scoped by the prefix itself.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from portal.accounts.models import OversightProfile, Role
from portal.organizations.models import Jurisdiction, JurisdictionLevel, StaffAssignment


@dataclass(frozen=True)
class Scope:
    """Everything, nothing (an empty prefix), or the divisions whose code starts with prefix."""

    everywhere: bool = False
    prefix: str = ""

    def covers(self, code: str) -> bool:
        """Whether a division code lies inside the scope."""
        return self.everywhere or (bool(self.prefix) and code.startswith(self.prefix))


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
    return Scope(prefix=jurisdiction.code_prefix)


def scoped(queryset: QuerySet, user: Any, code_field: str) -> QuerySet:
    """Narrow a queryset to the rows whose division code (at code_field) the user may see."""
    scope = jurisdiction_scope(user)
    if scope.everywhere:
        return queryset
    if not scope.prefix:
        return queryset.none()
    return queryset.filter(**{f"{code_field}__startswith": scope.prefix})
