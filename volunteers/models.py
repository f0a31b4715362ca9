"""Volunteer profiles, screening, opportunities with shifts, sign-ups, hours and mentees."""

from datetime import datetime
from decimal import Decimal

from modelcluster.fields import ParentalKey, ParentalManyToManyField

from django import forms
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from matching.bring import documents_to_bring_field, other_things_to_bring_field, things_to_bring
from matching.types import ThingsToBring
from portal.files import PrivateUploadTo, private_storage
from portal.organizations.choosers import PlaceChooser
from portal.organizations.models import CorrectionsAgency, Jurisdiction
from volunteers.page_forms import VolunteerOpportunityPageForm


class Skill(models.TextChoices):
    LAWYER = "lawyer", _("Lawyer")
    PSYCHOLOGICAL_COUNSELOR = "psychological_counselor", _("Psychological counselor")
    SOCIAL_WORKER = "social_worker", _("Social worker")
    TEACHER = "teacher", _("Teacher")
    OTHER = "other", _("Other qualification")


class Interest(models.TextChoices):
    MENTORING = "mentoring", _("Mentoring")
    TUTORING = "tutoring", _("Tutoring")
    LEGAL_AID = "legal_aid", _("Legal aid")
    PSYCHOLOGICAL_SUPPORT = "psychological_support", _("Psychological support")
    PUBLIC_WELFARE = "public_welfare", _("Public-welfare activities")


# Which service categories (matching.models.Category slugs) each interest provides.
INTEREST_CATEGORIES: dict[str, tuple[str, ...]] = {
    Interest.MENTORING: ("social-relationship-improvement", "family-relationship-repair"),
    Interest.TUTORING: ("education-support",),
    Interest.LEGAL_AID: ("legal-education",),
    Interest.PSYCHOLOGICAL_SUPPORT: ("psychological-counseling",),
    Interest.PUBLIC_WELFARE: ("public-welfare-activity",),
}


class Weekday(models.TextChoices):
    MON = "mon", _("Monday")
    TUE = "tue", _("Tuesday")
    WED = "wed", _("Wednesday")
    THU = "thu", _("Thursday")
    FRI = "fri", _("Friday")
    SAT = "sat", _("Saturday")
    SUN = "sun", _("Sunday")


class DayPart(models.TextChoices):
    MORNING = "am", _("morning")
    AFTERNOON = "pm", _("afternoon")
    EVENING = "eve", _("evening")


AVAILABILITY_CHOICES = [
    (f"{day.value}-{part.value}", f"{day.label} {part.label}")
    for day in Weekday
    for part in DayPart
]


class ScreeningStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    DOCUMENTS_CHECKED = "documents_checked", _("Documents checked")
    TRAINING_COMPLETED = "training_completed", _("Training completed")
    APPROVED = "approved", _("Approved")
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    RETIRED = "retired", _("Retired")


SERVING_STATUSES = (ScreeningStatus.APPROVED, ScreeningStatus.ACTIVE)


