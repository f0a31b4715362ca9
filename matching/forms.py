"""Forms of the referral screens shared by casework, the provider inbox and the mentee list."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from matching.models import NOTE_MAX_LENGTH, OutcomeResult
from matching.services import Completion
from portal.identity import validate_no_identity_number


class ReferralTransitionForm(forms.Form):
    """The note of a referral transition (reason, outcome, remark) and, on completion, how far
    the goal was met and how many sessions the person attended."""

    note = forms.CharField(
        label=capfirst(_("note")),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        validators=[validate_no_identity_number],
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    result = forms.ChoiceField(
        label=capfirst(_("result")),
        choices=[("", "—"), *OutcomeResult.choices],
        required=False,
    )
    sessions_attended = forms.IntegerField(
        label=capfirst(_("sessions attended")), required=False, min_value=0, max_value=999
    )

    def completion(self) -> Completion:
        """The structured outcome entered (empty when the form is invalid)."""
        data = self.cleaned_data if self.is_valid() else {}
        return Completion(
            result=data.get("result") or "", sessions_attended=data.get("sessions_attended")
        )


class ReferralNoteForm(forms.Form):
    """A note on a referral, read by both sides: never an identity number."""

    text = forms.CharField(
        label=capfirst(_("note")),
        max_length=NOTE_MAX_LENGTH,
        validators=[validate_no_identity_number],
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Both sides read this note: never write an identity number or an offence."),
    )
