"""Service offers: Wagtail pages in a provider's section, with locations and a weekly schedule."""

import uuid
from datetime import datetime, time
from decimal import Decimal

from modelcluster.fields import ParentalKey, ParentalManyToManyField

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PublishingPanel,
    TabbedInterface,
)
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from matching.bring import (
    documents_to_bring_field,
    other_things_to_bring_field,
    things_to_bring,
    things_written,
)
from matching.eligibility import CorrectionType, Gender, Language, SupervisionLevel
from matching.funding import offer_funded
from matching.selectors import offer_key
from matching.types import ThingsToBring
from portal.fields import MultipleChoiceField
from portal.organizations.choosers import PlaceChooser, PlaceMultipleChooser
from portal.organizations.models import ProviderSectionPage


class DeliveryMode(models.TextChoices):
    ON_SITE = "on_site", _("On site")
    ONLINE = "online", _("Online")
    HOME_VISIT = "home_visit", _("Home visit")


class CostKind(models.TextChoices):
    FREE = "free", _("Free")
    FEE = "fee", _("Fee")


class Weekday(models.IntegerChoices):
    MONDAY = 1, _("Monday")
    TUESDAY = 2, _("Tuesday")
    WEDNESDAY = 3, _("Wednesday")
    THURSDAY = 4, _("Thursday")
    FRIDAY = 5, _("Friday")
    SATURDAY = 6, _("Saturday")
    SUNDAY = 7, _("Sunday")


def _labels(choices: type[models.TextChoices], values: list[str]) -> list[str]:
    return [str(choices(value).label) for value in values if value in choices.values]


