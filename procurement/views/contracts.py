"""Contract screens: list and export, drafting, lines, attachment, steps, amendments, print."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from matching.selectors import offer_key
from portal.files import serve_private_file
from portal.organizations.models import ProviderSectionPage
from portal.organizations.selectors import agency_for_user
from procurement.evaluation import contract_evaluation, referrals_to_rate
from procurement.filters import ContractFilter
from procurement.forms import (
    AmendmentForm,
    AttachmentForm,
    ContractForm,
    ContractLineForm,
    GenerateForm,
    add_service_errors,
)
from procurement.models import CONTRACT_TRANSITIONS, ContractLine
from procurement.permissions import is_member, manages_agency
from procurement.selectors import contracts_visible_to
from procurement.services import (
    contract_amend,
    contract_attach,
    contract_create,
    contract_line_add,
    contract_line_remove,
    contract_transition,
    contract_update,
)
from procurement.services.ledger import referral_rate
from procurement.views.common import attempt, export, paged
from services_catalog.models import ServiceOfferPage


def _contract(request, pk: int):
    return get_object_or_404(contracts_visible_to(request.user), pk=pk)


def _managed(request, pk: int):
    contract = _contract(request, pk)
    if not manages_agency(request.user, contract.agency_id):
        raise PermissionDenied
    return contract


@login_required
def contract_list(request):
    contracts = contracts_visible_to(request.user).order_by("-budget_year", "number")
    contract_filter = ContractFilter(request.GET or None, queryset=contracts)
    if request.GET.get("format"):
        return _export(request, contract_filter.qs)
    context = paged(request, contract_filter)
    context["may_create"] = _own_agency(request.user) is not None
    return render(request, "procurement/contract_list.html", context)


def _export(request, contracts):
    header = [
        _("Contract number"), _("Title"), _("Corrections agency"), _("Provider organization"),
        _("Budget year"), _("Funding source"), _("Ceiling (yuan)"), _("Billed (yuan)"),
        _("Start date"), _("End date"), _("State"),
    ]  # fmt: skip
    rows = [
        [
            c.number,
            c.title,
            c.agency.name,
            c.organization.name,
            c.budget_year,
            c.get_funding_source_display(),
            c.ceiling,
            c.billed_total,
            c.start_date,
            c.end_date,
            c.get_state_display(),
        ]  # fmt: skip
        for c in contracts
    ]
    return export(
        request,
        name="contracts",
        rows=[header, *rows],
        action="procurement.contracts_export",
        count=len(rows),
    )


def _own_agency(user):
    """The agency a manager contracts for (superusers pick none: they read and correct)."""
    agency = agency_for_user(user)
    return agency if agency is not None and manages_agency(user, agency.pk) else None


@login_required
def contract_create_view(request):
    agency = _own_agency(request.user)
    if agency is None:
        raise PermissionDenied
    form = ContractForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            contract = contract_create(
                actor=request.user,
                agency=agency,
                organization=data.pop("organization"),
                request=request,
                **data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("procurement:contract_detail", contract.pk)
    return render(request, "procurement/contract_form.html", {"form": form, "agency": agency})


@login_required
def contract_edit(request, pk: int):
    contract = _managed(request, pk)
    form = ContractForm(request.POST or None, instance=contract)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "organization"}
        try:
            contract_update(actor=request.user, contract=contract, request=request, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("procurement:contract_detail", contract.pk)
    return render(request, "procurement/contract_form.html", {"form": form, "contract": contract})


@login_required
def contract_detail(request, pk: int):
    contract = _contract(request, pk)
    manager = manages_agency(request.user, contract.agency_id)
    context = {
        "contract": contract,
        "lines": contract.lines.select_related("category"),
        "events": contract.events.select_related("actor"),
        "amendments": contract.amendments.select_related("recorded_by"),
        "invoices": contract.invoices.all()[:24],
        "may_manage": manager,
        "is_provider": is_member(request.user, contract.organization_id),
        "steps": [
            (name, step)
            for name, step in CONTRACT_TRANSITIONS.items()
            if contract.state in step.sources
        ]
        if manager
        else [],
        "attach_form": AttachmentForm(),
        "generate_form": GenerateForm(),
    }
    return render(request, "procurement/contract_detail.html", context)


@login_required
def contract_print(request, pk: int):
    contract = _contract(request, pk)
    context = {
        "contract": contract,
        "lines": contract.lines.select_related("category"),
        "amendments": contract.amendments.all(),
        "evaluation": contract_evaluation(contract),
    }
    return render(request, "procurement/contract_print.html", context)


@login_required
def contract_evaluation_view(request, pk: int):
    contract = _contract(request, pk)
    context = {
        "contract": contract,
        "evaluation": contract_evaluation(contract),
        "to_rate": referrals_to_rate(contract, request.user)[:100],
        "scores": range(1, 6),
    }
    return render(request, "procurement/contract_evaluation.html", context)


@require_POST
@login_required
def referral_rate_view(request, pk: int, referral_pk: int):
    contract = _contract(request, pk)
    referral = get_object_or_404(referrals_to_rate(contract, request.user), pk=referral_pk)
    raw = request.POST.get("score", "")
    target = reverse("procurement:contract_evaluation", args=[pk])
    if raw not in {"1", "2", "3", "4", "5"}:
        messages.error(request, _("Choose a rating from 1 to 5."))
        return redirect(target)
    return attempt(
        request,
        lambda: referral_rate(
            actor=request.user,
            referral=referral,
            score=int(raw),
            comment=request.POST.get("comment", ""),
            request=request,
        ),
        _("The rating was saved."),
        target,
    )


def provider_offers(contract) -> list[tuple[str, str]]:
    """The provider's service offers a contract line may name, as (offer key, title)."""
    section = ProviderSectionPage.objects.filter(organization=contract.organization_id).first()
    if section is None:
        return []
    pages = ServiceOfferPage.objects.child_of(section).order_by("title").values_list("pk", "title")
    return [(offer_key("service", pk), title) for pk, title in pages]


