"""Forms: the Wagtail editor forms of offer pages, and the employer's and caseworker's forms."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm

from employment.vocabulary import (
    TRANSITION_ACTIONS,
    FollowUpOutcome,
    LeftReason,
    OffenceCategory,
    SupportType,
)
from matching.eligibility import CorrectionType
from portal.identity import validate_no_identity_number


def _checkboxes(choices, label, required=False) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label, choices=choices, required=required, widget=forms.CheckboxSelectMultiple
    )


class ProviderOfferPageForm(WagtailAdminPageForm):
    """Ties a new offer to its section's provider and refuses validity dates in the past."""

    accepted_correction_types = _checkboxes(CorrectionType.choices, _("accepted correction types"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        place = self.fields["jurisdiction"]
        place.queryset = place.queryset.select_related("parent__parent")
        place.label_from_instance = lambda jurisdiction: jurisdiction.full_name
        section = self.parent_page.specific if self.parent_page else None
        if section is not None and self.instance.pk is None:
            self.instance.organization = getattr(section, "organization", None)
            self.instance.agency = getattr(section, "agency", None)

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is None:
            today = timezone.localdate()
            for name in ("valid_from", "valid_until"):
                if cleaned_data.get(name) and cleaned_data[name] < today:
                    self.add_error(name, _("This date is in the past: choose today or later."))
        return cleaned_data


class JobOfferPageForm(ProviderOfferPageForm):
    """The job offer editor form, with the fair-chance vocabularies as checkboxes."""

    accepted_offence_categories = _checkboxes(
        OffenceCategory.choices, _("accepted offence categories")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Leave the bounds to the model's validators, whose messages name the rule.
        for name in ("positions", "min_age", "max_age"):
            field = self.fields[name]
            field.min_value = None
            field.validators = [v for v in field.validators if not isinstance(v, MinValueValidator)]
        self.fields["positions"].widget.attrs["min"] = 1


class EntrepreneurshipSupportPageForm(ProviderOfferPageForm):
    """The entrepreneurship support editor form, with the kinds of support as checkboxes."""

    support_types = _checkboxes(SupportType.choices, _("kinds of support"), required=True)


class ApplicationTransitionForm(forms.Form):
    """The employer moves an application one step; some steps need a date or a reason."""

    action = forms.ChoiceField(label=_("action"), choices=TRANSITION_ACTIONS)
    interview_at = forms.DateTimeField(
        label=_("interview at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    interview_place = forms.CharField(
        label=_("interview place"),
        max_length=255,
        required=False,
        validators=[validate_no_identity_number],
    )
    hired_on = forms.DateField(
        label=_("start date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(
        label=_("note or reason"),
        required=False,
        max_length=2000,
        validators=[validate_no_identity_number],
        widget=forms.Textarea,
    )

    def clean(self):
        cleaned_data = super().clean()
        action = cleaned_data.get("action")
        if action == "schedule_interview" and not cleaned_data.get("interview_at"):
            self.add_error("interview_at", _("Give the date and time of the interview."))
        if action == "hire" and not cleaned_data.get("hired_on"):
            self.add_error("hired_on", _("Give the first working day."))
        if action == "reject" and not cleaned_data.get("note", "").strip():
            self.add_error("note", _("Say why the person was not hired."))
        return cleaned_data


class FollowUpForm(forms.Form):
    """A follow-up answer: still employed, or left with a reason."""

    outcome = forms.ChoiceField(
        label=_("outcome"),
        choices=[
            (FollowUpOutcome.STILL_EMPLOYED.value, FollowUpOutcome.STILL_EMPLOYED.label),
            (FollowUpOutcome.LEFT.value, FollowUpOutcome.LEFT.label),
        ],
        widget=forms.RadioSelect,
    )
    left_reason = forms.ChoiceField(
        label=_("reason for leaving"),
        choices=[("", "---------"), *LeftReason.choices],
        required=False,
    )
    note = forms.CharField(
        label=_("note"),
        required=False,
        max_length=2000,
        validators=[validate_no_identity_number],
        widget=forms.Textarea,
    )

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("outcome") == FollowUpOutcome.LEFT and not cleaned_data.get(
            "left_reason"
        ):
            raise ValidationError({"left_reason": _("Say why the person left the job.")})
        return cleaned_data
