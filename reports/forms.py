"""The report filter: a place the user may see and a period, with clear messages for bad ones."""

import re
from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.identity import validate_no_identity_number
from reports import periods
from reports.models import SupervisionOpinion
from reports.periods import Period, PeriodKind

FIRST_YEAR, LAST_YEAR = 2000, 2100
MAX_RANGE_DAYS = 366 * 5
CASE_CODE = re.compile(r"R[A-Z0-9]{9}")


class ReportFilterForm(forms.Form):
    """Where and when: the jurisdiction (from those the user may see) and the period."""

    jurisdiction = forms.ChoiceField(label=_("Jurisdiction"))
    period = forms.ChoiceField(
        label=_("Period"),
        choices=[
            (PeriodKind.MONTH, _("Month")),
            (PeriodKind.QUARTER, _("Quarter")),
            (PeriodKind.YEAR, _("Year")),
            (PeriodKind.RANGE, _("From … to")),
        ],
    )
    year = forms.IntegerField(
        label=_("Year"), min_value=FIRST_YEAR, max_value=LAST_YEAR, required=False
    )
    quarter = forms.TypedChoiceField(
        label=_("Quarter"),
        choices=[(n, _("Q%(n)s") % {"n": n}) for n in range(1, 5)],
        coerce=int,
        required=False,
    )
    month = forms.TypedChoiceField(
        label=_("Month"), choices=[(n, n) for n in range(1, 13)], coerce=int, required=False
    )
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput({"type": "date"})
    )
    end = forms.DateField(label=_("To"), required=False, widget=forms.DateInput({"type": "date"}))

    def __init__(self, *args, jurisdictions, **kwargs):
        super().__init__(*args, **kwargs)
        self.places = {place.code: place for place in jurisdictions}
        self.fields["jurisdiction"].choices = [
            (place.code, _place_label(place)) for place in self.places.values()
        ]

    @classmethod
    def initial_for(cls, jurisdictions, today: date | None = None) -> dict:
        """Defaults: the widest place the user may see and the last complete quarter."""
        last = periods.previous_quarter(today or timezone.localdate())
        widest = jurisdictions[0].code if jurisdictions else ""
        return {
            "jurisdiction": widest,
            "period": PeriodKind.QUARTER,
            "year": last.start.year,
            "quarter": (last.start.month - 1) // 3 + 1,
        }

    def clean_jurisdiction(self):
        return self.places[self.cleaned_data["jurisdiction"]]

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        data["period_value"] = self._period(data)
        return data

    def _period(self, data) -> Period:
        kind = data["period"]
        if kind == PeriodKind.RANGE:
            return self._range(data.get("start"), data.get("end"))
        if data.get("year") is None:
            raise forms.ValidationError(_("Choose a year."), code="no_year")
        if kind == PeriodKind.YEAR:
            return periods.year(data["year"])
        part = data.get(kind)
        if not part:
            message = _("Choose a quarter.") if kind == PeriodKind.QUARTER else _("Choose a month.")
            raise forms.ValidationError(message, code="no_part")
        maker = periods.quarter if kind == PeriodKind.QUARTER else periods.month
        return maker(data["year"], part)

    def _range(self, start: date | None, end: date | None) -> Period:
        if start is None or end is None:
            raise forms.ValidationError(_("Give both the first and the last day."), code="empty")
        if end < start:
            raise forms.ValidationError(
                _("The period ends before it starts: the last day must not be before the first."),
                code="reversed",
            )
        if (end - start).days > MAX_RANGE_DAYS:
            raise forms.ValidationError(_("A period can be at most five years."), code="too_long")
        return Period(PeriodKind.RANGE, start, end)


def _place_label(place) -> str:
    if place.parent is not None and place.level in ("county", "zone"):
        return f"{place.parent.name}{place.name}"
    return place.name


class OpinionForm(forms.ModelForm):
    """A procuratorate's opinion: the agency (of the user's jurisdiction), kind, case, text."""

    class Meta:
        model = SupervisionOpinion
        fields = ["agency", "kind", "case_code", "subject", "content", "deadline"]
        widgets = {"deadline": forms.DateInput({"type": "date"})}

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        for name in ("subject", "content"):
            self.fields[name].validators.append(validate_no_identity_number)

    def clean_case_code(self):
        code = self.cleaned_data["case_code"].strip().upper()
        if code and not CASE_CODE.fullmatch(code):
            raise forms.ValidationError(
                _("A case code is the pseudonymous code of a case, such as R7K2M9QX4P.")
            )
        return code


class OpinionResponseForm(forms.Form):
    """The agency's response and what it rectified."""

    response = forms.CharField(label=_("Response"), max_length=5000, widget=forms.Textarea)
    rectification = forms.CharField(
        label=_("Rectification"), max_length=5000, required=False, widget=forms.Textarea
    )


class OpinionReviewForm(forms.Form):
    """The procuratorate's review: accept (close) or reopen with a reason."""

    action = forms.ChoiceField(
        label=_("Decision"),
        choices=[("close", _("Accept the rectification and close")), ("reopen", _("Reopen"))],
    )
    note = forms.CharField(label=_("Note"), max_length=5000, required=False, widget=forms.Textarea)
