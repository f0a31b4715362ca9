"""Thin views: the public job board and fairs, the employer's pipeline and follow-ups."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from employment import selectors, services
from employment.filters import JobBoardFilter
from employment.forms import ApplicationTransitionForm, FollowUpForm
from employment.models import JobApplication, JobFair
from employment.vocabulary import TRANSITIONS, ApplicationState
from matching.exceptions import SearchUnavailable
from matching.selectors import shared_rows
from portal.accounts.models import Role
from portal.accounts.roles import role_required
from portal.pagination import paginate

PER_PAGE = 20
PIPELINE_ROLES = (Role.EMPLOYER_STAFF, Role.CASEWORKER, Role.AGENCY_MANAGER)


def _page(request: HttpRequest, items) -> object:
    return paginate(request, items, PER_PAGE)


def job_board(request: HttpRequest) -> HttpResponse:
    filterset = JobBoardFilter(request.GET or None, queryset=selectors.open_jobs(), request=request)
    jobs = filterset.qs
    keyword = (filterset.form.cleaned_data.get("q") or "").strip() if filterset.is_bound else ""
    if keyword:
        try:
            jobs = selectors.in_rank_order(jobs, selectors.job_search_ids(keyword=keyword))
        except SearchUnavailable:
            messages.warning(request, _("Search is unavailable just now: all open jobs are shown."))
    context = {
        "filter": filterset,
        "page_obj": _page(request, jobs),
        "keyword": keyword,
        "fairs": selectors.job_fairs_upcoming()[:3],
    }
    return render(request, "employment/job_board.html", context)


def entrepreneurship_list(request: HttpRequest) -> HttpResponse:
    offers = selectors.open_entrepreneurship_support()
    return render(
        request, "employment/entrepreneurship_list.html", {"page_obj": _page(request, offers)}
    )


def fair_list(request: HttpRequest) -> HttpResponse:
    return render(request, "employment/fair_list.html", {"fairs": selectors.job_fairs_upcoming()})


def fair_detail(request: HttpRequest, slug: str) -> HttpResponse:
    fair = get_object_or_404(
        JobFair.objects.select_related("jurisdiction", "event_page"), slug=slug
    )
    jobs = list(selectors.job_fair_jobs(fair=fair))
    employers = [
        {
            "organization": employer,
            "jobs": [job for job in jobs if job.organization_id == employer.pk],
        }
        for employer in fair.employers.order_by("name")
    ]
    return render(request, "employment/fair_detail.html", {"fair": fair, "employers": employers})


@role_required(*PIPELINE_ROLES)
def application_list(request: HttpRequest) -> HttpResponse:
    applications = selectors.applications_for(user=request.user)
    state = request.GET.get("state", "")
    if state in ApplicationState.values:
        applications = applications.filter(state=state)
    context = {
        "page_obj": _page(request, applications),
        "states": ApplicationState.choices,
        "state": state,
    }
    return render(request, "employment/application_list.html", context)


def _transition_form(application: JobApplication, data=None) -> ApplicationTransitionForm:
    form = ApplicationTransitionForm(data)
    form.fields["action"].choices = [
        (action, transition.label)
        for action, transition in TRANSITIONS.items()
        if application.state in transition.sources
    ]
    return form


def _transition_apply(request: HttpRequest, application: JobApplication, form) -> bool:
    """Apply the employer's step; on refusal, put the reasons on the form."""
    try:
        services.application_transition(
            application_id=application.pk,
            action=form.cleaned_data["action"],
            actor=request.user,
            details=form.cleaned_data,
            request=request,
        )
    except ValidationError as error:
        _add_errors(form, error)
        return False
    messages.success(request, _("The application has been updated."))
    return True


@role_required(*PIPELINE_ROLES)
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(selectors.applications_for(user=request.user), pk=pk)
    can_move = selectors.application_can_move(user=request.user, application=application)
    form = _transition_form(application, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not can_move:
            raise PermissionDenied
        if form.is_valid() and _transition_apply(request, application, form):
            return redirect("employment:application_detail", pk=application.pk)
    services.application_read_record(application=application, actor=request.user, request=request)
    context = _detail_context(request, application, form, can_move)
    return render(request, "employment/application_detail.html", context)


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _detail_context(request, application, form, can_move) -> dict:
    follow_ups, next_follow_up = selectors.follow_ups_shown(application=application)
    can_follow_up = selectors.application_can_record_follow_up(
        user=request.user, application=application
    )
    return {
        "application": application,
        "shared_rows": shared_rows(application.referral),
        "events": application.events.select_related("actor"),
        "follow_ups": follow_ups,
        "next_follow_up": next_follow_up,
        "can_move": can_move and application.is_open,
        "can_follow_up": can_follow_up,
        "form": form,
        "follow_up_form": FollowUpForm(),
    }


@role_required(*PIPELINE_ROLES)
def follow_up_list(request: HttpRequest) -> HttpResponse:
    follow_ups = selectors.follow_ups_due(user=request.user)
    context = {"follow_ups": follow_ups, "today": timezone.localdate(), "form": FollowUpForm()}
    return render(request, "employment/follow_up_list.html", context)


@require_POST
@role_required(*PIPELINE_ROLES)
def follow_up_record(request: HttpRequest, pk: int) -> HttpResponse:
    follow_up = get_object_or_404(
        selectors.follow_ups_for(user=request.user).select_related("application"), pk=pk
    )
    form = FollowUpForm(request.POST)
    if form.is_valid():
        try:
            services.follow_up_record(
                follow_up_id=follow_up.pk, actor=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The follow-up has been recorded."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    if request.POST.get("next") == "list":
        return redirect("employment:follow_up_list")
    return redirect("employment:application_detail", pk=follow_up.application_id)


def figures_moved(request: HttpRequest, export: str = "") -> HttpResponse:
    """The placement figures and their CSV moved to the employment report: the same year when
    one was chosen, else the report's default period."""
    query = {"format": export} if export else {}
    year = request.GET.get("year", "")
    if year.isdigit():
        query.update(period="year", year=year)
    url = reverse("reports:detail", args=["employment"])
    return HttpResponsePermanentRedirect(f"{url}?{urlencode(query)}" if query else url)
