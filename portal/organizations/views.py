"""Organization registration, the owner's view of it, and the agency managers' verification."""

from allauth.account import app_settings as allauth_settings
from allauth.account.adapter import get_adapter
from allauth.account.utils import complete_signup

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.accounts import services as account_services
from portal.accounts.forms import MemberInviteForm
from portal.accounts.models import Role
from portal.accounts.roles import SUPERUSER, has_role, role_required
from portal.accounts.scopes import scoped
from portal.files import serve_private_file
from portal.organizations import services
from portal.organizations.forms import (
    ContactDetailsForm,
    JudicialOfficeForm,
    OrganizationForm,
    OrganizationRegistrationForm,
    RejectionForm,
)
from portal.organizations.models import (
    Membership,
    MembershipRole,
    Organization,
    VerificationStatus,
)
from portal.organizations.selectors import (
    agency_for_user,
    judicial_offices_of,
    organizations_by_status,
    section_for_organization,
)
from portal.pagination import paginate

DECIDERS = (Role.AGENCY_MANAGER, SUPERUSER)
READERS = (Role.AGENCY_MANAGER, Role.OVERSIGHT, SUPERUSER)


def register(request: HttpRequest) -> HttpResponse:
    """The public registration of an organization and its owner's account."""
    if request.user.is_authenticated:
        messages.info(request, _("You are logged in. Log out to register another organization."))
        return redirect("dashboard")
    form = OrganizationRegistrationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            organization = services.organization_register(
                organization=form.instance,
                email=form.cleaned_data["account_email"],
                password=form.cleaned_data["password1"],
                last_name=form.cleaned_data["last_name"],
                first_name=form.cleaned_data["first_name"],
                phone=form.cleaned_data["account_phone"],
                certificate=form.cleaned_data["certificate"],
                request=request,
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            return _registration_done(request, organization, form.cleaned_data["account_email"])
    return render(request, "organizations/register.html", {"form": form})


def _registration_done(
    request: HttpRequest, organization: Organization | None, email: str
) -> HttpResponse:
    # An address that already had an account sees the very page a new one sees.
    if organization is None:
        get_adapter(request).add_message(
            request,
            messages.INFO,
            "account/messages/email_confirmation_sent.txt",
            {"email": email},
        )
        return redirect("account_email_verification_sent")
    owner = organization.memberships.get().user
    return complete_signup(
        request, owner, allauth_settings.EMAIL_VERIFICATION, reverse("dashboard")
    )


def _organization_for(request: HttpRequest, pk: int) -> Organization:
    organization = get_object_or_404(Organization.objects.select_related("jurisdiction"), pk=pk)
    is_member = Membership.objects.filter(organization=organization, user=request.user).exists()
    if not (is_member or has_role(request.user, *READERS)):
        raise PermissionDenied
    if not is_member and not _in_scope(request).filter(pk=pk).exists():
        raise Http404
    return organization


def _in_scope(request: HttpRequest) -> QuerySet[Organization]:
    """Organizations registered inside the manager's (or oversight's) jurisdiction."""
    return scoped(Organization.objects.all(), request.user, "jurisdiction__code")


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An organization's registration as its members and the agencies see it."""
    organization = _organization_for(request, pk)
    context = {
        "organization": organization,
        "section": section_for_organization(organization),
        "members": organization.memberships.select_related("user"),
        "can_decide": has_role(request.user, *DECIDERS)
        and organization.status == VerificationStatus.UNVERIFIED,
        "can_edit": organization.memberships.filter(user=request.user).exists(),
        "is_owner": organization.memberships.filter(
            user=request.user, role=MembershipRole.OWNER
        ).exists(),
        "rejection_form": RejectionForm(),
    }
    return render(request, "organizations/detail.html", context)


@login_required
def certificate(request: HttpRequest, pk: int) -> HttpResponse:
    """The registration certificate, for the organization's members and agency readers; audited."""
    organization = _organization_for(request, pk)  # members and agency readers, else 403
    return serve_private_file(
        request,
        file=organization.registration_certificate,
        filename=organization.certificate_name,
        content_type=organization.certificate_content_type,
        allowed=True,
        action="organization.certificate_read",
        obj=organization,
    )


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Members correct their organization; a rejected one is submitted again."""
    organization = get_object_or_404(Organization, pk=pk, memberships__user=request.user)
    form_class = ContactDetailsForm if organization.is_verified else OrganizationForm
    form = form_class(request.POST or None, request.FILES or None, instance=organization)
    if request.method == "POST" and form.is_valid():
        was_rejected = organization.status == VerificationStatus.REJECTED
        services.organization_update(
            organization=form.instance,
            actor=request.user,
            request=request,
            certificate=form.cleaned_data.get("certificate"),
        )
        if was_rejected:
            messages.success(request, _("Your corrections were submitted for verification again."))
        else:
            messages.success(request, _("The organization's details were saved."))
        return redirect("organizations:detail", pk=organization.pk)
    return render(request, "organizations/edit.html", {"form": form, "organization": organization})


@role_required(*READERS)
def verification_queue(request: HttpRequest) -> HttpResponse:
    """Registrations waiting for a decision, and those already decided."""
    status = request.GET.get("status", VerificationStatus.UNVERIFIED)
    if status not in VerificationStatus.values:
        status = ""
    page = paginate(
        request, scoped(organizations_by_status(status), request.user, "jurisdiction__code"), 25
    )
    context = {"page": page, "status": status, "statuses": VerificationStatus.choices}
    return render(request, "organizations/verification_queue.html", context)


@require_POST
@role_required(*DECIDERS)
def verify(request: HttpRequest, pk: int) -> HttpResponse:
    """Verify a registration: the organization gets its section and can publish offers."""
    organization = get_object_or_404(_in_scope(request), pk=pk)
    try:
        services.organization_verify(organization=organization, actor=request.user, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(name)s is verified.") % {"name": organization.name})
    return redirect("organizations:verification_queue")


@require_POST
@role_required(*DECIDERS)
def reject(request: HttpRequest, pk: int) -> HttpResponse:
    """Reject a registration with a reason the organization can act on."""
    organization = get_object_or_404(_in_scope(request), pk=pk)
    form = RejectionForm(request.POST)
    if form.is_valid():
        try:
            services.organization_reject(
                organization=organization,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("%(name)s is rejected.") % {"name": organization.name})
            return redirect("organizations:verification_queue")
    context = {
        "organization": organization,
        "section": None,
        "members": organization.memberships.select_related("user"),
        "can_decide": organization.status == VerificationStatus.UNVERIFIED,
        "rejection_form": form,
    }
    return render(request, "organizations/detail.html", context, status=400)


@login_required
def member_invite(request: HttpRequest, pk: int) -> HttpResponse:
    """An owner adds a colleague, who is e-mailed a link to set a password."""
    organization = get_object_or_404(
        Organization, pk=pk, memberships__user=request.user, memberships__role=MembershipRole.OWNER
    )
    form = MemberInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = account_services.member_invite(
            actor=request.user, organization=organization, request=request, **form.cleaned_data
        )
        messages.success(
            request, _("%(email)s was added and invited by e-mail.") % {"email": user.email}
        )
        return redirect("organizations:detail", pk=organization.pk)
    context = {"form": form, "organization": organization}
    return render(request, "organizations/member_form.html", context)


@role_required(Role.AGENCY_MANAGER)
def judicial_offices(request: HttpRequest) -> HttpResponse:
    """An agency manager's judicial offices, and a form to open one in another township."""
    agency = agency_for_user(request.user)
    if agency is None:
        raise PermissionDenied
    form = JudicialOfficeForm(request.POST or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        try:
            office = services.judicial_office_create(
                actor=request.user, agency=agency, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("%(name)s was opened.") % {"name": office.name})
            return redirect("organizations:judicial_offices")
    offices = judicial_offices_of(agency).annotate(caseworkers=Count("staff_assignments"))
    context = {"agency": agency, "offices": offices, "form": form}
    return render(request, "organizations/judicial_offices.html", context)
