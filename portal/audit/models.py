"""The append-only, hash-chained audit record: who read or changed what, when and from where."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.audit.chain import entry_hash


class AuditEntryIsAppendOnly(Exception):
    """Raised when anything tries to change, remove or bypass the chain of audit entries."""


class AuditEntryQuerySet(models.QuerySet):
    """Refuses every bulk write: rows enter one by one through `audit_record`, in chain order."""

    def update(self, **kwargs):
        raise AuditEntryIsAppendOnly("Audit entries cannot be updated.")

    def delete(self):
        raise AuditEntryIsAppendOnly("Audit entries cannot be deleted.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AuditEntryIsAppendOnly("Audit entries cannot be updated.")

    def bulk_create(self, objs, *args, **kwargs):
        raise AuditEntryIsAppendOnly("Audit entries are written one by one by audit_record.")


class AuditEntry(models.Model):
    """One audited event; written once by `audit.services.audit_record`, never changed.

    Each row carries the hash of the row before it and its own keyed hash, so that
    `manage.py audit_verify` finds any row edited, inserted or deleted behind the application.
    """

    sequence = models.PositiveBigIntegerField(_("sequence number"), unique=True)
    prev_hash = models.CharField(_("hash of the previous entry"), max_length=64)
    row_hash = models.CharField(_("hash of this entry"), max_length=64)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_label = models.CharField(_("who (as recorded)"), max_length=255)
    action = models.CharField(_("action"), max_length=64, db_index=True)
    object_type = models.CharField(_("object type"), max_length=100, db_index=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True, db_index=True)
    object_repr = models.CharField(_("object"), max_length=255, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("from IP address"), null=True, blank=True)
    jurisdiction_code = models.CharField(
        _("jurisdiction"),
        max_length=9,
        blank=True,
        db_index=True,
        help_text=_("Division code of the object's (else the actor's) place; scopes who reads it."),
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-created_at", "-id"]
        default_permissions = ("view",)

    def __str__(self) -> str:
        return (
            f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_repr}"
        )

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AuditEntryIsAppendOnly("Audit entries cannot be updated.")
        if self.row_hash != entry_hash(self):
            raise AuditEntryIsAppendOnly("Audit entries are written only by audit_record.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditEntryIsAppendOnly("Audit entries cannot be deleted.")


class AuditVerification(models.Model):
    """The result of one run of `audit_verify`, shown to managers on the audit screen.

    The head it saw is kept so that the next run notices rows removed from the end.
    """

    ran_at = models.DateTimeField(_("checked at"), default=timezone.now, db_index=True)
    intact = models.BooleanField(_("chain intact"))
    rows_checked = models.PositiveBigIntegerField(_("entries checked"))
    head_sequence = models.PositiveBigIntegerField(_("last entry"), null=True, blank=True)
    head_hash = models.CharField(_("hash of the last entry"), max_length=64, blank=True)
    problems = models.JSONField(_("problems found"), default=list, blank=True)

    class Meta:
        verbose_name = _("audit chain check")
        verbose_name_plural = _("audit chain checks")
        ordering = ["-ran_at", "-id"]
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self.ran_at:%Y-%m-%d %H:%M} {'ok' if self.intact else 'BROKEN'}"


class CaseReviewGrant(models.Model):
    """An agency manager lets one oversight user read one named case, for a reason and a period.

    The case is named by its pseudonymous code; casework honours the grant only for a person
    of the granting agency, and never for a sealed juvenile record.
    """

    grantee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granted to"),
        on_delete=models.PROTECT,
        related_name="case_review_grants",
    )
    case_code = models.CharField(_("case code"), max_length=12, db_index=True)
    agency = models.ForeignKey(
        "organizations.CorrectionsAgency",
        verbose_name=_("corrections agency"),
        on_delete=models.PROTECT,
        related_name="case_review_grants",
    )
    reason = models.TextField(_("reason"), max_length=2000)
    starts_at = models.DateTimeField(_("from"), default=timezone.now)
    ends_at = models.DateTimeField(_("until"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granted by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    expiry_recorded = models.BooleanField(_("expiry recorded"), default=False)
    created_at = models.DateTimeField(_("granted at"), default=timezone.now)

    class Meta:
        verbose_name = _("named case review")
        verbose_name_plural = _("named case reviews")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="case_review_ends_after_start",
            ),
            models.CheckConstraint(condition=~models.Q(reason=""), name="case_review_has_a_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.case_code} → {self.grantee}"

    def is_active(self, at=None) -> bool:
        """Whether reads are allowed now: started, not ended, not withdrawn."""
        at = at or timezone.now()
        return self.revoked_at is None and self.starts_at <= at < self.ends_at
