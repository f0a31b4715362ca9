"""The public catalog's faceted filters."""

import copy

import django_filters
from django_filters.constants import EMPTY_VALUES
from django_filters.fields import ModelChoiceField
from django_filters.filters import Filter

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from matching.eligibility import Language
from matching.funding import funded_offers_rule
from matching.models import Category
from portal.organizations.models import Jurisdiction, JurisdictionLevel
from portal.organizations.selectors import areas_by_code
from services_catalog.models import CostKind, DeliveryMode, ServiceOfferPage
from services_catalog.selectors import COUNTY_LEVELS, offers_in_area

_form_classes: dict[type, type] = {}


def _json_list_contains(field: str, value: str) -> Q:
    # Stored as a JSON list: match the quoted item, portable to SQLite and PostgreSQL.
    return Q(**{f"{field}__icontains": f'"{value}"'})


class AreaChoiceField(ModelChoiceField):
    """A city or county chosen by its code, found in the per-process table of areas rather than
    by a query on every request."""

    def __init__(self, *args, levels: tuple[str, ...], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.levels = levels

    def to_python(self, value):
        if value in self.empty_values:
            return None
        area = areas_by_code().get(str(value))
        if area is None or area.level not in self.levels:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return area


class AreaFilter(django_filters.ModelChoiceFilter):
    """A filter by a city or county of the given levels, looked up by `AreaChoiceField`."""

    field_class = AreaChoiceField

    def __init__(self, *, levels: tuple[str, ...], **kwargs) -> None:
        queryset = Jurisdiction.objects.filter(level__in=levels)
        super().__init__(queryset=queryset, levels=levels, **kwargs)


class ServiceOfferFilter(django_filters.FilterSet):
    """Category, city, county, delivery mode, cost, audience and language of published offers."""

    category = django_filters.ModelMultipleChoiceFilter(
        label=_("Category"),
        field_name="categories__slug",
        to_field_name="slug",
        queryset=Category.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
        distinct=True,
    )
    city = AreaFilter(
        label=_("City"),
        to_field_name="code",
        levels=(JurisdictionLevel.CITY,),
        method="filter_area",
    )
    county = AreaFilter(
        label=_("County or district"),
        to_field_name="code",
        levels=COUNTY_LEVELS,
        method="filter_area",
    )
    delivery_mode = django_filters.ChoiceFilter(
        label=_("Delivery mode"), choices=DeliveryMode.choices, method="filter_delivery_mode"
    )
    cost = django_filters.ChoiceFilter(label=_("Cost"), choices=CostKind.choices)
    funded = django_filters.BooleanFilter(
        label=_("Funded by a purchase-of-service contract"),
        method="filter_funded",
        widget=forms.CheckboxInput,
    )
    audience = django_filters.ChoiceFilter(
        label=_("For"),
        choices=[("adults", _("Adults")), ("juveniles", _("Juveniles"))],
        method="filter_audience",
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"), choices=Language.choices, method="filter_language"
    )

    class Meta:
        model = ServiceOfferPage
        fields = [
            "category",
            "city",
            "county",
            "delivery_mode",
            "cost",
            "funded",
            "audience",
            "language",
        ]

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None) -> None:
        # As django-filter's, but the filters are copied shallowly: a deep copy of their
        # querysets and choices took a tenth of the catalog's time, and a request's copy only
        # needs this filterset as its parent (and a method filter its own FilterMethod).
        self.is_bound = data is not None
        self.data = data or QueryDict()
        self.queryset = ServiceOfferPage.objects.all() if queryset is None else queryset
        self.request = request
        self.form_prefix = prefix
        self.filters = {name: self._own(filter_) for name, filter_ in self.base_filters.items()}

    def _own(self, declared: Filter) -> Filter:
        own = copy.copy(declared)
        own.model, own.parent = self.queryset.model, self
        if declared.method is not None:
            own.method = declared.method  # binds a FilterMethod to the copy
        return own

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        # The filters given a value only: an empty one leaves the list as it is (as each filter
        # would), and no empty choice of categories (a queryset) is evaluated to find that out.
        for name, value in self.form.cleaned_data.items():
            if value in EMPTY_VALUES or (isinstance(value, QuerySet) and value.query.is_empty()):
                continue
            queryset = self.filters[name].filter(queryset, value)
        return queryset

    def get_form_class(self) -> type:
        """The filters' form class, built once per process: its fields come from the filters'
        declarations alone (fixed querysets and choices; labels are translated when drawn)."""
        form_class = _form_classes.get(type(self))
        if form_class is None:
            form_class = _form_classes[type(self)] = super().get_form_class()
        return form_class

    def filter_area(self, queryset: QuerySet, name: str, value: Jurisdiction) -> QuerySet:
        return offers_in_area(queryset, value) if value else queryset

    def filter_delivery_mode(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(_json_list_contains("delivery_modes", value))

    def filter_funded(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        if not value:
            return queryset
        rule = funded_offers_rule(
            kind="service", organization_field="organization", categories_field="categories"
        )
        return queryset.filter(rule).distinct()

    def filter_language(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(_json_list_contains("languages", value))

    def filter_audience(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == "juveniles":
            return queryset.filter(accepts_juveniles=True)
        return queryset.filter(accepts_adults=True)
