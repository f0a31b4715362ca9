"""Who may open the casework screens; the data itself is scoped by `persons_visible_to`."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from casework.models import SupervisedPerson
from casework.selectors import persons_visible_to, staff_assignment
from matching.models import Referral
from matching.selectors import inbox_referrals_for
from portal.accounts.models import Role

PROVIDER_ROLES = frozenset({Role.PROVIDER_STAFF, Role.EMPLOYER_STAFF, Role.VOLUNTEER})


def staff_only(view):
    """Caseworkers and agency managers with a staff assignment; everyone else is refused."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if staff_assignment(request.user) is None:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def managers_only(view):
    """Agency managers with a staff assignment: they decide their agency's reviews."""

    @staff_only
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.role != Role.AGENCY_MANAGER:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def providers_only(view):
    """Provider staff, employer staff and volunteers: the people who answer referrals."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.role not in PROVIDER_ROLES:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def visible_person(request, pk: int) -> SupervisedPerson:
    """The person if the user may see it; otherwise 404, so that existence is not revealed."""
    return get_object_or_404(persons_visible_to(request.user), pk=pk)


def inbox_referral(request, pk: int) -> Referral:
    """A referral of the provider's inbox, or 404."""
    return get_object_or_404(inbox_referrals_for(request.user), pk=pk)
