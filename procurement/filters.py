"""Filters of the contract, delivery and invoice lists."""

import django_filters

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.organizations.models import CorrectionsAgency, Organization
from procurement.models import (
    Contract,
    ContractState,
    Delivery,
    DeliveryState,
    Invoice,
    InvoiceState,
)

DATE = forms.DateInput(attrs={"type": "date"})


class ContractFilter(django_filters.FilterSet):
    """Contracts by number or title, state, year, agency and provider."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_query")
    state = django_filters.ChoiceFilter(label=_("state"), choices=ContractState.choices)
    budget_year = django_filters.NumberFilter(label=_("budget year"))
    agency = django_filters.ModelChoiceFilter(
        label=_("corrections agency"), queryset=CorrectionsAgency.objects.order_by("name")
    )
    organization = django_filters.ModelChoiceFilter(
        label=_("provider organization"), queryset=Organization.objects.order_by("name")
    )

    class Meta:
        model = Contract
        fields = ["q", "state", "budget_year", "agency", "organization"]

    def filter_query(self, queryset, name, value):
        return queryset.filter(Q(number__icontains=value) | Q(title__icontains=value))


class DeliveryFilter(django_filters.FilterSet):
    """Deliveries by state, billing, contract, the person's code (pseudonymous) and dates."""

    state = django_filters.ChoiceFilter(label=_("state"), choices=DeliveryState.choices)
    is_billed = django_filters.BooleanFilter(label=_("billed"))
    contract = django_filters.ModelChoiceFilter(
        label=_("contract"), queryset=Contract.objects.none()
    )
    code = django_filters.CharFilter(
        label=_("person code (pseudonymous)"),
        field_name="referral__person_code",
        lookup_expr="iexact",
    )
    delivered_from = django_filters.DateFilter(
        label=_("from"), field_name="delivered_on", lookup_expr="gte", widget=DATE
    )
    delivered_until = django_filters.DateFilter(
        label=_("until"), field_name="delivered_on", lookup_expr="lte", widget=DATE
    )

    class Meta:
        model = Delivery
        fields = ["state", "is_billed", "contract", "code", "delivered_from", "delivered_until"]

    def __init__(self, *args, contracts=None, **kwargs):
        super().__init__(*args, **kwargs)
        if contracts is not None:
            self.filters["contract"].queryset = contracts


class InvoiceFilter(django_filters.FilterSet):
    """Invoices by state, contract, provider and month."""

    state = django_filters.ChoiceFilter(label=_("state"), choices=InvoiceState.choices)
    contract = django_filters.ModelChoiceFilter(
        label=_("contract"), queryset=Contract.objects.none()
    )
    year = django_filters.NumberFilter(label=_("year"), field_name="period__year")
    month = django_filters.NumberFilter(label=_("month"), field_name="period__month")

    class Meta:
        model = Invoice
        fields = ["state", "contract", "year", "month"]

    def __init__(self, *args, contracts=None, **kwargs):
        super().__init__(*args, **kwargs)
        if contracts is not None:
            self.filters["contract"].queryset = contracts
