"""Who may do what: role checks shared by every kernel screen."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from portal.accounts.models import Role

SUPERUSER = "superuser"
STAFF_ROLES = (Role.CASEWORKER, Role.AGENCY_MANAGER, Role.OVERSIGHT, Role.SITE_EDITOR)
# Roles that reach personal data: they log in with a second factor.
MFA_ROLES = (Role.CASEWORKER, Role.AGENCY_MANAGER, Role.OVERSIGHT, SUPERUSER)


def user_roles(user) -> frozenset[str]:
    """The user's role plus 'superuser' for superusers; empty for anonymous visitors."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    roles = {user.role} if user.role else set()
    if user.is_superuser:
        roles.add(SUPERUSER)
    return frozenset(roles)


def has_role(user, *roles: str) -> bool:
    """True if the active user holds one of the roles (superusers hold 'superuser')."""
    return bool(user_roles(user) & set(roles)) and user.is_active


def requires_mfa(user) -> bool:
    """True for users who must use a second factor: staff with access to personal data."""
    return has_role(user, *MFA_ROLES)


def is_staff_member(user) -> bool:
    """True for staff accounts and superusers, whose sessions end sooner."""
    return has_role(user, *STAFF_ROLES, SUPERUSER)


def role_required(*roles: str) -> Callable:
    """Decorate a view: log in first, then 403 unless the user holds one of the roles."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not has_role(request.user, *roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return login_required(wrapped)

    return decorator


def roles_creatable_by(user) -> list[str]:
    """Staff roles a user may create accounts for: superusers all, agency managers caseworkers."""
    if has_role(user, SUPERUSER):
        return list(STAFF_ROLES)
    if has_role(user, Role.AGENCY_MANAGER):
        return [Role.CASEWORKER]
    return []
