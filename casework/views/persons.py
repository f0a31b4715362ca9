"""Screens of supervised persons: list, export, record, edit, transfer, assessments and plans."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from casework.filters import PersonFilter
from casework.forms import (
    AssessmentForm,
    GoalFormSet,
    PersonForm,
    PlanForm,
    TransferForm,
    UnsealRequestForm,
    add_service_errors,
    goals_from,
)
from casework.models import ChangeKind, PersonStatus
from casework.selectors import (
    change_requests_for,
    identity_number_shaped,
    latest_assessment,
    person_query,
    persons_visible_to,
    staff_assignment,
)
from casework.services import (
    assessment_create,
    person_change_request,
    person_create,
    person_record_read,
    person_update,
    persons_listed,
    plan_create,
)
from casework.views.access import staff_only, visible_person
from matching.models import Category
from portal.exports import csv_response
from portal.identity import normalize_identity_number
from portal.pagination import paginate


def _filtered_persons(request):
    assignment = staff_assignment(request.user)
    persons = persons_visible_to(request.user).prefetch_related("caseworkers")
    return PersonFilter(
        request.GET or None, queryset=persons, request=request, agency=assignment.agency
    )


def _refuse_identity_query(request):
    """Send a search by identity number to the POST finder so that it stays out of URLs."""
    if not identity_number_shaped(request.GET.get("q", "")):
        return None
    messages.error(
        request,
        _(
            "Identity numbers are not searched here: use “Find by identity number”, which keeps "
            "them out of addresses and logs."
        ),
    )
    return redirect(reverse("casework:person_list") + "#find-number")


@staff_only
def person_list(request):
    if refused := _refuse_identity_query(request):
        return refused
    person_filter = _filtered_persons(request)
    page = paginate(request, person_filter.qs, 50)
    persons_listed(
        actor=request.user,
        count=page.paginator.count,
        export=False,
        searched=bool(request.GET.get("q")),
        request=request,
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "casework/person_list.html",
        {"filter": person_filter, "page": page, "query": query.urlencode()},
    )


EXPORT_COLUMNS = [
    ("referral_code", gettext_lazy("person code (pseudonymous)")),
    ("full_name", gettext_lazy("name")),
    ("identity_number_masked", gettext_lazy("identity number")),
    ("get_gender_display", gettext_lazy("gender")),
    ("birth_date", gettext_lazy("birth date")),
    ("get_correction_type_display", gettext_lazy("correction type")),
    ("get_supervision_level_display", gettext_lazy("supervision level")),
    ("get_status_display", gettext_lazy("status")),
    ("start_date", gettext_lazy("start of supervision")),
    ("end_date", gettext_lazy("end of supervision")),
    ("judicial_office", gettext_lazy("judicial office")),
]


def _cell(person, attribute: str) -> str:
    value = getattr(person, attribute)
    return str(value() if callable(value) else (value or ""))


@staff_only
@require_POST
def person_find(request):
    """Open a person by exact identity number, sent by POST so that it never enters a URL."""
    number = normalize_identity_number(request.POST.get("number", ""))
    if len(number) != 18:
        messages.error(request, _("Enter the full 18-character identity number."))
        return redirect("casework:person_list")
    found = list(person_query(persons_visible_to(request.user), number))
    persons_listed(
        actor=request.user, count=len(found), export=False, searched=True, request=request
    )
    if found:  # a number recorded twice (pending a duplicate review) opens the first record
        return redirect("casework:person_detail", pk=found[0].pk)
    messages.error(request, _("No person you can see has this identity number."))
    return redirect("casework:person_list")


@staff_only
def person_export(request):
    if refused := _refuse_identity_query(request):
        return refused
    persons = list(_filtered_persons(request).qs)
    header = [str(label) for _attribute, label in EXPORT_COLUMNS]
    rows = [
        [_cell(person, attribute) for attribute, _label in EXPORT_COLUMNS] for person in persons
    ]
    response = csv_response("persons.csv", [header, *rows])
    persons_listed(
        actor=request.user,
        count=len(persons),
        export=True,
        searched=bool(request.GET.get("q")),
        request=request,
    )
    return response


@staff_only
def person_create_view(request):
    assignment = staff_assignment(request.user)
    initial = {"judicial_office": assignment.judicial_office, "caseworkers": [request.user]}
    form = PersonForm(request.POST or None, agency=assignment.agency, initial=initial)
    duplicates = []
    if request.method == "POST" and form.is_valid():
        try:
            person = person_create(
                actor=request.user,
                identity_number=form.cleaned_data["identity_number"],
                caseworkers=form.cleaned_data["caseworkers"],
                confirmed_distinct=form.cleaned_data["confirmed_distinct"],
                agency=assignment.agency,
                request=request,
                **form.service_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
            duplicates = getattr(error, "persons", [])
        else:
            messages.success(request, _("The person was recorded."))
            return redirect("casework:person_detail", pk=person.pk)
    context = {"form": form, "person": None, "duplicates": duplicates}
    return render(request, "casework/person_form.html", context)


@staff_only
def person_edit(request, pk: int):
    person = visible_person(request, pk)
    form = PersonForm(request.POST or None, instance=person, agency=person.agency)
    duplicates = []
    if request.method == "POST" and form.is_valid():
        try:
            person_update(
                actor=request.user,
                person=visible_person(request, pk),
                identity_number=form.cleaned_data["identity_number"],
                caseworkers=form.cleaned_data["caseworkers"],
                confirmed_distinct=form.cleaned_data["confirmed_distinct"],
                request=request,
                **form.service_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
            duplicates = getattr(error, "persons", [])
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("casework:person_detail", pk=pk)
    elif request.method != "POST":
        person_record_read(actor=request.user, person=person, view="edit", request=request)
    context = {"form": form, "person": person, "duplicates": duplicates}
    return render(request, "casework/person_form.html", context)


@staff_only
def person_detail(request, pk: int):
    person = visible_person(request, pk)
    person_record_read(actor=request.user, person=person, view="detail", request=request)
    pending = list(change_requests_for(person))
    context = {
        "person": person,
        "assessment": latest_assessment(person),
        "assessments": person.assessments.all(),
        "plan": person.plans.prefetch_related("goals__category").first(),
        "plans": person.plans.all(),
        "referrals": person.referrals.select_related("need_category"),
        "transfers": person.transfers.select_related(
            "from_agency", "from_office", "to_agency", "to_office"
        ),
        "shortlist": person.shortlist.all(),
        "age": person.age_on(timezone.localdate()),
        "can_refer": person.status == PersonStatus.UNDER_SUPERVISION,
        "pending_changes": pending,
        "can_ask_unseal": person.is_juvenile
        and not any(change.kind == ChangeKind.UNSEAL for change in pending),
        "unseal_form": UnsealRequestForm(),
    }
    return render(request, "casework/person_detail.html", context)


@staff_only
def person_transfer_view(request, pk: int):
    person = visible_person(request, pk)
    form = TransferForm(request.POST or None, initial={"transferred_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            person_change_request(
                actor=request.user,
                person=person,
                kind=ChangeKind.TRANSFER,
                request=request,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The transfer was sent to the agency manager for approval.")
            )
            return redirect("casework:person_detail", pk=pk)
    context = {"form": form, "person": person, "pending": change_requests_for(person)}
    return render(request, "casework/person_transfer.html", context)


def _assessment_initial(person) -> dict:
    assessment = latest_assessment(person)
    initial = {"assessed_at": timezone.localdate()}
    for need in assessment.needs.all() if assessment else ():
        initial[f"priority_{need.category.slug}"] = str(need.priority)
        initial[f"notes_{need.category.slug}"] = need.notes
    return initial


@staff_only
def assessment_create_view(request, pk: int):
    person = visible_person(request, pk)
    categories = Category.objects.filter(is_active=True)
    form = AssessmentForm(
        request.POST or None, categories=categories, initial=_assessment_initial(person)
    )
    if request.method == "POST" and form.is_valid():
        try:
            assessment_create(
                actor=request.user,
                person=person,
                assessed_at=form.cleaned_data["assessed_at"],
                summary=form.cleaned_data["summary"],
                needs=form.needs(),
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("A new version of the needs assessment was recorded."))
            return redirect("casework:person_detail", pk=pk)
    person_record_read(actor=request.user, person=person, view="assessment_form", request=request)
    return render(request, "casework/assessment_form.html", {"form": form, "person": person})


@staff_only
def assessment_detail(request, pk: int, version: int):
    person = visible_person(request, pk)
    assessment = get_object_or_404(person.assessments, version=version)
    person_record_read(
        actor=request.user, person=person, view=f"assessment_v{version}", request=request
    )
    context = {"person": person, "assessment": assessment, "needs": assessment.needs.all()}
    return render(request, "casework/assessment_detail.html", context)


def _plan_initial(person) -> list[dict]:
    plan = person.plans.prefetch_related("goals").first()
    fields = ("description", "measures", "category", "review_on")
    return (
        [{name: getattr(goal, name) for name in fields} for goal in plan.goals.all()]
        if plan
        else []
    )


@staff_only
def plan_create_view(request, pk: int):
    person = visible_person(request, pk)
    form = PlanForm(request.POST or None, initial={"valid_from": timezone.localdate()})
    goals = GoalFormSet(request.POST or None, initial=_plan_initial(person), prefix="goals")
    if request.method == "POST" and form.is_valid() and goals.is_valid():
        try:
            plan_create(
                actor=request.user,
                person=person,
                goals=goals_from(goals),
                request=request,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("A new version of the correction plan was recorded."))
            return redirect("casework:person_detail", pk=pk)
    person_record_read(actor=request.user, person=person, view="plan_form", request=request)
    context = {"form": form, "goals": goals, "person": person}
    return render(request, "casework/plan_form.html", context)


@staff_only
def plan_detail(request, pk: int, version: int):
    person = visible_person(request, pk)
    plan = get_object_or_404(person.plans, version=version)
    person_record_read(actor=request.user, person=person, view=f"plan_v{version}", request=request)
    context = {"person": person, "plan": plan, "goals": plan.goals.select_related("category")}
    return render(request, "casework/plan_detail.html", context)