class VolunteerProfile(models.Model):
    """A volunteer's own account of themselves, and where they stand in screening."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="volunteer_profile",
    )
    real_name = models.CharField(_("real name"), max_length=64)
    phone = models.CharField(_("phone"), max_length=32)
    identity_number_encrypted = models.TextField(_("identity number (encrypted)"), editable=False)
    identity_number_masked = models.CharField(_("identity number"), max_length=18, editable=False)
    # One profile holds a number; another profile giving it is kept (no squatting) but marked
    # shared, so its screening manager checks who the number belongs to before screening on.
    identity_number_hash = models.CharField(max_length=64, db_index=True, editable=False)
    identity_shared = models.BooleanField(
        _("identity number also on another profile"), default=False, editable=False
    )
    skills = models.JSONField(_("skills and qualifications"), default=list, blank=True)
    qualifications = models.TextField(
        _("professional qualifications"),
        blank=True,
        help_text=_("Certificates and licences, e.g. lawyer's practising certificate number."),
    )
    interests = models.JSONField(_("interests"), default=list)
    languages = models.JSONField(_("languages and dialects"), default=list)
    jurisdictions = models.ManyToManyField(
        Jurisdiction,
        verbose_name=_("where I can help"),
        related_name="volunteers",
    )
    availability = models.JSONField(_("weekly availability"), default=list)
    agency = models.ForeignKey(
        CorrectionsAgency,
        verbose_name=_("screening agency"),
        on_delete=models.PROTECT,
        related_name="volunteers",
        help_text=_("The corrections agency that screens and supports you."),
    )
    motivation = models.TextField(_("why I volunteer"), blank=True)
    status = models.CharField(
        _("screening status"),
        max_length=24,
        choices=ScreeningStatus.choices,
        default=ScreeningStatus.APPLIED,
    )
    status_changed_at = models.DateTimeField(_("status changed at"), auto_now_add=True)
    created_at = models.DateTimeField(_("applied at"), auto_now_add=True)

    class Meta:
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        ordering = ["real_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["identity_number_hash"],
                condition=Q(identity_shared=False),
                name="one_unshared_profile_per_identity_number",
            )
        ]

    def __str__(self) -> str:
        return self.real_name

    @property
    def is_serving(self) -> bool:
        return self.status in SERVING_STATUSES

    @property
    def offers_mentoring(self) -> bool:
        return self.is_serving and Interest.MENTORING in self.interests

    def get_skills_display(self) -> list[str]:
        return [str(Skill(value).label) for value in self.skills if value in Skill.values]

    def get_interests_display(self) -> list[str]:
        return [str(Interest(value).label) for value in self.interests if value in Interest.values]

    def get_availability_display(self) -> list[str]:
        labels = dict(AVAILABILITY_CHOICES)
        return [str(labels[value]) for value in self.availability if value in labels]


class DocumentKind(models.TextChoices):
    IDENTITY = "identity", _("Identity document")
    NO_CRIMINAL_RECORD = "no_criminal_record", _("No-criminal-record certificate")


class ScreeningDocument(models.Model):
    """A document a volunteer uploads for screening; the latest of each kind counts."""

    volunteer = models.ForeignKey(
        VolunteerProfile,
        verbose_name=_("volunteer"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    kind = models.CharField(_("document"), max_length=24, choices=DocumentKind.choices)
    # Private storage, random name: the file is served only by the checked, audited view.
    file = models.FileField(
        _("file"),
        storage=private_storage,
        upload_to=PrivateUploadTo("volunteers/documents"),
        max_length=255,
    )
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("file type"), max_length=64)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("screening document")
        verbose_name_plural = _("screening documents")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.original_name}"


class ScreeningStep(models.Model):
    """One move of a volunteer through screening, with who made it and why."""

    volunteer = models.ForeignKey(
        VolunteerProfile,
        verbose_name=_("volunteer"),
        on_delete=models.CASCADE,
        related_name="screening_steps",
    )
    from_status = models.CharField(_("from"), max_length=24, choices=ScreeningStatus.choices)
    to_status = models.CharField(_("to"), max_length=24, choices=ScreeningStatus.choices)
    reason = models.TextField(_("reason"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("screening step")
        verbose_name_plural = _("screening steps")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.volunteer}: {self.from_status} -> {self.to_status}"


class VolunteerOpportunityPage(Page):
    """A volunteer opportunity published by an agency or organization in its section."""

    summary = models.CharField(_("summary"), max_length=255)
    body = RichTextField(_("description"), blank=True)
    interest = models.CharField(_("kind of work"), max_length=32, choices=Interest.choices)
    categories = ParentalManyToManyField(
        "matching.Category", verbose_name=_("service categories"), blank=True
    )
    jurisdiction = models.ForeignKey(
        Jurisdiction,
        verbose_name=_("where"),
        on_delete=models.PROTECT,
        related_name="volunteer_opportunities",
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    requirements = models.TextField(_("requirements"), blank=True)
    contact = models.CharField(_("contact"), max_length=128, blank=True)
    documents_to_bring = documents_to_bring_field()
    other_things_to_bring = other_things_to_bring_field()

    parent_page_types = ["organizations.ProviderSectionPage"]
    subpage_types: list[str] = []
    template = "volunteers/volunteer_opportunity_page.html"
    base_form_class = VolunteerOpportunityPageForm

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("interest"),
        FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldPanel("jurisdiction", widget=PlaceChooser),
                FieldPanel("address"),
                FieldPanel("contact"),
            ],
            heading=_("Place and contact"),
        ),
        FieldPanel("body"),
        FieldPanel("requirements"),
        FieldPanel("documents_to_bring"),
        FieldPanel("other_things_to_bring"),
        InlinePanel("shifts", heading=_("Shifts"), label=_("Shift")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("volunteer opportunity")
        verbose_name_plural = _("volunteer opportunities")

    @property
    def things(self) -> ThingsToBring:
        """What a referred person is asked to bring (what a referral keeps)."""
        return things_to_bring(documents=self.documents_to_bring, other=self.other_things_to_bring)


class Shift(Orderable):
    """One dated shift of an opportunity, with a place and a number of seats."""

    opportunity = ParentalKey(
        VolunteerOpportunityPage,
        verbose_name=_("opportunity"),
        on_delete=models.CASCADE,
        related_name="shifts",
    )
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts"))
    end_time = models.TimeField(_("ends"))
    place = models.CharField(_("place"), max_length=255)
    seats = models.PositiveSmallIntegerField(_("seats"))

    panels = [
        FieldPanel("date"),
        FieldPanel("start_time"),
        FieldPanel("end_time"),
        FieldPanel("place"),
        FieldPanel("seats"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")
        ordering = ["date", "start_time", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=models.F("start_time")), name="shift_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(seats__gte=1), name="shift_has_seats"),
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.start_time:%H:%M}-{self.end_time:%H:%M} {self.place}"

    @property
    def starts_at(self) -> datetime:
        return datetime.combine(self.date, self.start_time)

    @property
    def ends_at(self) -> datetime:
        return datetime.combine(self.date, self.end_time)


class SignUpStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


ACTIVE_SIGNUP_STATUSES = (SignUpStatus.CONFIRMED, SignUpStatus.WAITLISTED)


class SignUp(models.Model):
    """A volunteer's place on a shift: confirmed, waiting, or given up."""

    shift = models.ForeignKey(
        Shift, verbose_name=_("shift"), on_delete=models.PROTECT, related_name="signups"
    )
    volunteer = models.ForeignKey(
        VolunteerProfile,
        verbose_name=_("volunteer"),
        on_delete=models.CASCADE,
        related_name="signups",
    )
    status = models.CharField(_("status"), max_length=16, choices=SignUpStatus.choices)
    created_at = models.DateTimeField(_("signed up at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("shift sign-up")
        verbose_name_plural = _("shift sign-ups")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["shift", "volunteer"],
                condition=Q(status__in=["confirmed", "waitlisted"]),
                name="one_active_signup_per_shift",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} @ {self.shift} ({self.status})"


class HoursStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class HoursEntry(models.Model):
    """Time a volunteer served, on a shift or another activity, approved by a coordinator."""

    volunteer = models.ForeignKey(
        VolunteerProfile,
        verbose_name=_("volunteer"),
        on_delete=models.CASCADE,
        related_name="hours",
    )
    shift = models.ForeignKey(
        Shift,
        verbose_name=_("shift"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hours",
    )
    opportunity = models.ForeignKey(
        VolunteerOpportunityPage,
        verbose_name=_("opportunity"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hours",
    )
    activity = models.CharField(_("activity"), max_length=255)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("until"))
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=2)
    status = models.CharField(
        _("status"), max_length=16, choices=HoursStatus.choices, default=HoursStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    created_at = models.DateTimeField(_("logged at"), auto_now_add=True)

    class Meta:
        verbose_name = _("hours entry")
        verbose_name_plural = _("hours entries")
        ordering = ["-date", "-start_time", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=models.F("start_time")), name="hours_end_after_start"
            ),
            models.CheckConstraint(condition=Q(hours__gt=Decimal("0")), name="hours_positive"),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(rejection_reason=""),
                name="hours_rejection_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} {self.date:%Y-%m-%d} {self.hours}h"
