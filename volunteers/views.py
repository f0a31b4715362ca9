"""Screens of volunteers, agency managers screening them and coordinators of their work."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from matching.forms import ReferralTransitionForm
from matching.models import Side
from matching.selectors import referral_actions, shared_rows
from portal.accounts.models import Role
from portal.audit.services import audit_record
from portal.files import serve_private_file
from volunteers import selectors, services
from volunteers.forms import (
    HoursDecisionForm,
    HoursForm,
    IdentityConfirmForm,
    OpportunityFilterForm,
    ScreeningDecisionForm,
    ScreeningDocumentForm,
    VolunteerProfileForm,
)
from volunteers.models import (
    HoursEntry,
    ScreeningDocument,
    ScreeningStatus,
    Shift,
    SignUp,
    VolunteerOpportunityPage,
    VolunteerProfile,
)

View = Callable[..., HttpResponse]


def volunteer_required(view: View) -> View:
    """Only users with the volunteer role; the view receives their profile (or None)."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.role != Role.VOLUNTEER:
            raise PermissionDenied
        return view(request, selectors.volunteer_profile_of(request.user), *args, **kwargs)

    return wrapper


def serving_required(view: View) -> View:
    """Only approved or active volunteers; others see where they stand."""

    @volunteer_required
    @wraps(view)
    def wrapper(
        request: HttpRequest, profile: VolunteerProfile | None, *args, **kwargs
    ) -> HttpResponse:
        if profile is None:
            return redirect("volunteers:profile")
        if not profile.is_serving:
            return render(request, "volunteers/not_serving.html", {"profile": profile}, status=403)
        return view(request, profile, *args, **kwargs)

    return wrapper


