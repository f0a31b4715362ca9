"""Filters of the audit log screen; codes are offered by their translated names."""

import django_filters

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.audit.actions import ACTIONS, action_label, object_type_label
from portal.audit.models import AuditEntry


def _action_choices():
    recorded = AuditEntry.objects.order_by("action").values_list("action", flat=True).distinct()
    codes = set(ACTIONS) | set(recorded)
    return sorted(((code, action_label(code)) for code in codes), key=lambda pair: pair[1])


def _object_type_choices():
    values = AuditEntry.objects.order_by("object_type").values_list("object_type", flat=True)
    return [(value, object_type_label(value)) for value in values.distinct() if value]


class AuditEntryFilter(django_filters.FilterSet):
    """Narrow the audit log by who, what, which kind of object and when."""

    actor = django_filters.CharFilter(
        label=_("Who (e-mail)"), field_name="actor_label", lookup_expr="icontains"
    )
    action = django_filters.ChoiceFilter(label=_("Action"), choices=_action_choices)
    object_type = django_filters.ChoiceFilter(label=_("Object type"), choices=_object_type_choices)
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
