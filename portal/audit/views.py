"""The audit log for agency managers, oversight and administrators; exporting it is audited."""

import csv
from collections.abc import Iterator

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.accounts.models import Role
from portal.accounts.roles import SUPERUSER, role_required
from portal.audit.models import AuditEntry
from portal.audit.selectors import audit_entries
from portal.audit.services import audit_record
from portal.pagination import paginate

READERS = (Role.AGENCY_MANAGER, Role.OVERSIGHT, SUPERUSER)


@role_required(*READERS)
def audit_list(request: HttpRequest) -> HttpResponse:
    """Browse the audit log page by page."""
    entries = audit_entries(request.GET)
    page = paginate(request, entries.qs, 50)
    query = request.GET.copy()
    query.pop("page", None)
    context = {"filter": entries, "page": page, "query": query.urlencode()}
    return render(request, "audit/list.html", context)


class _Echo:
    def write(self, value: str) -> str:
        return value


@role_required(*READERS)
def audit_export(request: HttpRequest) -> StreamingHttpResponse:
    """Download the filtered log as CSV; the export itself is recorded."""
    entries = audit_entries(request.GET)
    audit_record(
        actor=request.user,
        action="audit.export",
        object_type="audit.auditentry",
        request=request,
        detail={key: value for key, value in request.GET.items() if value},
    )
    writer = csv.writer(_Echo())
    stream = (writer.writerow(row) for row in _csv_rows(entries.qs))
    response = StreamingHttpResponse(stream, content_type="text/csv; charset=utf-8")
    filename = f"audit-{timezone.localdate():%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _csv_rows(entries: QuerySet[AuditEntry]) -> Iterator[list]:
    """A header (with a byte-order mark, for spreadsheet programs) then one row per entry."""
    header = [_("When"), _("Who"), _("Action"), _("Object type"), _("Object id")]
    yield ["\ufeff" + header[0], *header[1:], _("Object"), _("From IP address"), _("Detail")]
    for entry in entries.iterator():
        yield [
            timezone.localtime(entry.created_at).isoformat(),
            entry.actor_label,
            entry.action,
            entry.object_type,
            entry.object_id,
            entry.object_repr,
            entry.ip_address or "",
            entry.detail,
        ]
