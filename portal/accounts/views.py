"""Staff management: agency managers and administrators create staff accounts."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from portal.accounts import services
from portal.accounts.forms import StaffCreateForm
from portal.accounts.models import Role
from portal.accounts.roles import SUPERUSER, role_required
from portal.accounts.selectors import staff_visible_to
from portal.organizations.selectors import agency_for_user
from portal.pagination import paginate

MANAGERS = (Role.AGENCY_MANAGER, SUPERUSER)


@role_required(*MANAGERS)
def staff_list(request: HttpRequest) -> HttpResponse:
    """The staff of the manager's agency (every staff account for administrators)."""
    page = paginate(request, staff_visible_to(request.user), 50)
    context = {"page": page, "agency": agency_for_user(request.user)}
    return render(request, "accounts/staff_list.html", context)


@role_required(*MANAGERS)
def staff_create(request: HttpRequest) -> HttpResponse:
    """Create a staff account; its owner gets an e-mail to choose a password."""
    form = StaffCreateForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.staff_create(actor=request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error.messages)
            return render(request, "accounts/staff_form.html", {"form": form})
        messages.success(
            request,
            _("Account of %(name)s created; %(email)s was sent a link to set a password.")
            % {"name": user, "email": user.email},
        )
        return redirect("accounts:staff_list")
    return render(request, "accounts/staff_form.html", {"form": form})