class ServiceOfferPage(Page):
    """A service a social organization offers: what a caseworker and a person need to decide."""

    hsds_id = models.UUIDField(
        _("HSDS identifier"), default=uuid.uuid4, unique=True, editable=False
    )
    summary = models.CharField(
        _("summary"), max_length=255, help_text=_("One sentence shown in the catalog list.")
    )
    description = RichTextField(_("description"))
    categories = ParentalManyToManyField(
        "matching.Category", verbose_name=_("categories"), related_name="service_offers"
    )
    delivery_modes = MultipleChoiceField(
        _("delivery modes"), item_choices=DeliveryMode.choices, blank=False
    )
    service_area = ParentalManyToManyField(
        "organizations.Jurisdiction",
        verbose_name=_("service area"),
        related_name="service_offers",
        blank=True,
        help_text=_(
            "Divisions whose residents may use the service; leave empty for its locations."
        ),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(
        _("valid until"),
        null=True,
        blank=True,
        help_text=_("The offer is unpublished automatically after this day."),
    )
    genders = MultipleChoiceField(
        _("genders"), item_choices=Gender.choices, help_text=_("Leave empty for everyone.")
    )
    min_age = models.PositiveSmallIntegerField(
        _("minimum age"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    max_age = models.PositiveSmallIntegerField(
        _("maximum age"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    accepts_adults = models.BooleanField(_("accepts adults"), default=True)
    accepts_juveniles = models.BooleanField(_("accepts juveniles"), default=False)
    correction_types = MultipleChoiceField(
        _("correction types"),
        item_choices=CorrectionType.choices,
        help_text=_("Leave empty for every correction type."),
    )
    supervision_levels = MultipleChoiceField(
        _("supervision levels"),
        item_choices=SupervisionLevel.choices,
        help_text=_("Leave empty for every supervision level."),
    )
    eligibility_notes = models.TextField(_("other eligibility conditions"), blank=True)
    seats = models.PositiveIntegerField(
        _("seats"), null=True, blank=True, help_text=_("Leave empty when there is no limit.")
    )
    waiting_list = models.BooleanField(_("waiting list when full"), default=False)
    hsds_extra = models.JSONField(
        _("other HSDS data"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("What an HSDS import carried that the offer has no field for, kept as it was."),
    )
    languages = MultipleChoiceField(_("languages"), item_choices=Language.choices, blank=False)
    cost = models.CharField(
        _("cost"), max_length=16, choices=CostKind.choices, default=CostKind.FREE
    )
    fee_amount = models.DecimalField(
        _("fee (yuan)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    fee_currency = models.CharField(
        _("fee currency"),
        max_length=3,
        default="CNY",
        validators=[RegexValidator(r"^[A-Za-z]{3}$", _("Give a three-letter ISO 4217 code."))],
        help_text=_("ISO 4217 code; CNY (yuan) unless imported with another currency."),
    )
    fee_description = models.CharField(_("fee details"), max_length=255, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=64)
    contact_phone = models.CharField(_("contact phone"), max_length=32)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    website = models.URLField(
        _("web page of the service"),
        blank=True,
        help_text=_("Leave empty when the service has no page of its own elsewhere."),
    )
    application_process = models.TextField(_("how to apply"), blank=True)
    documents_to_bring = documents_to_bring_field()
    # The HSDS name of the offer's other things to bring.
    required_documents = other_things_to_bring_field()
    accessibility = models.TextField(_("accessibility"), blank=True)
    # Copied from the provider's section so that lists read it with a join, not the page tree.
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organization"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="service_offers",
    )

    parent_page_types = ["organizations.ProviderSectionPage"]
    subpage_types: list[str] = []
    template = "services_catalog/service_offer_page.html"
    exclude_fields_in_copy = ["hsds_id", "organization"]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("description"),
        index.SearchField("eligibility_notes"),
        index.FilterField("cost"),
        index.FilterField("valid_until"),
    ]

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
        FieldPanel("description"),
        FieldPanel("delivery_modes"),
        FieldPanel("languages"),
    ]
    where_panels = [
        InlinePanel("locations", label=_("Locations"), min_num=0),
        FieldPanel("service_area", widget=PlaceMultipleChooser),
        InlinePanel("schedule", label=_("Weekly schedule")),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")]),
    ]
    eligibility_panels = [
        FieldPanel("genders"),
        FieldRowPanel([FieldPanel("min_age"), FieldPanel("max_age")]),
        FieldRowPanel([FieldPanel("accepts_adults"), FieldPanel("accepts_juveniles")]),
        FieldPanel("correction_types"),
        FieldPanel("supervision_levels"),
        FieldPanel("eligibility_notes"),
    ]
    access_panels = [
        FieldRowPanel([FieldPanel("seats"), FieldPanel("waiting_list")]),
        MultiFieldPanel(
            [
                FieldPanel("cost"),
                FieldPanel("fee_amount"),
                FieldPanel("fee_description"),
            ],
            heading=_("Cost"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldPanel("contact_phone"),
                FieldPanel("contact_email"),
                FieldPanel("website"),
            ],
            heading=_("Contact"),
        ),
        FieldPanel("application_process"),
        FieldPanel("documents_to_bring"),
        FieldPanel("required_documents"),
        FieldPanel("accessibility"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Offer")),
            ObjectList(where_panels, heading=_("Where and when")),
            ObjectList(eligibility_panels, heading=_("Eligibility")),
            ObjectList(access_panels, heading=_("Seats, cost and contact")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            # Expiry follows "valid until"; only the start of publication can be scheduled here.
            ObjectList(
                [PublishingPanel(children=[FieldPanel("go_live_at")]), *Page.settings_panels[1:]],
                heading=_("Settings"),
            ),
        ]
    )

    class Meta:
        verbose_name = _("service offer")
        verbose_name_plural = _("service offers")

    def clean(self) -> None:
        super().clean()
        errors: dict[str, ValidationError] = {}
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = ValidationError(
                _("The end date must be on or after the start date."), code="dates"
            )
        if self.min_age is not None and self.max_age is not None and self.min_age > self.max_age:
            errors["max_age"] = ValidationError(
                _("The maximum age must not be below the minimum age."), code="ages"
            )
        if not (self.accepts_adults or self.accepts_juveniles):
            errors["accepts_adults"] = ValidationError(
                _("Accept adults, juveniles or both."), code="audience"
            )
        errors.update(self._cost_errors())
        if errors:
            raise ValidationError(errors)
        self.expire_at = self.expiry_from_validity()

    def _cost_errors(self) -> dict[str, ValidationError]:
        if self.cost == CostKind.FEE and self.fee_amount is None:
            return {"fee_amount": ValidationError(_("Give the fee in yuan."), code="fee_missing")}
        if self.cost != CostKind.FEE and self.fee_amount is not None:
            return {
                "fee_amount": ValidationError(
                    _("Only an offer with a fee has a fee amount."), code="fee_unexpected"
                )
            }
        return {}

    def expiry_from_validity(self) -> datetime | None:
        """The end of the last valid day, when Wagtail's scheduler unpublishes the offer."""
        if self.valid_until is None:
            return None
        end_of_day = datetime.combine(self.valid_until, time.max).replace(microsecond=0)
        return timezone.make_aware(end_of_day)

    def save(self, *args, **kwargs):
        if kwargs.get("update_fields") is None and self.path:
            self.organization_id = section_organization_id(self.path[: -self.steplen])
        return super().save(*args, **kwargs)

    @cached_property
    def funded_by_contract(self) -> bool:
        """Whether an active purchase-of-service contract line covers this offer: derived from
        procurement's contracts through matching, never ticked by the provider."""
        return offer_funded(
            key=offer_key("service", self.pk),
            organization_id=self.organization_id,
            categories=[category.slug for category in self.categories.all()],
        )

    @property
    def section(self):
        return self.get_parent().specific

    @property
    def delivery_mode_labels(self) -> list[str]:
        return _labels(DeliveryMode, self.delivery_modes)

    @property
    def gender_labels(self) -> list[str]:
        return _labels(Gender, self.genders)

    @property
    def correction_type_labels(self) -> list[str]:
        return _labels(CorrectionType, self.correction_types)

    @property
    def supervision_level_labels(self) -> list[str]:
        return _labels(SupervisionLevel, self.supervision_levels)

    @property
    def language_labels(self) -> list[str]:
        return _labels(Language, self.languages)

    @property
    def things(self) -> ThingsToBring:
        """What a referred person is asked to bring (what a referral keeps)."""
        return things_to_bring(documents=self.documents_to_bring, other=self.required_documents)

    @property
    def things_to_bring(self) -> list[str]:
        """What to bring, in the reader's language where the shared list names it."""
        return things_written(self.things, language=get_language() or settings.LANGUAGE_CODE)


def section_organization_id(section_path: str) -> int | None:
    """The organization of the provider section at a tree path (None: not a provider section)."""
    sections = ProviderSectionPage.objects.filter(path=section_path)
    return sections.values_list("organization_id", flat=True).first()


class OfferLocation(Orderable):
    """A place where the offer is delivered; coordinates default to its jurisdiction's centre."""

    page = ParentalKey(ServiceOfferPage, on_delete=models.CASCADE, related_name="locations")
    hsds_id = models.UUIDField(
        _("HSDS identifier"), default=uuid.uuid4, unique=True, editable=False
    )
    name = models.CharField(_("name"), max_length=128)
    address = models.CharField(_("address"), max_length=255)
    postal_code = models.CharField(_("postal code"), max_length=16, blank=True)
    country = models.CharField(
        _("country"),
        max_length=2,
        default="CN",
        validators=[RegexValidator(r"^[A-Z]{2}$", _("Give a two-letter ISO 3166 country code."))],
    )
    phone = models.CharField(_("phone at this place"), max_length=32, blank=True)
    jurisdiction = models.ForeignKey(
        "organizations.Jurisdiction",
        verbose_name=_("jurisdiction"),
        on_delete=models.PROTECT,
        related_name="offer_locations",
        help_text=_("The county or township the address is in."),
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_("Leave empty to use the centre of the jurisdiction."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    hsds_extra = models.JSONField(
        _("other HSDS data"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("What an HSDS import carried that the location has no field for."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("jurisdiction", widget=PlaceChooser), FieldPanel("postal_code")]),
        FieldPanel("phone"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("location")
        verbose_name_plural = _("locations")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(
                {"longitude": _("Give both latitude and longitude, or neither.")},
                code="coordinates",
            )
        if self.latitude is None and self.jurisdiction_id:
            self.latitude = self.jurisdiction.latitude
            self.longitude = self.jurisdiction.longitude


class OfferScheduleSlot(Orderable):
    """One weekly opening: a weekday with the hours the service is available."""

    page = ParentalKey(ServiceOfferPage, on_delete=models.CASCADE, related_name="schedule")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")])]

    class Meta(Orderable.Meta):
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes__gt=models.F("opens")), name="schedule_closes_after_opens"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    def clean(self) -> None:
        super().clean()
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError(
                {"closes": _("The closing time must be after the opening time.")}, code="hours"
            )
