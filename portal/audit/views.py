"""The audit log for agency managers, oversight and administrators; reading it is audited too."""

from collections.abc import Iterator
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.accounts.models import Role
from portal.accounts.roles import SUPERUSER, role_required
from portal.audit import services
from portal.audit.actions import (
    action_label,
    detail_columns,
    detail_fields,
    detail_label,
    detail_value,
    object_type_label,
)
from portal.audit.forms import CaseReviewGrantForm
from portal.audit.models import AuditEntry
from portal.audit.selectors import (
    audit_entries,
    case_reviews_granted_to,
    case_reviews_of_agency,
    latest_verification,
)
from portal.audit.services import audit_record, chain_problem_text
from portal.exports import csv_streaming_response
from portal.organizations.selectors import agency_for_user
from portal.pagination import paginate

READERS = (Role.AGENCY_MANAGER, Role.OVERSIGHT, SUPERUSER)


def _filters_used(request: HttpRequest) -> dict[str, str]:
    return {key: value[:200] for key, value in request.GET.items() if value}


@role_required(*READERS)
def audit_list(request: HttpRequest) -> HttpResponse:
    """Browse the audit log page by page, in sentences; the browsing itself is recorded."""
    entries = audit_entries(request.GET, request.user)
    page = paginate(request, entries.qs, 50)
    rows = [_readable(entry) for entry in page]  # before this visit's own entry is added
    audit_record(
        actor=request.user,
        action="audit.list",
        object_type="audit.auditentry",
        request=request,
        detail=_filters_used(request),
    )
    query = request.GET.copy()
    query.pop("page", None)
    verification = latest_verification()
    context = {
        "filter": entries,
        "page": page,
        "rows": rows,
        "query": query.urlencode(),
        "verification": verification,
        "verification_problems": [chain_problem_text(p) for p in verification.problems[:20]]
        if verification
        else [],
    }
    return render(request, "audit/list.html", context)


def _readable(entry: AuditEntry) -> dict[str, Any]:
    return {
        "entry": entry,
        "action": action_label(entry.action),
        "object_type": object_type_label(entry.object_type) if entry.object_type else "",
        "details": detail_fields(entry.detail),
    }


@role_required(*READERS)
def audit_export(request: HttpRequest) -> StreamingHttpResponse:
    """Download the filtered log as CSV, one column per detail field; the export is recorded."""
    entries = audit_entries(request.GET, request.user).qs
    audit_record(
        actor=request.user,
        action="audit.export",
        object_type="audit.auditentry",
        request=request,
        detail=_filters_used(request),
    )
    filename = f"audit-{timezone.localdate():%Y%m%d}.csv"
    return csv_streaming_response(filename, _csv_rows(entries))


def _csv_rows(entries: QuerySet[AuditEntry]) -> Iterator[list]:
    """A header, then one row per entry with its detail spread over named columns."""
    columns = detail_columns(list(entries.values_list("detail", flat=True)))
    yield [
        _("When"),
        _("Who"),
        _("Action"),
        _("Action code"),
        _("Object type"),
        _("Object id"),
        _("Object"),
        _("From IP address"),
        *(detail_label(key) for key in columns),
    ]
    for entry in entries.iterator():
        yield [
            timezone.localtime(entry.created_at).isoformat(),
            entry.actor_label,
            action_label(entry.action),
            entry.action,
            object_type_label(entry.object_type) if entry.object_type else "",
            entry.object_id,
            entry.object_repr,
            entry.ip_address or "",
            *(detail_value(entry.detail[key]) if key in entry.detail else "" for key in columns),
        ]


@role_required(Role.AGENCY_MANAGER)
def case_reviews(request: HttpRequest) -> HttpResponse:
    """An agency manager's named case reviews, and the form that grants one."""
    agency = agency_for_user(request.user)
    if agency is None:
        raise PermissionDenied
    form = CaseReviewGrantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_review_grant(
                actor=request.user,
                grantee=form.cleaned_data["grantee"],
                case_code=form.cleaned_data["case_code"],
                reason=form.cleaned_data["reason"],
                ends_at=form.ends_at(),
                request=request,
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The named case review was granted."))
            return redirect("audit:case_reviews")
    page = paginate(request, case_reviews_of_agency(agency), 50)
    context = {"form": form, "page": page, "agency": agency, "now": timezone.now()}
    return render(request, "audit/case_reviews.html", context, status=400 if form.errors else 200)


@require_POST
@role_required(Role.AGENCY_MANAGER)
def case_review_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw a grant of the manager's own agency before its end."""
    agency = agency_for_user(request.user)
    grant = get_object_or_404(case_reviews_of_agency(agency), pk=pk)
    services.case_review_revoke(actor=request.user, grant=grant, request=request)
    messages.success(request, _("The named case review was withdrawn."))
    return redirect("audit:case_reviews")


@role_required(Role.OVERSIGHT)
def my_case_reviews(request: HttpRequest) -> HttpResponse:
    """The cases an oversight user may read now, with the reason and the end of each grant."""
    grants = case_reviews_granted_to(request.user)
    return render(request, "audit/my_case_reviews.html", {"grants": grants})
