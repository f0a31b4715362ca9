"""Job offers and entrepreneurship support: Wagtail pages in a provider's section of the tree."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from employment.forms import EntrepreneurshipSupportPageForm, JobOfferPageForm
from employment.vocabulary import (
    ApplicationState,
    DisclosurePolicy,
    JobCategory,
    OffenceCategory,
    SupportType,
    WorkingHours,
)
from matching.bring import documents_to_bring_field, other_things_to_bring_field, things_to_bring
from matching.eligibility import CorrectionType
from matching.types import ThingsToBring
from portal.organizations.choosers import PlaceChooser
from portal.organizations.models import JurisdictionLevel, OrganizationKind

SECTION_PAGE = "organizations.ProviderSectionPage"
TEXT_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link"]
PLACE_LEVELS = [JurisdictionLevel.COUNTY, JurisdictionLevel.ZONE]
POSITIONS_MESSAGE = _("The number of positions must be at least 1.")
WAGE_RANGE_MESSAGE = _("The maximum wage cannot be below the minimum wage.")
VALIDITY_MESSAGE = _("The end of validity cannot be before its start.")


def validate_choices(values: list, choices: type[models.TextChoices], field: str) -> dict:
    """An error for `field` when a stored list holds a value outside its vocabulary."""
    if not isinstance(values, list) or not set(values) <= set(choices.values):
        return {field: _("Choose only from the listed options.")}
    return {}


def choice_labels(values: list, choices: type[models.TextChoices]) -> list[str]:
    """The translated labels of stored vocabulary values, skipping unknown ones."""
    labels = dict(choices.choices)
    return [str(labels[value]) for value in values if value in labels]


class ProviderOfferPage(Page):
    """What every provider offer page shares: provider, place, fair-chance terms, validity."""

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("provider"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    agency = models.ForeignKey(
        "organizations.CorrectionsAgency",
        verbose_name=_("corrections agency"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    description = RichTextField(_("full description"), features=TEXT_FEATURES)
    jurisdiction = models.ForeignKey(
        "organizations.Jurisdiction",
        verbose_name=_("county or district"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level__in": PLACE_LEVELS},
    )
    address = models.CharField(_("street address"), max_length=255, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("-90")), MaxValueValidator(Decimal("90"))],
        help_text=_("Leave empty to use the centre of the county or district."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("-180")), MaxValueValidator(Decimal("180"))],
        help_text=_("Leave empty to use the centre of the county or district."),
    )
    accepted_correction_types = models.JSONField(
        _("accepted correction types"), default=list, blank=True
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    documents_to_bring = documents_to_bring_field()
    other_things_to_bring = other_things_to_bring_field()

    parent_page_types = [SECTION_PAGE]
    subpage_types: list[str] = []

    search_fields = [
        *Page.search_fields,
        index.SearchField("description"),
        index.FilterField("organization"),
    ]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.jurisdiction_id and (self.latitude is None or self.longitude is None):
            self.latitude = self.jurisdiction.latitude
            self.longitude = self.jurisdiction.longitude
        errors = validate_choices(
            self.accepted_correction_types, CorrectionType, "accepted_correction_types"
        )
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = VALIDITY_MESSAGE
        if errors:
            raise ValidationError(errors)

    @cached_property
    def provider_name(self) -> str:
        provider = self.organization or self.agency
        return str(provider) if provider else ""

    @property
    def things(self) -> ThingsToBring:
        """What a referred person is asked to bring (what a referral keeps)."""
        return things_to_bring(documents=self.documents_to_bring, other=self.other_things_to_bring)

    @property
    def correction_type_labels(self) -> list[str]:
        return choice_labels(self.accepted_correction_types, CorrectionType)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["correction_types"] = self.correction_type_labels
        context["expired"] = self.valid_until < timezone.localdate()
        return context


class JobOfferPage(ProviderOfferPage):
    """A fair-chance job offer published by an employer, moderated by the agency."""

    category = models.CharField(_("job category"), max_length=32, choices=JobCategory.choices)
    positions = models.PositiveIntegerField(
        _("number of positions"),
        validators=[MinValueValidator(1, message=POSITIONS_MESSAGE)],
    )
    wage_min = models.DecimalField(
        _("minimum monthly wage (yuan)"),
        max_digits=9,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"), message=_("A wage cannot be negative."))],
    )
    wage_max = models.DecimalField(
        _("maximum monthly wage (yuan)"),
        max_digits=9,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"), message=_("A wage cannot be negative."))],
    )
    working_hours = models.CharField(
        _("working hours"), max_length=16, choices=WorkingHours.choices
    )
    hours_description = models.CharField(
        _("working time"),
        max_length=255,
        blank=True,
        help_text=_("For example: 8:00-17:00, one day off a week."),
    )
    requirements = models.TextField(_("requirements"), blank=True)
    skills = models.TextField(_("skills"), blank=True)
    min_age = models.PositiveSmallIntegerField(
        _("minimum age"),
        null=True,
        blank=True,
        validators=[MinValueValidator(16, message=_("Nobody under 16 may be employed."))],
    )
    max_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    training_provided = models.TextField(_("training provided"), blank=True)
    meals_provided = models.BooleanField(_("meals provided"), default=False)
    housing_provided = models.BooleanField(_("housing provided"), default=False)
    accepted_offence_categories = models.JSONField(
        _("accepted offence categories"), default=list, blank=True
    )
    disclosure_policy = models.CharField(
        _("disclosure policy"), max_length=32, choices=DisclosurePolicy.choices
    )
    fair_chance_statement = models.TextField(
        _("fair-chance statement"),
        blank=True,
        help_text=_("In your own words: how you welcome applicants with a criminal record."),
    )

    template = "employment/job_offer_page.html"
    base_form_class = JobOfferPageForm
    search_fields = [
        *ProviderOfferPage.search_fields,
        index.SearchField("requirements"),
        index.SearchField("skills"),
        index.FilterField("category"),
    ]

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("title"),
                    FieldPanel("category"),
                    FieldPanel("description"),
                    FieldRowPanel([FieldPanel("positions"), FieldPanel("working_hours")]),
                    FieldPanel("hours_description"),
                    FieldRowPanel([FieldPanel("wage_min"), FieldPanel("wage_max")]),
                    FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")]),
                ],
                heading=_("Job"),
            ),
            ObjectList(
                [
                    FieldPanel("jurisdiction", widget=PlaceChooser),
                    FieldPanel("address"),
                    FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                ],
                heading=_("Place"),
            ),
            ObjectList(
                [
                    FieldPanel("requirements"),
                    FieldPanel("skills"),
                    FieldRowPanel([FieldPanel("min_age"), FieldPanel("max_age")]),
                    FieldPanel("training_provided"),
                    FieldRowPanel([FieldPanel("meals_provided"), FieldPanel("housing_provided")]),
                    FieldPanel("documents_to_bring"),
                    FieldPanel("other_things_to_bring"),
                ],
                heading=_("Requirements and benefits"),
            ),
            ObjectList(
                [
                    FieldPanel("accepted_correction_types"),
                    FieldPanel("accepted_offence_categories"),
                    FieldPanel("disclosure_policy"),
                    FieldPanel("fair_chance_statement"),
                ],
                heading=_("Fair chance"),
            ),
            ObjectList(
                [MultiFieldPanel([FieldPanel("slug"), FieldPanel("search_description")])],
                heading=_("Promote"),
            ),
        ]
    )

    class Meta:
        verbose_name = _("job offer")
        verbose_name_plural = _("job offers")
        constraints = [
            models.CheckConstraint(
                condition=Q(positions__gte=1),
                name="job_offer_has_positions",
                violation_error_message=POSITIONS_MESSAGE,
            ),
            models.CheckConstraint(
                condition=Q(wage_min__lte=models.F("wage_max")),
                name="job_offer_wage_range_ordered",
                violation_error_message=WAGE_RANGE_MESSAGE,
            ),
            models.CheckConstraint(
                condition=Q(valid_until__gte=models.F("valid_from")),
                name="job_offer_validity_ordered",
                violation_error_message=VALIDITY_MESSAGE,
            ),
        ]

    @classmethod
    def can_create_at(cls, parent):
        if not super().can_create_at(parent):
            return False
        organization = getattr(parent.specific, "organization", None)
        return organization is not None and organization.kind == OrganizationKind.EMPLOYER

    def clean(self):
        errors = {}
        try:
            super().clean()
        except ValidationError as error:
            errors.update(error.message_dict)
        errors.update(self._clean_job_terms())
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        hired = self.applications.filter(state=ApplicationState.HIRED).count()
        context["positions_left"] = max(self.positions - hired, 0)
        context["offence_categories"] = choice_labels(
            self.accepted_offence_categories, OffenceCategory
        )
        return context

    def _clean_job_terms(self) -> dict:
        errors = validate_choices(
            self.accepted_offence_categories, OffenceCategory, "accepted_offence_categories"
        )
        if (
            self.wage_min is not None
            and self.wage_max is not None
            and self.wage_min > self.wage_max
        ):
            errors["wage_max"] = WAGE_RANGE_MESSAGE
        if self.min_age and self.max_age and self.max_age < self.min_age:
            errors["max_age"] = _("The maximum age cannot be below the minimum age.")
        return errors


class EntrepreneurshipSupportPage(ProviderOfferPage):
    """Entrepreneurship support (guidance, training, small loans, incubator places) as an offer."""

    support_types = models.JSONField(_("kinds of support"), default=list)
    training_description = models.TextField(_("training"), blank=True)
    loan_amount_max = models.DecimalField(
        _("largest loan (yuan)"),
        max_digits=11,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(Decimal("0.01"), message=_("A loan amount must be positive."))
        ],
    )
    incubator_places = models.PositiveIntegerField(
        _("incubator places"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1, message=_("The number of places must be at least 1."))],
    )
    how_to_apply = models.TextField(_("how to apply"), blank=True)

    template = "employment/entrepreneurship_support_page.html"
    base_form_class = EntrepreneurshipSupportPageForm

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("title"),
                    FieldPanel("description"),
                    FieldPanel("support_types"),
                    FieldPanel("training_description"),
                    FieldRowPanel([FieldPanel("loan_amount_max"), FieldPanel("incubator_places")]),
                    FieldPanel("how_to_apply"),
                    FieldPanel("documents_to_bring"),
                    FieldPanel("other_things_to_bring"),
                    FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")]),
                ],
                heading=_("Support"),
            ),
            ObjectList(
                [
                    FieldPanel("jurisdiction", widget=PlaceChooser),
                    FieldPanel("address"),
                    FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                    FieldPanel("accepted_correction_types"),
                ],
                heading=_("Place and eligibility"),
            ),
            ObjectList(
                [MultiFieldPanel([FieldPanel("slug"), FieldPanel("search_description")])],
                heading=_("Promote"),
            ),
        ]
    )

    class Meta:
        verbose_name = _("entrepreneurship support")
        verbose_name_plural = _("entrepreneurship support offers")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gte=models.F("valid_from")),
                name="entrepreneurship_validity_ordered",
                violation_error_message=VALIDITY_MESSAGE,
            ),
        ]

    @property
    def support_type_labels(self) -> list[str]:
        return choice_labels(self.support_types, SupportType)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["support_types"] = self.support_type_labels
        return context

    def clean(self):
        errors = {}
        try:
            super().clean()
        except ValidationError as error:
            errors.update(error.message_dict)
        errors.update(validate_choices(self.support_types, SupportType, "support_types"))
        if not self.support_types:
            errors["support_types"] = _("Choose at least one kind of support.")
        if SupportType.INCUBATOR in (self.support_types or []) and not self.incubator_places:
            errors["incubator_places"] = _("Say how many incubator places you offer.")
        if errors:
            raise ValidationError(errors)
