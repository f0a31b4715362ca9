"""Reads of staff accounts for the staff management screens."""

from django.db.models import QuerySet

from portal.accounts.models import User
from portal.accounts.roles import STAFF_ROLES, SUPERUSER, has_role
from portal.organizations.selectors import agency_for_user


def staff_visible_to(user) -> QuerySet[User]:
    """Staff accounts a manager may see: all for superusers, their agency's for agency managers."""
    staff = User.objects.filter(role__in=STAFF_ROLES).select_related(
        "staff_assignment__agency", "staff_assignment__judicial_office"
    )
    if has_role(user, SUPERUSER):
        return staff.order_by("role", "email")
    agency = agency_for_user(user)
    if agency is None:
        return User.objects.none()
    return staff.filter(staff_assignment__agency=agency).order_by("role", "email")
