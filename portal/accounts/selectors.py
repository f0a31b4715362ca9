"""Reads of accounts: staff for the management screens, and whether a user has MFA."""

from allauth.mfa.models import Authenticator

from django.core.cache import cache
from django.db.models import QuerySet

from portal.accounts.models import User
from portal.accounts.roles import STAFF_ROLES, SUPERUSER, has_role
from portal.organizations.selectors import agency_for_user

MFA_CACHE_SECONDS = 300


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


def mfa_cache_key(user_id: int) -> str:
    """Where whether a user has an authenticator is remembered between requests."""
    return f"accounts.mfa-enrolled.{user_id}"


def mfa_enrolled(user) -> bool:
    """True if the user has activated an authenticator; cached, kept in step by receivers."""
    key = mfa_cache_key(user.pk)
    enrolled = cache.get(key)
    if enrolled is None:
        enrolled = Authenticator.objects.filter(user_id=user.pk).exists()
        cache.set(key, enrolled, MFA_CACHE_SECONDS)
    return enrolled
