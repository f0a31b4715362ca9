"""Report screens: choose a place and a period, read the tables and charts, print or export."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.accounts.models import Role
from portal.accounts.roles import SUPERUSER, role_required
from portal.exports import csv_response, xlsx_response
from reports.definitions import REPORTS, ReportScope
from reports.forms import OpinionForm, OpinionResponseForm, OpinionReviewForm, ReportFilterForm
from reports.periods import Period
from reports.scope import (
    agencies_supervised_by,
    is_procuratorate,
    opinion_side,
    report_jurisdictions,
)
from reports.selectors import inbox_of, opinions_visible_to, overdue_opinions
from reports.services import (
    AGENCY,
    PROCURATORATE,
    delivery_read,
    opinion_issue,
    opinion_read,
    opinion_transition,
    report_read,
)
from reports.tables import TOTAL, Table

READERS = (Role.AGENCY_MANAGER, Role.OVERSIGHT, SUPERUSER)
EXPORT_FORMATS = ("csv", "xlsx")


@role_required(*READERS)
def report_index(request):
    return render(request, "reports/index.html", {"reports": REPORTS.values()})


@role_required(*READERS)
def report_detail(request, slug: str):
    report = REPORTS.get(slug)
    if report is None:
        raise Http404
    places = list(report_jurisdictions(request.user))
    if not places:
        raise PermissionDenied
    form = ReportFilterForm(_filter_data(request, places), jurisdictions=places)
    export_format = request.GET.get("format", "")
    context = {
        "report": report,
        "form": form,
        "tables": [],
        "generated_at": timezone.now(),
        "total_label": str(TOTAL),
    }
    if export_format and export_format not in EXPORT_FORMATS:
        messages.error(request, _("Exports are in CSV or XLSX; choose one of them."))
        return render(request, "reports/report.html", context, status=400)
    if not form.is_valid():
        return render(request, "reports/report.html", context, status=400)
    scope = ReportScope(form.cleaned_data["jurisdiction"], form.cleaned_data["period_value"])
    tables = report.build(scope)
    report_read(
        actor=request.user, report=report, scope=scope, export_format=export_format, request=request
    )
    if export_format:
        return _export(report, scope, tables, export_format)
    context.update(scope=scope, tables=tables, charts=[t.chart_data() for t in tables if t.chart])
    return render(request, "reports/report.html", context)


def _filter_data(request, places: list) -> dict:
    """The filter as asked, the place defaulting to the widest one the user may see (links from
    the retired pages give only a year); the defaults when no period is asked."""
    defaults = ReportFilterForm.initial_for(places)
    if "period" not in request.GET:
        return defaults
    data = request.GET.copy()
    data.setdefault("jurisdiction", defaults["jurisdiction"])
    return data


def _export(report, scope: ReportScope, tables: list[Table], export_format: str):
    rows = export_rows(report, scope, tables)
    name = f"{report.slug}-{scope.jurisdiction.code}-{scope.period.slug}.{export_format}"
    if export_format == "csv":
        return csv_response(name, rows)
    return xlsx_response(name, rows, sheet_title=str(report.title))


def export_rows(report, scope: ReportScope, tables: list[Table]) -> list[list]:
    """The report as spreadsheet rows: a heading block, then each table with its title."""
    rows: list[list] = [
        [str(report.title)],
        [_("Jurisdiction"), scope.jurisdiction.name],
        [_("Period"), scope.period.label, str(scope.period.start), str(scope.period.end)],
        [_("Generated"), timezone.localtime().strftime("%Y-%m-%d %H:%M")],
    ]
    for table in tables:
        rows += [[], [table.title], [table.row_header, *table.columns]]
        rows += [[label, *(cell.export_value for cell in cells)] for label, cells in table.rows]
        rows += [[note] for note in table.notes]
    return rows


@role_required(*READERS)
def opinion_list(request):
    opinions = opinions_visible_to(request.user)
    context = {
        "opinions": opinions,
        "overdue_ids": set(overdue_opinions(opinions).values_list("pk", flat=True)),
        "may_issue": is_procuratorate(request.user),
    }
    return render(request, "reports/opinion_list.html", context)


@role_required(Role.OVERSIGHT)
def opinion_new(request):
    if not is_procuratorate(request.user):
        raise PermissionDenied
    agencies = agencies_supervised_by(request.user)
    form = OpinionForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        try:
            opinion = opinion_issue(actor=request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The opinion was sent to the agency."))
            return redirect("reports:opinion", pk=opinion.pk)
    return render(request, "reports/opinion_form.html", {"form": form})


@role_required(*READERS)
def opinion_detail(request, pk: int):
    opinion = get_object_or_404(opinions_visible_to(request.user), pk=pk)
    side = opinion_side(request.user, opinion)
    form = _opinion_form(side, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                _apply(request, opinion, side, form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("reports:opinion", pk=opinion.pk)
    opinion_read(actor=request.user, opinion=opinion, request=request)
    context = {"opinion": opinion, "events": opinion.events.select_related("actor"), "form": form}
    return render(
        request, "reports/opinion_detail.html", context, status=400 if form and form.errors else 200
    )


def _opinion_form(side: str, data):
    if side == AGENCY:
        return OpinionResponseForm(data)
    if side == PROCURATORATE:
        return OpinionReviewForm(data)
    return None


def _apply(request, opinion, side: str, data: dict) -> None:
    action = data.get("action", "respond")
    opinion_transition(
        opinion=opinion,
        action=action,
        side=side,
        actor=request.user,
        note=data.get("note", ""),
        response=data.get("response", ""),
        rectification=data.get("rectification", ""),
        request=request,
    )


@role_required(*READERS)
def inbox(request):
    return render(request, "reports/inbox.html", {"deliveries": inbox_of(request.user)})


@role_required(*READERS)
def delivery_detail(request, pk: int):
    delivery = get_object_or_404(inbox_of(request.user), pk=pk)
    delivery_read(actor=request.user, delivery=delivery, request=request)
    period = Period(delivery.period_kind, delivery.period_start, delivery.period_end)
    scope = ReportScope(delivery.jurisdiction, period)
    context = {
        "delivery": delivery,
        "title": _("Community corrections report, %(period)s") % {"period": period.label},
        "sections": [
            (REPORTS[s], REPORTS[s].build(scope)) for s in delivery.sections if s in REPORTS
        ],
        "total_label": str(TOTAL),
    }
    return render(request, "reports/delivery.html", context)
