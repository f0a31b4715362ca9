"""Who may do what in purchase of service; services and screens ask these same questions."""

from typing import Any

from django.core.exceptions import PermissionDenied

from casework.selectors import referrals_visible_to
from matching.models import Referral
from portal.accounts.models import Role
from portal.accounts.roles import SUPERUSER, has_role
from portal.organizations.models import Membership, StaffAssignment


def _agency_of(user: Any, role: str) -> int | None:
    if not has_role(user, role):
        return None
    return StaffAssignment.objects.filter(user=user).values_list("agency_id", flat=True).first()


def manages_agency(user: Any, agency_id: int) -> bool:
    """An agency manager of this agency (or a superuser) approves, contracts and pays."""
    if has_role(user, SUPERUSER):
        return True
    return _agency_of(user, Role.AGENCY_MANAGER) == agency_id


def works_for_agency(user: Any, agency_id: int) -> bool:
    """A caseworker or agency manager of this agency, or a superuser."""
    if has_role(user, SUPERUSER):
        return True
    return _agency_of(user, Role.CASEWORKER) == agency_id or manages_agency(user, agency_id)


def is_member(user: Any, organization_id: int) -> bool:
    """Staff of this provider organization record deliveries and submit its invoices."""
    if not has_role(user, Role.PROVIDER_STAFF, Role.EMPLOYER_STAFF):
        return False
    return Membership.objects.filter(user=user, organization_id=organization_id).exists()


def may_review_delivery(user: Any, referral: Referral) -> bool:
    """Only a caseworker of the person referred confirms or disputes a delivery."""
    if not has_role(user, Role.CASEWORKER):
        return False
    return referrals_visible_to(user).filter(pk=referral.pk).exists()


def reads_everything(user: Any) -> bool:
    """Oversight and superusers read every agency's figures; oversight changes nothing."""
    return has_role(user, Role.OVERSIGHT, SUPERUSER)


def require(allowed: bool) -> None:
    """Refuse the action unless the rule allowed it."""
    if not allowed:
        raise PermissionDenied
