"""Users log in with their e-mail address; each has one role that decides their dashboard."""

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PROVIDER_STAFF = "provider_staff", _("Social organization staff")
    EMPLOYER_STAFF = "employer_staff", _("Employer staff")
    VOLUNTEER = "volunteer", _("Volunteer")
    CASEWORKER = "caseworker", _("Caseworker")
    AGENCY_MANAGER = "agency_manager", _("Agency manager")
    OVERSIGHT = "oversight", _("Oversight")
    SITE_EDITOR = "site_editor", _("Site editor")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        extra_fields.setdefault("role", Role.SITE_EDITOR)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def get_full_name(self) -> str:
        # Chinese names are written family name first, without a space.
        return f"{self.last_name}{self.first_name}".strip()


class OversightKind(models.TextChoices):
    """The body an oversight user reads for: the supervisors and the committee's member units."""

    PROCURATORATE = "procuratorate", _("Procuratorate")
    PEOPLES_CONGRESS = "peoples_congress", _("People's congress")
    COURT = "court", _("People's court (committee member unit)")
    PUBLIC_SECURITY = "public_security", _("Public security (committee member unit)")
    CIVIL_AFFAIRS = "civil_affairs", _("Civil affairs (committee member unit)")
    HUMAN_RESOURCES = (
        "human_resources",
        _("Human resources and social security (committee member unit)"),
    )
    FINANCE = "finance", _("Finance (committee member unit)")
    EDUCATION = "education", _("Education (committee member unit)")


class OversightProfile(models.Model):
    """Which body an oversight user reads for, and the province, city or county it covers."""

    user = models.OneToOneField(
        User,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="oversight_profile",
    )
    kind = models.CharField(_("body"), max_length=32, choices=OversightKind.choices)
    jurisdiction = models.ForeignKey(
        "organizations.Jurisdiction",
        verbose_name=_("jurisdiction"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level__in": ["province", "city", "county", "zone"]},
    )

    class Meta:
        verbose_name = _("oversight profile")
        verbose_name_plural = _("oversight profiles")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.jurisdiction}"
