"""Filters of the person and referral lists."""

import django_filters

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.models import PersonStatus, SupervisedPerson
from casework.selectors import person_query
from matching.eligibility import CorrectionType, SupervisionLevel
from matching.models import Referral, ReferralState
from matching.selectors import overdue_referrals, referrals_needing_attention
from portal.organizations.models import JudicialOffice


class PersonFilter(django_filters.FilterSet):
    """Filters of the caseworker's person list; the search box takes a code or a name."""

    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_query",
        help_text=_("A person code (pseudonymous) or a name."),
    )
    status = django_filters.ChoiceFilter(label=_("status"), choices=PersonStatus.choices)
    correction_type = django_filters.ChoiceFilter(
        label=_("correction type"), choices=CorrectionType.choices
    )
    supervision_level = django_filters.ChoiceFilter(
        label=_("supervision level"), choices=SupervisionLevel.choices
    )
    judicial_office = django_filters.ModelChoiceFilter(
        label=_("judicial office"), queryset=JudicialOffice.objects.none()
    )
    mine = django_filters.BooleanFilter(
        label=_("assigned to me"), method="filter_mine", widget=forms.CheckboxInput
    )

    class Meta:
        model = SupervisedPerson
        fields = ["q", "status", "correction_type", "supervision_level", "judicial_office", "mine"]

    def __init__(self, *args, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        if agency is not None:
            self.filters["judicial_office"].queryset = agency.judicial_offices.all()

    def filter_query(self, queryset, name, value):
        return person_query(queryset, value)

    def filter_mine(self, queryset, name, value):
        if value and self.request is not None:
            return queryset.filter(caseworkers=self.request.user)
        return queryset


class ReferralFilter(django_filters.FilterSet):
    """Filters of the referral lists (staff and provider inbox)."""

    state = django_filters.ChoiceFilter(label=_("state"), choices=ReferralState.choices)
    overdue = django_filters.BooleanFilter(
        label=_("overdue only"),
        method="filter_overdue",
        widget=forms.CheckboxInput,
    )
    attention = django_filters.BooleanFilter(
        label=_("needing attention only"),
        method="filter_attention",
        widget=forms.CheckboxInput,
    )
    logged = django_filters.BooleanFilter(label=_("logged referrals"), field_name="is_logged")

    class Meta:
        model = Referral
        fields = ["state", "overdue", "attention", "logged"]

    def filter_attention(self, queryset, name, value):
        if value:
            return referrals_needing_attention(queryset)
        return queryset

    def filter_overdue(self, queryset, name, value):
        if value:
            return overdue_referrals(queryset)
        return queryset
