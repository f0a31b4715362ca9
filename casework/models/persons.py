"""Supervised persons, where they are supervised, and the history of their transfers."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from matching.eligibility import CorrectionType, Gender, SupervisionLevel
from portal.identity import decrypt_identity_number
from portal.organizations.models import CorrectionsAgency, JudicialOffice

REFERRAL_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_referral_code() -> str:
    """A pseudonymous code that names a person to providers without identifying them."""
    return "R" + "".join(secrets.choice(REFERRAL_CODE_ALPHABET) for _ in range(9))


class PersonStatus(models.TextChoices):
    UNDER_SUPERVISION = "under_supervision", _("Under supervision")
    ENDED = "ended", _("Supervision ended")
    REVOKED = "revoked", _("Revoked")
    TRANSFERRED = "transferred", _("Transferred out")


class PreferredLanguage(models.TextChoices):
    CHINESE = "zh-hans", _("Chinese")
    ENGLISH = "en", _("English")


class NotificationChannel(models.TextChoices):
    SMS = "sms", _("Text message (SMS)")
    EMAIL = "email", _("E-mail")
    NONE = "none", _("None")


class SupervisedPerson(models.Model):
    """A person under community corrections; the identity number is stored encrypted."""

    family_name = models.CharField(_("family name"), max_length=32)
    given_name = models.CharField(_("given name"), max_length=32)
    identity_number_encrypted = models.TextField(_("identity number (encrypted)"), editable=False)
    # Not unique: a number recorded again by someone who may not see the first record opens a
    # duplicate review for the agency manager instead of answering "exists" (an oracle).
    identity_lookup_hash = models.CharField(
        _("identity number lookup hash"), max_length=64, db_index=True, editable=False
    )
    identity_number_masked = models.CharField(_("identity number"), max_length=18, editable=False)
    gender = models.CharField(_("gender"), max_length=8, choices=Gender.choices)
    birth_date = models.DateField(_("birth date"))
    is_juvenile = models.BooleanField(
        _("juvenile record (sealed)"),
        default=False,
        help_text=_(
            "Offence committed as a minor: the record is sealed and only the assigned "
            "caseworkers and the agency manager can open it."
        ),
    )
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    offense = models.CharField(
        _("offence"),
        max_length=255,
        help_text=_("Confidential: never shared with providers."),
    )
    correction_type = models.CharField(
        _("correction type"), max_length=16, choices=CorrectionType.choices
    )
    start_date = models.DateField(_("start of supervision"))
    end_date = models.DateField(_("end of supervision"))
    agency = models.ForeignKey(
        CorrectionsAgency,
        verbose_name=_("executing corrections agency"),
        on_delete=models.PROTECT,
        related_name="supervised_persons",
    )
    judicial_office = models.ForeignKey(
        JudicialOffice,
        verbose_name=_("judicial office"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supervised_persons",
    )
    supervision_level = models.CharField(
        _("supervision level"),
        max_length=16,
        choices=SupervisionLevel.choices,
        default=SupervisionLevel.ORDINARY,
    )
    caseworkers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned caseworkers"),
        blank=True,
        related_name="supervised_persons",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PersonStatus.choices,
        default=PersonStatus.UNDER_SUPERVISION,
    )
    referral_code = models.CharField(
        _("person code (pseudonymous)"),
        max_length=12,
        unique=True,
        default=new_referral_code,
        editable=False,
    )
    referrals = models.ManyToManyField(
        "matching.Referral",
        through="casework.PersonReferral",
        verbose_name=_("referrals"),
        related_name="+",
    )
    email = models.EmailField(_("e-mail"), blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=PreferredLanguage.choices,
        default=PreferredLanguage.CHINESE,
    )
    notification_channel = models.CharField(
        _("notifications by"),
        max_length=8,
        choices=NotificationChannel.choices,
        default=NotificationChannel.NONE,
        help_text=_("How the person is told of an accepted referral; none means a printed slip."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("supervised person")
        verbose_name_plural = _("supervised persons")
        ordering = ["family_name", "given_name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="person_end_not_before_start"
            ),
        ]
        indexes = [models.Index(fields=["agency", "judicial_office", "status"])]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.family_name}{self.given_name}"

    @property
    def identity_number(self) -> str:
        return decrypt_identity_number(self.identity_number_encrypted)

    @property
    def jurisdiction(self):
        """Where the person lives for matching: the office's township, else the county."""
        office = self.judicial_office
        return office.jurisdiction if office else self.agency.jurisdiction

    def age_on(self, day) -> int:
        before_birthday = (day.month, day.day) < (self.birth_date.month, self.birth_date.day)
        return day.year - self.birth_date.year - int(before_birthday)

    def clean(self) -> None:
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end of supervision cannot be before its start.")
        office = self.judicial_office
        if office is not None and self.agency_id and office.agency_id != self.agency_id:
            errors["judicial_office"] = _(
                "This judicial office does not belong to the executing agency."
            )
        if errors:
            raise ValidationError(errors)


class ExecutionTransfer(models.Model):
    """One change of executing place; rows are only ever added, so the history is kept."""

    person = models.ForeignKey(
        SupervisedPerson,
        verbose_name=_("supervised person"),
        on_delete=models.CASCADE,
        related_name="transfers",
    )
    from_agency = models.ForeignKey(
        CorrectionsAgency,
        verbose_name=_("from agency"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    from_office = models.ForeignKey(
        JudicialOffice,
        verbose_name=_("from judicial office"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_agency = models.ForeignKey(
        CorrectionsAgency,
        verbose_name=_("to agency"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_office = models.ForeignKey(
        JudicialOffice,
        verbose_name=_("to judicial office"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    transferred_on = models.DateField(_("date of transfer"))
    reason = models.TextField(_("reason"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("transfer of executing place")
        verbose_name_plural = _("transfers of executing place")
        ordering = ["-transferred_on", "-id"]

    def __str__(self) -> str:
        return f"{self.from_office or self.from_agency} → {self.to_office or self.to_agency}"

    def clean(self) -> None:
        office = self.to_office
        if office is not None and self.to_agency_id and office.agency_id != self.to_agency_id:
            raise ValidationError(
                {"to_office": _("This judicial office does not belong to the receiving agency.")}
            )
        if (self.from_agency_id, self.from_office_id) == (self.to_agency_id, self.to_office_id):
            raise ValidationError(
                {"to_agency": _("The person is already supervised at this place.")}
            )
