"""The form an agency manager grants a named case review with."""

from datetime import datetime, time, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import Role, User

MAX_DAYS = 366


class CaseReviewGrantForm(forms.Form):
    """Who may read which case, why, and until which day (inclusive)."""

    grantee = forms.ModelChoiceField(
        label=_("Oversight user"), queryset=User.objects.none(), empty_label=None
    )
    case_code = forms.CharField(
        label=_("Case code"),
        max_length=12,
        help_text=_("The person code (pseudonymous), as shown on their record."),
    )
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea)
    until = forms.DateField(
        label=_("Until (inclusive)"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grantee"].queryset = User.objects.filter(
            role=Role.OVERSIGHT, is_active=True, oversight_profile__isnull=False
        ).select_related("oversight_profile__jurisdiction")
        self.fields["grantee"].label_from_instance = lambda user: (
            f"{user} · {user.oversight_profile}"
        )

    def clean_until(self):
        day = self.cleaned_data["until"]
        today = timezone.localdate()
        if day < today:
            raise forms.ValidationError(_("The review must end today or later."))
        if day > today + timedelta(days=MAX_DAYS):
            raise forms.ValidationError(_("A review lasts at most a year."))
        return day

    def ends_at(self) -> datetime:
        """The end of the chosen day, in the site's time zone."""
        day = self.cleaned_data["until"] + timedelta(days=1)
        return timezone.make_aware(datetime.combine(day, time.min))