@login_required
def line_create(request, pk: int):
    contract = _managed(request, pk)
    form = ContractLineForm(request.POST or None, offers=provider_offers(contract))
    if request.method == "POST" and form.is_valid():
        line = form.instance
        try:
            contract_line_add(
                actor=request.user,
                contract=contract,
                description=line.description,
                unit=line.unit,
                unit_price=line.unit_price,
                max_quantity=line.max_quantity,
                offer_key=line.offer_key,
                offer_title=line.offer_title,
                category=line.category,
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("procurement:contract_detail", contract.pk)
    return render(request, "procurement/line_form.html", {"form": form, "contract": contract})


@require_POST
@login_required
def line_remove(request, pk: int, line_pk: int):
    contract = _managed(request, pk)
    line = get_object_or_404(ContractLine, pk=line_pk, contract=contract)
    target = reverse("procurement:contract_detail", args=[pk])
    return attempt(
        request,
        lambda: contract_line_remove(actor=request.user, line=line, request=request),
        _("The service item was removed."),
        target,
    )


@require_POST
@login_required
def contract_step(request, pk: int, name: str):
    contract = _managed(request, pk)
    target = reverse("procurement:contract_detail", args=[pk])
    return attempt(
        request,
        lambda: contract_transition(
            actor=request.user, contract=contract, name=name, request=request
        ),
        _("The contract was updated."),
        target,
    )


@require_POST
@login_required
def contract_attach_view(request, pk: int):
    contract = _managed(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("procurement:contract_detail", pk)
    target = reverse("procurement:contract_detail", args=[pk])
    return attempt(
        request,
        lambda: contract_attach(
            actor=request.user, contract=contract, upload=form.cleaned_data["file"], request=request
        ),
        _("The signed contract was attached."),
        target,
    )


@login_required
def contract_attachment(request, pk: int):
    contract = _contract(request, pk)
    allowed = manages_agency(request.user, contract.agency_id) or is_member(
        request.user, contract.organization_id
    )
    return serve_private_file(
        request,
        file=contract.attachment,
        filename=contract.attachment_name or "contract.pdf",
        content_type=contract.attachment_type or "application/pdf",
        allowed=allowed,
        action="procurement.contract_attachment_read",
        obj=contract,
    )


def _new_line_form(request, contract) -> tuple[ContractLineForm, bool]:
    """The amendment's optional new service item, bound only when something was filled in."""
    offers = provider_offers(contract)
    bound = ContractLineForm(request.POST or None, offers=offers, prefix="new")
    if request.method == "POST" and bound.has_changed():
        return bound, True
    return ContractLineForm(offers=offers, prefix="new"), False


@login_required
def contract_amend_view(request, pk: int):
    contract = _managed(request, pk)
    form = AmendmentForm(request.POST or None, contract=contract)
    line_form, adds_line = _new_line_form(request, contract)
    valid = request.method == "POST" and form.is_valid()
    if valid and (not adds_line or line_form.is_valid()):
        try:
            contract_amend(
                actor=request.user,
                contract=contract,
                new_line=line_form.instance if adds_line else None,
                request=request,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The amendment was recorded."))
            return redirect("procurement:contract_detail", contract.pk)
    context = {"form": form, "line_form": line_form, "contract": contract}
    return render(request, "procurement/amendment_form.html", context)
