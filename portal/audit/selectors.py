"""Reads of the audit log for the staff screen and its export, scoped to the reader's place."""

from typing import Any

from django.db.models import QuerySet
from django.http import QueryDict
from django.utils import timezone

from portal.audit.filters import AuditEntryFilter
from portal.audit.models import AuditEntry, AuditVerification, CaseReviewGrant


def audit_entries_visible_to(user: Any) -> QuerySet[AuditEntry]:
    """Entries filed inside the user's jurisdiction; everything for province-level readers."""
    # Imported here: organizations' models import the audit services, which import this module.
    from portal.accounts.scopes import scoped

    return scoped(AuditEntry.objects.select_related("actor"), user, "jurisdiction_code")


def audit_entries(params: QueryDict, user: Any) -> AuditEntryFilter:
    """The user's part of the audit log, newest first, filtered by the screen's parameters."""
    queryset = audit_entries_visible_to(user).order_by("-created_at", "-id")
    return AuditEntryFilter(params, queryset=queryset)


def latest_verification() -> AuditVerification | None:
    """The last stored result of `manage.py audit_verify`, if it ever ran."""
    return AuditVerification.objects.order_by("-ran_at", "-id").first()


def case_reviews_granted_to(user: Any) -> QuerySet[CaseReviewGrant]:
    """The named case reviews an oversight user holds now."""
    now = timezone.now()
    if not getattr(user, "is_authenticated", False):
        return CaseReviewGrant.objects.none()
    return CaseReviewGrant.objects.filter(
        grantee=user, revoked_at__isnull=True, starts_at__lte=now, ends_at__gt=now
    ).select_related("agency", "granted_by")


def case_reviews_of_agency(agency: Any) -> QuerySet[CaseReviewGrant]:
    """Every named case review an agency granted, newest first, for its managers' screen."""
    return CaseReviewGrant.objects.filter(agency=agency).select_related("grantee", "granted_by")


def case_reviews_expired_unrecorded() -> QuerySet[CaseReviewGrant]:
    """Grants whose period ended and whose expiry is not in the audit log yet."""
    return CaseReviewGrant.objects.filter(
        ends_at__lte=timezone.now(), expiry_recorded=False, revoked_at__isnull=True
    )
