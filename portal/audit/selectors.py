"""Reads of the audit log for the staff screen and its export."""

from django.db.models import QuerySet
from django.http import QueryDict

from portal.audit.filters import AuditEntryFilter
from portal.audit.models import AuditEntry


def audit_entries(params: QueryDict) -> AuditEntryFilter:
    """The audit log, newest first, filtered by the screen's query parameters."""
    queryset: QuerySet[AuditEntry] = AuditEntry.objects.select_related("actor").order_by(
        "-created_at", "-id"
    )
    return AuditEntryFilter(params, queryset=queryset)