def _apply_errors(form: Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def home(request: HttpRequest) -> HttpResponse:
    """A volunteer's own page; visitors (the menu's "Volunteering") see the open opportunities."""
    if not request.user.is_authenticated:
        return redirect("volunteers:opportunities")
    return _volunteer_home(request)


@volunteer_required
def _volunteer_home(request: HttpRequest, profile: VolunteerProfile | None) -> HttpResponse:
    if profile is None:
        return redirect("volunteers:profile")
    context = {
        "profile": profile,
        "missing": selectors.screening_missing(profile),
        "documents": selectors.latest_documents(profile),
        "steps": profile.screening_steps.select_related("actor"),
        "document_form": ScreeningDocumentForm(),
        "can_retire": ScreeningStatus.RETIRED
        in services.screening_next_statuses(volunteer=profile, actor=request.user),
    }
    return render(request, "volunteers/home.html", context)


@volunteer_required
def profile_edit(request: HttpRequest, profile: VolunteerProfile | None) -> HttpResponse:
    initial = (
        VolunteerProfileForm.initial_for(profile) if profile else {"phone": request.user.phone}
    )
    form = VolunteerProfileForm(request.POST or None, initial=initial, profile=profile)
    if request.method == "POST" and form.is_valid():
        try:
            services.volunteer_profile_save(user=request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Your volunteer profile is saved."))
            return redirect("volunteers:home")
    return render(request, "volunteers/profile_form.html", {"form": form, "profile": profile})


@require_POST
@volunteer_required
def document_upload(request: HttpRequest, profile: VolunteerProfile | None) -> HttpResponse:
    if profile is None:
        return redirect("volunteers:profile")
    form = ScreeningDocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.screening_document_upload(
                volunteer=profile,
                actor=request.user,
                request=request,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The document is uploaded."))
            return redirect("volunteers:home")
    context = {
        "profile": profile,
        "missing": selectors.screening_missing(profile),
        "document_form": form,
        "documents": selectors.latest_documents(profile),
        "steps": profile.screening_steps.all(),
    }
    return render(request, "volunteers/home.html", context, status=400)


@login_required
def document_download(request: HttpRequest, pk: int) -> HttpResponse:
    """A screening document, for its volunteer and the screening manager only; audited."""
    document = get_object_or_404(ScreeningDocument.objects.select_related("volunteer"), pk=pk)
    volunteer = document.volunteer
    return serve_private_file(
        request,
        file=document.file,
        filename=document.original_name,
        content_type=document.content_type,
        allowed=volunteer.user_id == request.user.pk
        or selectors.is_screening_manager(request.user, volunteer),
        action="volunteer.document_read",
        obj=volunteer,
        detail={"document": document.pk},
    )


@require_POST
@volunteer_required
def retire(request: HttpRequest, profile: VolunteerProfile | None) -> HttpResponse:
    if profile is None:
        raise Http404
    try:
        services.screening_transition(
            volunteer=profile,
            to_status=ScreeningStatus.RETIRED,
            reason=request.POST.get("reason", ""),
            actor=request.user,
            request=request,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("You have retired from volunteering. Thank you for your service.")
        )
    return redirect("volunteers:home")


def _serving_profile(request: HttpRequest) -> VolunteerProfile | None:
    """The profile of a signed-in volunteer who may take shifts, else None."""
    if not request.user.is_authenticated or request.user.role != Role.VOLUNTEER:
        return None
    profile = selectors.volunteer_profile_of(request.user)
    return profile if profile is not None and profile.is_serving else None


def opportunity_list(request: HttpRequest) -> HttpResponse:
    """Open volunteer opportunities, public: an account is asked for only to take a shift."""
    form = OpportunityFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    jurisdiction = filters.get("jurisdiction")
    opportunities = selectors.open_opportunities(
        interest=filters.get("interest", ""),
        jurisdiction_code=jurisdiction.code if jurisdiction else "",
    )
    return render(
        request, "volunteers/opportunity_list.html", {"form": form, "opportunities": opportunities}
    )


def opportunity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An opportunity and its shifts, public; serving volunteers sign up here."""
    opportunity = get_object_or_404(VolunteerOpportunityPage.objects.live(), pk=pk)
    profile = _serving_profile(request)
    signups = selectors.active_signups(profile) if profile is not None else SignUp.objects.none()
    mine = {s.shift_id: s for s in signups.filter(shift__opportunity=opportunity)}
    shifts = [
        {
            "shift": shift,
            "seats_left": max(shift.seats - shift.confirmed_count, 0),
            "signup": mine.get(shift.pk),
        }
        for shift in selectors.upcoming_shifts(opportunity)
    ]
    return render(
        request,
        "volunteers/opportunity_detail.html",
        {"opportunity": opportunity, "shifts": shifts, "can_sign_up": profile is not None},
    )


@require_POST
@serving_required
def shift_signup(request: HttpRequest, profile: VolunteerProfile, pk: int) -> HttpResponse:
    shift = get_object_or_404(Shift, pk=pk)
    try:
        signup = services.signup_create(
            shift=shift, volunteer=profile, waitlist=bool(request.POST.get("waitlist"))
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("You are signed up for this shift.")
            if signup.status == "confirmed"
            else _("You are on the waiting list; you move up automatically when a seat frees."),
        )
    return redirect("volunteers:opportunity_detail", pk=shift.opportunity_id)


@require_POST
@volunteer_required
def signup_cancel(request: HttpRequest, profile: VolunteerProfile | None, pk: int) -> HttpResponse:
    signup = get_object_or_404(SignUp, pk=pk, volunteer=profile)
    try:
        services.signup_cancel(signup=signup, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your sign-up is cancelled."))
    return redirect("volunteers:my_shifts")


@volunteer_required
def my_shifts(request: HttpRequest, profile: VolunteerProfile | None) -> HttpResponse:
    if profile is None:
        return redirect("volunteers:profile")
    signups = selectors.signups_of(profile)
    return render(
        request, "volunteers/my_shifts.html", {"signups": signups, "now": timezone.localdate()}
    )


@volunteer_required
def hours(request: HttpRequest, profile: VolunteerProfile | None) -> HttpResponse:
    if profile is None:
        return redirect("volunteers:profile")
    if request.method == "POST" and not profile.is_serving:
        raise PermissionDenied
    form = HoursForm(request.POST or None, volunteer=profile) if profile.is_serving else None
    if form is not None and request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.hours_log(
                volunteer=profile,
                day=data["date"],
                start_time=data["start_time"],
                end_time=data["end_time"],
                activity=data["activity"],
                shift=data["shift"],
                opportunity=data["opportunity"],
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(
                request, _("Your hours are logged and wait for the coordinator's approval.")
            )
            return redirect("volunteers:hours")
    context = {
        "form": form,
        "entries": selectors.hours_of(profile),
        "totals": selectors.yearly_totals(profile),
    }
    status = 400 if form is not None and form.errors else 200
    return render(request, "volunteers/hours.html", context, status=status)


@volunteer_required
def certificate(request: HttpRequest, profile: VolunteerProfile | None, year: int) -> HttpResponse:
    if profile is None:
        raise Http404
    entries = list(selectors.approved_hours(profile, year))
    if not entries:
        raise Http404(_("No approved hours in this year."))
    context = {
        "profile": profile,
        "year": year,
        "entries": entries,
        "total": sum(e.hours for e in entries),
        "issued": timezone.localdate(),
    }
    return render(request, "volunteers/certificate.html", context)


@volunteer_required
def mentees(request: HttpRequest, profile: VolunteerProfile | None) -> HttpResponse:
    referrals = list(selectors.mentees_of(profile)) if profile else []
    rows = [
        (referral, shared_rows(referral), referral_actions(referral, Side.PROVIDER))
        for referral in referrals
    ]
    return render(request, "volunteers/mentees.html", {"rows": rows, "profile": profile})


@volunteer_required
@require_POST
def mentee_move(
    request: HttpRequest, profile: VolunteerProfile | None, pk: int, action: str
) -> HttpResponse:
    if profile is None:
        raise Http404
    form = ReferralTransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("volunteers:mentees")
    try:
        services.mentee_referral_move(
            volunteer=profile,
            referral_id=pk,
            action=action,
            actor=request.user,
            note=form.cleaned_data["note"],
            completion=form.completion(),
            request=request,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The referral was updated."))
    return redirect("volunteers:mentees")


@login_required
def mentor_detail(request: HttpRequest, pk: int) -> HttpResponse:
    if request.user.role not in (Role.CASEWORKER, Role.AGENCY_MANAGER):
        raise PermissionDenied
    profile = get_object_or_404(VolunteerProfile.objects.select_related("agency"), pk=pk)
    if not profile.offers_mentoring or not selectors.may_open_mentor(request.user, profile):
        raise Http404
    audit_record(actor=request.user, action="volunteer.mentor_read", obj=profile, request=request)
    return render(request, "volunteers/mentor_detail.html", {"profile": profile})


def _manager_required(request: HttpRequest) -> None:
    if not request.user.is_authenticated or selectors.managed_agency(request.user) is None:
        raise PermissionDenied


@login_required
def screening_list(request: HttpRequest) -> HttpResponse:
    _manager_required(request)
    status = request.GET.get("status", "")
    status = status if status in ScreeningStatus.values else ""
    volunteers = selectors.volunteers_to_screen(user=request.user, status=status)
    context = {"volunteers": volunteers, "statuses": ScreeningStatus.choices, "current": status}
    return render(request, "volunteers/screening_list.html", context)


@login_required
def screening_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _manager_required(request)
    volunteer = get_object_or_404(selectors.volunteers_to_screen(user=request.user), pk=pk)
    statuses = services.screening_next_statuses(volunteer=volunteer, actor=request.user)
    form = ScreeningDecisionForm(request.POST or None, statuses=statuses)
    if request.method == "POST" and form.is_valid():
        try:
            services.screening_transition(
                volunteer=volunteer, actor=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The screening decision is recorded."))
            return redirect("volunteers:screening_detail", pk=pk)
    if request.method != "POST":
        audit_record(
            actor=request.user, action="volunteer.screening_read", obj=volunteer, request=request
        )
    context = {
        "volunteer": volunteer,
        "form": form,
        "identity_form": IdentityConfirmForm(),
        "sharers": selectors.identity_sharers(user=request.user, volunteer=volunteer),
        "documents": selectors.latest_documents(volunteer),
        "missing": selectors.missing_documents(volunteer),
        "steps": volunteer.screening_steps.select_related("actor"),
    }
    return render(
        request, "volunteers/screening_detail.html", context, status=400 if form.errors else 200
    )


@require_POST
@login_required
def identity_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """The screening manager confirms that a shared identity number is this volunteer's."""
    _manager_required(request)
    volunteer = get_object_or_404(selectors.volunteers_to_screen(user=request.user), pk=pk)
    form = IdentityConfirmForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Give a reason for this screening decision."))
        services.volunteer_identity_confirm(
            volunteer=volunteer, actor=request.user, request=request, **form.cleaned_data
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The identity number is confirmed as this volunteer's."))
    return redirect("volunteers:screening_detail", pk=pk)


@login_required
def coordinate_hours(request: HttpRequest) -> HttpResponse:
    entries = selectors.hours_to_decide(request.user)
    return render(request, "volunteers/coordinate_hours.html", {"entries": entries})


@require_POST
@login_required
def hours_decide(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(HoursEntry.objects.select_related("volunteer", "opportunity"), pk=pk)
    form = HoursDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose approve or reject."))
        return redirect("volunteers:coordinate_hours")
    try:
        services.hours_decide(entry=entry, actor=request.user, request=request, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The decision on these hours is recorded."))
    return redirect("volunteers:coordinate_hours")


@login_required
def coordinate_shifts(request: HttpRequest) -> HttpResponse:
    opportunities = selectors.coordinated_opportunities(request.user)
    shifts = [
        {"shift": shift, "roster": selectors.shift_roster(shift)}
        for opportunity in opportunities
        for shift in selectors.upcoming_shifts(opportunity)
    ]
    audit_record(
        actor=request.user,
        action="volunteer.shift_roster_read",
        object_type="volunteers.shift",
        request=request,
        detail={"count": len(shifts)},
    )
    return render(request, "volunteers/coordinate_shifts.html", {"shifts": shifts})
