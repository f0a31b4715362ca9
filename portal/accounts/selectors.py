"""Reads of accounts: staff for the management screens, and whether a user has MFA."""

from allauth.mfa.models import Authenticator

from django.core.cache import cache
from django.db.models import Exists, OuterRef, QuerySet

from portal.accounts.models import User
from portal.accounts.roles import STAFF_ROLES, SUPERUSER, has_role
from portal.organizations.selectors import agency_for_user

MFA_CACHE_SECONDS = 300
# Set on the user by `signed_in_user`: read with the user's row, fresher than the cache.
MFA_ENROLLED_ATTRIBUTE = "mfa_enrolled_at_load"


def signed_in_user(*, user_id) -> User | None:
    """The user a session names, with the staff assignment and the second-factor flag that the
    middleware and staff screens read on every request: one query instead of three."""
    return (
        User.objects.select_related("staff_assignment__agency", "staff_assignment__judicial_office")
        .annotate(
            **{MFA_ENROLLED_ATTRIBUTE: Exists(Authenticator.objects.filter(user=OuterRef("pk")))}
        )
        .filter(pk=user_id)
        .first()
    )


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
    """True if the user has activated an authenticator; read with the signed-in user, otherwise
    cached and kept in step by receivers."""
    loaded = getattr(user, MFA_ENROLLED_ATTRIBUTE, None)
    if loaded is not None:
        return loaded
    key = mfa_cache_key(user.pk)
    enrolled = cache.get(key)
    if enrolled is None:
        enrolled = Authenticator.objects.filter(user_id=user.pk).exists()
        cache.set(key, enrolled, MFA_CACHE_SECONDS)
    return enrolled
