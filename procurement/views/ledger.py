"""Delivery and invoice screens: record, confirm or dispute, generate, submit, review, pay."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.files import serve_private_file
from procurement.filters import DeliveryFilter, InvoiceFilter
from procurement.forms import (
    DeliveryForm,
    DisputeForm,
    GenerateForm,
    PaymentForm,
    ReviewForm,
    add_service_errors,
)
from procurement.models import DeliveryState, InvoiceState, LineStatus
from procurement.permissions import is_member, manages_agency, may_review_delivery
from procurement.selectors import (
    billable_referrals,
    contracts_visible_to,
    deliveries_visible_to,
    invoices_visible_to,
)
from procurement.services.ledger import (
    delivery_correct,
    delivery_record,
    delivery_review,
    delivery_withdraw,
    invoice_generate,
    invoice_pay,
    invoice_review,
    invoice_submit,
)
from procurement.views.common import attempt, export, paged


@login_required
def delivery_list(request):
    deliveries = deliveries_visible_to(request.user)
    delivery_filter = DeliveryFilter(
        request.GET or None, queryset=deliveries, contracts=contracts_visible_to(request.user)
    )
    if request.GET.get("format"):
        return _delivery_export(request, delivery_filter.qs)
    return render(request, "procurement/delivery_list.html", paged(request, delivery_filter))


def _delivery_export(request, deliveries):
    header = [
        _("Contract number"), _("Service item"), _("Person code (pseudonymous)"), _("Date"),
        _("Start"), _("End"), _("Quantity"), _("Delivered by"), _("Place"), _("State"),
        _("Billed"),
    ]  # fmt: skip
    rows = [
        [
            d.contract.number,
            d.line.description,
            d.referral.person_code,
            d.delivered_on,
            d.starts_at,
            d.ends_at,
            d.quantity,
            d.staff_name,
            d.place,
            d.get_state_display(),
            _("Yes") if d.is_billed else _("No"),
        ]  # fmt: skip
        for d in deliveries.select_related("contract")
    ]
    return export(
        request,
        name="deliveries",
        rows=[header, *rows],
        action="procurement.deliveries_export",
        count=len(rows),
    )


@login_required
def delivery_create(request, pk: int):
    contract = get_object_or_404(contracts_visible_to(request.user), pk=pk)
    if not is_member(request.user, contract.organization_id):
        raise PermissionDenied
    referrals = billable_referrals(request.user, contract)
    chosen = request.POST.get("referral") or request.GET.get("referral") or ""
    referral = get_object_or_404(referrals, pk=chosen) if chosen.isdigit() else None
    form = DeliveryForm(request.POST or None, request.FILES or None, lines=contract.lines.all())
    if request.method == "POST" and referral is not None and form.is_valid():
        data = dict(form.cleaned_data)
        evidence, line = data.pop("evidence_file"), data.pop("line")
        try:
            delivery = delivery_record(
                actor=request.user,
                line=line,
                referral=referral,
                evidence=evidence,
                request=request,
                **data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The delivery was recorded; the caseworker will confirm it.")
            )
            return redirect("procurement:delivery_detail", delivery.pk)
    context = {
        "contract": contract,
        "form": form,
        "referrals": referrals[:200],
        "referral": referral,
    }
    return render(request, "procurement/delivery_form.html", context)


@login_required
def delivery_detail(request, pk: int):
    delivery = get_object_or_404(deliveries_visible_to(request.user), pk=pk)
    context = {
        "delivery": delivery,
        "may_review": delivery.state == DeliveryState.RECORDED
        and may_review_delivery(request.user, delivery.referral),
        "is_provider": is_member(request.user, delivery.contract.organization_id),
        "dispute_form": DisputeForm(),
    }
    return render(request, "procurement/delivery_detail.html", context)


@require_POST
@login_required
def delivery_confirm(request, pk: int):
    delivery = get_object_or_404(deliveries_visible_to(request.user), pk=pk)
    return attempt(
        request,
        lambda: delivery_review(
            actor=request.user, delivery=delivery, confirm=True, request=request
        ),
        _("The delivery was confirmed."),
        reverse("procurement:delivery_detail", args=[pk]),
    )


@require_POST
@login_required
def delivery_dispute(request, pk: int):
    delivery = get_object_or_404(deliveries_visible_to(request.user), pk=pk)
    reason = request.POST.get("reason", "")
    return attempt(
        request,
        lambda: delivery_review(
            actor=request.user, delivery=delivery, confirm=False, reason=reason, request=request
        ),
        _("The delivery was disputed and goes back to the provider."),
        reverse("procurement:delivery_detail", args=[pk]),
    )


@login_required
def delivery_edit(request, pk: int):
    delivery = get_object_or_404(deliveries_visible_to(request.user), pk=pk)
    if not is_member(request.user, delivery.contract.organization_id):
        raise PermissionDenied
    form = DeliveryForm(
        request.POST or None, instance=delivery, lines=delivery.contract.lines.all()
    )
    form.fields["line"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in {"line", "evidence_file"}}
        try:
            delivery_correct(actor=request.user, delivery=delivery, request=request, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("procurement:delivery_detail", delivery.pk)
    context = {
        "contract": delivery.contract,
        "form": form,
        "delivery": delivery,
        "referral": delivery.referral,
    }
    return render(request, "procurement/delivery_form.html", context)


@require_POST
@login_required
def delivery_withdraw_view(request, pk: int):
    delivery = get_object_or_404(deliveries_visible_to(request.user), pk=pk)
    return attempt(
        request,
        lambda: delivery_withdraw(actor=request.user, delivery=delivery, request=request),
        _("The delivery was withdrawn."),
        reverse("procurement:delivery_list"),
    )


@login_required
def delivery_evidence(request, pk: int):
    delivery = get_object_or_404(deliveries_visible_to(request.user), pk=pk)
    return serve_private_file(
        request,
        file=delivery.evidence,
        filename=delivery.evidence_name or "evidence",
        content_type=delivery.evidence_type or "application/octet-stream",
        allowed=True,
        action="procurement.delivery_evidence_read",
        obj=delivery,
    )


@login_required
def invoice_list(request):
    invoice_filter = InvoiceFilter(
        request.GET or None,
        queryset=invoices_visible_to(request.user),
        contracts=contracts_visible_to(request.user),
    )
    if request.GET.get("format"):
        return _invoice_export(request, invoice_filter.qs)
    return render(request, "procurement/invoice_list.html", paged(request, invoice_filter))


def _invoice_export(request, invoices):
    header = [
        _("Invoice number"), _("Contract number"), _("Provider organization"), _("Month"),
        _("Total (yuan)"), _("State"), _("Paid on"), _("Treasury reference"),
    ]  # fmt: skip
    rows = [
        [
            i.number,
            i.contract.number,
            i.contract.organization.name,
            f"{i.period:%Y-%m}",
            i.total,
            i.get_state_display(),
            i.paid_on,
            i.treasury_reference,
        ]  # fmt: skip
        for i in invoices
    ]
    return export(
        request,
        name="invoices",
        rows=[header, *rows],
        action="procurement.invoices_export",
        count=len(rows),
    )


def _invoice(request, pk: int):
    return get_object_or_404(invoices_visible_to(request.user), pk=pk)


def _invoice_lines(invoice):
    return invoice.lines.select_related("delivery__referral", "contract_line").order_by("pk")


@login_required
def invoice_detail(request, pk: int):
    invoice = _invoice(request, pk)
    lines = _invoice_lines(invoice)
    manager = manages_agency(request.user, invoice.contract.agency_id)
    reviewing = manager and invoice.state == InvoiceState.SUBMITTED
    if request.GET.get("format"):
        return _invoice_lines_export(request, invoice, lines)
    context = {
        "invoice": invoice,
        "lines": lines,
        "events": invoice.events.select_related("actor"),
        "is_provider": is_member(request.user, invoice.contract.organization_id),
        "may_manage": manager,
        "review_form": ReviewForm(lines=lines.filter(status=LineStatus.PENDING))
        if reviewing
        else None,
        "payment_form": PaymentForm()
        if manager and invoice.state == InvoiceState.APPROVED
        else None,
    }
    return render(request, "procurement/invoice_detail.html", context)


def _invoice_lines_export(request, invoice, lines):
    header = [
        _("Line"), _("Date"), _("Person code (pseudonymous)"), _("Service item"), _("Quantity"),
        _("Unit price (yuan)"), _("Amount (yuan)"), _("Status"), _("Reason for rejecting"),
    ]  # fmt: skip
    rows = [
        [
            line.pk,
            line.delivery.delivered_on,
            line.delivery.referral.person_code,
            line.contract_line.description,
            line.quantity,
            line.unit_price,
            line.amount,
            line.get_status_display(),
            line.rejection_reason,
        ]  # fmt: skip
        for line in lines
    ]
    return export(
        request,
        name=invoice.number,
        rows=[header, *rows],
        action="procurement.invoice_export",
        count=len(rows),
    )


@login_required
def invoice_print(request, pk: int):
    invoice = _invoice(request, pk)
    return render(
        request,
        "procurement/invoice_print.html",
        {"invoice": invoice, "lines": _invoice_lines(invoice)},
    )


@require_POST
@login_required
def invoice_generate_view(request, pk: int):
    contract = get_object_or_404(contracts_visible_to(request.user), pk=pk)
    form = GenerateForm(request.POST)
    target = reverse("procurement:contract_detail", args=[pk])
    if not form.is_valid():
        messages.error(request, _("Choose the month to bill."))
        return redirect(target)
    return attempt(
        request,
        lambda: invoice_generate(
            actor=request.user,
            contract=contract,
            period=form.cleaned_data["period"],
            request=request,
        ),
        _("The invoice was generated."),
        target,
    )


@require_POST
@login_required
def invoice_submit_view(request, pk: int):
    invoice = _invoice(request, pk)
    return attempt(
        request,
        lambda: invoice_submit(actor=request.user, invoice=invoice, request=request),
        _("The invoice was submitted to the agency."),
        reverse("procurement:invoice_detail", args=[pk]),
    )


@require_POST
@login_required
def invoice_review_view(request, pk: int):
    invoice = _invoice(request, pk)
    form = ReviewForm(request.POST, lines=_invoice_lines(invoice).filter(status=LineStatus.PENDING))
    target = reverse("procurement:invoice_detail", args=[pk])
    if not form.is_valid():
        messages.error(request, _("Check the reasons given."))
        return redirect(target)
    return attempt(
        request,
        lambda: invoice_review(
            actor=request.user, invoice=invoice, rejections=form.rejections(), request=request
        ),
        _("The invoice was reviewed."),
        target,
    )


@require_POST
@login_required
def invoice_pay_view(request, pk: int):
    invoice = _invoice(request, pk)
    form = PaymentForm(request.POST)
    target = reverse("procurement:invoice_detail", args=[pk])
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(target)
    return attempt(
        request,
        lambda: invoice_pay(
            actor=request.user, invoice=invoice, request=request, **form.cleaned_data
        ),
        _("The payment was recorded."),
        target,
    )
