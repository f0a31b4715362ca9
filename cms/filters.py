"""The policy library's filters: issuing body, year of issue and words in the text."""

import django_filters

from django import forms
from django.utils.translation import gettext_lazy as _

from cms.models import PolicyPage
from cms.selectors import pages_search, policy_issuing_bodies, policy_years


class PolicyFilter(django_filters.FilterSet):
    """Filters the live policies of one library; choices come from the policies themselves."""

    q = django_filters.CharFilter(
        label=_("Words"),
        method="filter_words",
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("e.g. community corrections")}
        ),
    )
    issuing_body = django_filters.ChoiceFilter(label=_("Issuing body"), empty_label=_("All"))
    year = django_filters.ChoiceFilter(
        label=_("Year"), field_name="date_issued", lookup_expr="year", empty_label=_("All")
    )

    class Meta:
        model = PolicyPage
        fields = ["q", "issuing_body", "year"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bodies = policy_issuing_bodies(policies=self.queryset)
        self.filters["issuing_body"].extra["choices"] = [(body, body) for body in bodies]
        years = policy_years(policies=self.queryset)
        self.filters["year"].extra["choices"] = [(year, str(year)) for year in years]

    def filter_words(self, queryset, name, value):
        matches = pages_search(query=value, queryset=PolicyPage.objects.live())
        return queryset.filter(pk__in=[page.pk for page in matches])
