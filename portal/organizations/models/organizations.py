"""Jurisdictions, corrections agencies, judicial offices and provider organizations."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.files import PrivateUploadTo, private_storage
from portal.organizations.validators import validate_credit_code


class JurisdictionLevel(models.TextChoices):
    PROVINCE = "province", _("Province")
    CITY = "city", _("City")
    COUNTY = "county", _("County")
    ZONE = "zone", _("Development zone")
    TOWNSHIP = "township", _("Township")


# GB/T 2260 codes nest by prefix: 41 is Henan, 4101 Zhengzhou, 410102 Zhongyuan district,
# 410102001 one of its townships (a township's prefix is its whole code).
PREFIX_LENGTH = {
    JurisdictionLevel.PROVINCE: 2,
    JurisdictionLevel.CITY: 4,
    JurisdictionLevel.COUNTY: 6,
    JurisdictionLevel.ZONE: 6,
}


class Jurisdiction(models.Model):
    """An administrative division (GB/T 2260), loaded from data, with its centre point."""

    code = models.CharField(_("division code"), max_length=9, unique=True)
    name = models.CharField(_("name"), max_length=64)
    level = models.CharField(_("level"), max_length=16, choices=JurisdictionLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6)

    class Meta:
        verbose_name = _("jurisdiction")
        verbose_name_plural = _("jurisdictions")
        ordering = ["code"]
        indexes = [models.Index(fields=["level", "code"])]

    def __str__(self) -> str:
        return self.name

    @property
    def code_prefix(self) -> str:
        """The code prefix shared by this division and every division inside it: the one rule
        of what lies in a jurisdiction, for rows that store a code and rows that point here."""
        return self.code[: PREFIX_LENGTH.get(self.level, len(self.code))]

    @property
    def name_with_parent(self) -> str:
        """The name and, in brackets, the division it lies in: "建设路街道（中原区）"; load it with
        select_related("parent")."""
        if self.level == JurisdictionLevel.PROVINCE or self.parent is None:
            return self.name
        return f"{self.name}（{self.parent.name}）"

    @property
    def full_name(self) -> str:
        """The names from the city down ("郑州市中原区林山寨街道"); the province's own name."""
        if self.level == JurisdictionLevel.PROVINCE:
            return self.name
        # A city's parent is always the province, so the walk stops there without loading it:
        # with select_related("parent") a county's full name costs no query.
        names: list[str] = []
        node: Jurisdiction | None = self
        while node is not None and node.level != JurisdictionLevel.PROVINCE:
            names.insert(0, node.name)
            node = None if node.level == JurisdictionLevel.CITY else node.parent
        return "".join(names)


class CorrectionsAgency(models.Model):
    """A county-level community corrections agency (社区矫正机构)."""

    name = models.CharField(_("name"), max_length=128, unique=True)
    jurisdiction = models.OneToOneField(
        Jurisdiction,
        verbose_name=_("jurisdiction"),
        on_delete=models.PROTECT,
        related_name="corrections_agency",
        limit_choices_to={"level__in": [JurisdictionLevel.COUNTY, JurisdictionLevel.ZONE]},
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)

    class Meta:
        verbose_name = _("corrections agency")
        verbose_name_plural = _("corrections agencies")
        ordering = ["jurisdiction__code"]

    def __str__(self) -> str:
        return self.name


class JudicialOffice(models.Model):
    """A township judicial office (司法所) acting for its county agency."""

    name = models.CharField(_("name"), max_length=128)
    agency = models.ForeignKey(
        CorrectionsAgency,
        verbose_name=_("corrections agency"),
        on_delete=models.PROTECT,
        related_name="judicial_offices",
    )
    jurisdiction = models.OneToOneField(
        Jurisdiction,
        verbose_name=_("township"),
        on_delete=models.PROTECT,
        related_name="judicial_office",
        limit_choices_to={"level": JurisdictionLevel.TOWNSHIP},
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)

    class Meta:
        verbose_name = _("judicial office")
        verbose_name_plural = _("judicial offices")
        ordering = ["jurisdiction__code"]

    def __str__(self) -> str:
        return self.name


class OrganizationKind(models.TextChoices):
    SOCIAL_ORGANIZATION = "social_organization", _("Social organization")
    EMPLOYER = "employer", _("Employer")


class VerificationStatus(models.TextChoices):
    UNVERIFIED = "unverified", _("Awaiting verification")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")


class Organization(models.Model):
    """A provider: a social organization or an employer, verified by an agency manager."""

    name = models.CharField(_("name"), max_length=128, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganizationKind.choices)
    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        unique=True,
        validators=[validate_credit_code],
        help_text=_("18 characters, as printed on the registration certificate."),
    )
    legal_representative = models.CharField(_("legal representative"), max_length=64)
    jurisdiction = models.ForeignKey(
        Jurisdiction,
        verbose_name=_("registered in"),
        on_delete=models.PROTECT,
        related_name="organizations",
    )
    address = models.CharField(_("address"), max_length=255)
    phone = models.CharField(_("contact phone"), max_length=32)
    email = models.EmailField(_("contact e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    # Private storage, random name: only members and agency readers download it, audited.
    registration_certificate = models.FileField(
        _("registration certificate"),
        storage=private_storage,
        upload_to=PrivateUploadTo("organizations/certificates"),
        max_length=255,
        blank=True,
    )
    certificate_name = models.CharField(_("certificate file name"), max_length=255, blank=True)
    certificate_content_type = models.CharField(
        _("certificate file type"), max_length=64, blank=True
    )
    status = models.CharField(
        _("verification status"),
        max_length=16,
        choices=VerificationStatus.choices,
        default=VerificationStatus.UNVERIFIED,
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=VerificationStatus.REJECTED) | ~Q(rejection_reason=""),
                name="organization_rejection_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_verified(self) -> bool:
        return self.status == VerificationStatus.VERIFIED


class MembershipRole(models.TextChoices):
    OWNER = "owner", _("Owner")
    STAFF = "staff", _("Staff")


class Membership(models.Model):
    """A user's place in a provider organization."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(
        _("role"), max_length=16, choices=MembershipRole.choices, default=MembershipRole.STAFF
    )
    created_at = models.DateTimeField(_("joined at"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="unique_membership"),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organization}"


class StaffAssignment(models.Model):
    """Where a caseworker or agency manager works: an agency and, for caseworkers, an office."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="staff_assignment",
    )
    agency = models.ForeignKey(
        CorrectionsAgency,
        verbose_name=_("corrections agency"),
        on_delete=models.PROTECT,
        related_name="staff_assignments",
    )
    judicial_office = models.ForeignKey(
        JudicialOffice,
        verbose_name=_("judicial office"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff_assignments",
    )

    class Meta:
        verbose_name = _("staff assignment")
        verbose_name_plural = _("staff assignments")

    def __str__(self) -> str:
        return f"{self.user} — {self.judicial_office or self.agency}"
