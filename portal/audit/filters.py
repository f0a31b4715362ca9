"""Filters of the audit log screen."""

import django_filters

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.audit.models import AuditEntry


def _choices(field: str):
    def choices():
        values = AuditEntry.objects.order_by(field).values_list(field, flat=True).distinct()
        return [(value, value) for value in values if value]

    return choices


class AuditEntryFilter(django_filters.FilterSet):
    """Narrow the audit log by who, what, which kind of object and when."""

    actor = django_filters.CharFilter(
        label=_("Who (e-mail)"), field_name="actor_label", lookup_expr="icontains"
    )
    action = django_filters.ChoiceFilter(label=_("Action"), choices=_choices("action"))
    object_type = django_filters.ChoiceFilter(
        label=_("Object type"), choices=_choices("object_type")
    )
    object_id = django_filters.CharFilter(label=_("Object id"))
    date_from = django_filters.DateFilter(
        label=_("From"),
        field_name="created_at",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        label=_("To"),
        field_name="created_at",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = AuditEntry
        fields: list[str] = []
