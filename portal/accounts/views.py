"""Staff management by agency managers and administrators; other login pages lead to allauth."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from portal.accounts import services
from portal.accounts.forms import StaffCreateForm
from portal.accounts.models import Role
from portal.accounts.roles import SUPERUSER, role_required
from portal.accounts.selectors import staff_visible_to
from portal.organizations.selectors import agency_for_user
from portal.pagination import paginate

MANAGERS = (Role.AGENCY_MANAGER, SUPERUSER)


def login_redirect(request: HttpRequest) -> HttpResponse:
    """Wagtail's and Django's login pages send to allauth's, keeping a same-site `next` only."""
    url = reverse("account_login")
    target = request.GET.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        url = f"{url}?{urlencode({'next': target})}"
    return redirect(url)


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
