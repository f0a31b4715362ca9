"""The public job board's filters."""

import django_filters

from django import forms
from django.utils.translation import gettext_lazy as _

from employment.models import JobOfferPage
from employment.vocabulary import JobCategory, WorkingHours
from portal.organizations.models import Jurisdiction, JurisdictionLevel

PLACE_LEVELS = [JurisdictionLevel.COUNTY, JurisdictionLevel.ZONE]


def _counties(request):
    queryset = Jurisdiction.objects.filter(level__in=PLACE_LEVELS)
    city = request.GET.get("city") if request is not None else None
    return queryset.filter(parent__code=city) if city else queryset


class JobBoardFilter(django_filters.FilterSet):
    """Filter open jobs by city, county, wage, category, hours and housing."""

    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_nothing",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("e.g. 焊工, 厨师, 仓库")}),
    )
    city = django_filters.ModelChoiceFilter(
        label=_("City"),
        field_name="jurisdiction__parent",
        queryset=Jurisdiction.objects.filter(level=JurisdictionLevel.CITY),
        to_field_name="code",
        empty_label=_("All cities"),
    )
    county = django_filters.ModelChoiceFilter(
        label=_("County or district"),
        field_name="jurisdiction",
        queryset=_counties,
        to_field_name="code",
        empty_label=_("All counties and districts"),
    )
    wage = django_filters.NumberFilter(
        label=_("Monthly wage at least (yuan)"),
        field_name="wage_max",
        lookup_expr="gte",
        min_value=0,
    )
    category = django_filters.ChoiceFilter(
        label=_("Job category"), choices=JobCategory.choices, empty_label=_("All categories")
    )
    working_hours = django_filters.ChoiceFilter(
        label=_("Working hours"), choices=WorkingHours.choices, empty_label=_("Any hours")
    )
    housing_provided = django_filters.BooleanFilter(
        label=_("Housing provided"),
        widget=forms.CheckboxInput,
        method="filter_housing",
    )

    class Meta:
        model = JobOfferPage
        fields: list[str] = []

    def filter_nothing(self, queryset, name, value):
        # The keyword goes to the matching engine (see selectors.job_board); not a column filter.
        return queryset

    def filter_housing(self, queryset, name, value):
        return queryset.filter(housing_provided=True) if value else queryset
