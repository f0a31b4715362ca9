"""Forms of the volunteer screens; the services check the rules again and save."""

from django import forms
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from matching.eligibility import Language
from portal.identity import validate_identity_number, validate_no_identity_number
from portal.organizations.models import CorrectionsAgency, Jurisdiction, JurisdictionLevel
from volunteers.models import (
    AVAILABILITY_CHOICES,
    DocumentKind,
    Interest,
    Shift,
    SignUpStatus,
    Skill,
    VolunteerOpportunityPage,
    VolunteerProfile,
)
from volunteers.validators import validate_document

phone_validator = RegexValidator(
    r"^(1\d{10}|0\d{2,3}-?\d{7,8})$",
    _("Enter a mobile number of 11 digits or a landline such as 0371-12345678."),
)


class VolunteerProfileForm(forms.Form):
    real_name = forms.CharField(label=_("Real name"), max_length=64)
    phone = forms.CharField(label=_("Phone"), max_length=32, validators=[phone_validator])
    identity_number = forms.CharField(
        label=_("Identity number"),
        max_length=18,
        required=False,
        validators=[validate_identity_number],
        help_text=_("18 characters. Stored encrypted and only ever shown masked."),
    )
    agency = forms.ModelChoiceField(
        label=_("Screening agency"),
        queryset=CorrectionsAgency.objects.select_related("jurisdiction"),
        help_text=_("The corrections agency that screens and supports you."),
    )
    jurisdictions = forms.ModelMultipleChoiceField(
        label=_("Where I can help"),
        queryset=Jurisdiction.objects.filter(
            level__in=[JurisdictionLevel.CITY, JurisdictionLevel.COUNTY, JurisdictionLevel.ZONE]
        ),
        help_text=_("Cities or counties; hold Ctrl to choose several."),
    )
    skills = forms.MultipleChoiceField(
        label=_("Skills and qualifications"),
        choices=Skill.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    qualifications = forms.CharField(
        label=_("Professional qualifications"),
        required=False,
        max_length=2000,
        validators=[validate_no_identity_number],
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Certificates and licences, e.g. lawyer's practising certificate number."),
    )
    interests = forms.MultipleChoiceField(
        label=_("Interests"), choices=Interest.choices, widget=forms.CheckboxSelectMultiple
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages and dialects"),
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    availability = forms.MultipleChoiceField(
        label=_("Weekly availability"),
        choices=AVAILABILITY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )
    motivation = forms.CharField(
        label=_("Why I volunteer"),
        required=False,
        max_length=2000,
        validators=[validate_no_identity_number],
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, profile: VolunteerProfile | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if profile is None:
            self.fields["identity_number"].required = True
        else:
            self.fields["identity_number"].help_text = _(
                "Registered: %(masked)s. Leave blank to keep it."
            ) % {"masked": profile.identity_number_masked}

    @staticmethod
    def initial_for(profile: VolunteerProfile) -> dict:
        """The form's starting values from a saved profile (never the identity number)."""
        names = ["real_name", "phone", "agency", "skills", "qualifications", "interests"]
        names += ["languages", "availability", "motivation"]
        initial = {name: getattr(profile, name) for name in names}
        initial["jurisdictions"] = list(profile.jurisdictions.all())
        return initial


class ScreeningDocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document type"), choices=DocumentKind.choices)
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, JPG or PNG, at most 5 MB."),
        validators=[validate_document],
    )


class ScreeningDecisionForm(forms.Form):
    to_status = forms.ChoiceField(label=_("Move to"))
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        validators=[validate_no_identity_number],
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, statuses: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = [(status.value, status.label) for status in statuses]


class HoursForm(forms.Form):
    shift = forms.ModelChoiceField(
        label=_("Shift"),
        queryset=Shift.objects.none(),
        required=False,
        help_text=_("Choose the shift you served, or describe another activity below."),
    )
    opportunity = forms.ModelChoiceField(
        label=_("Opportunity"), queryset=VolunteerOpportunityPage.objects.none(), required=False
    )
    activity = forms.CharField(
        label=_("Activity"),
        max_length=255,
        required=False,
        validators=[validate_no_identity_number],
    )
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}))
    end_time = forms.TimeField(label=_("Until"), widget=forms.TimeInput(attrs={"type": "time"}))

    def __init__(self, *args, volunteer: VolunteerProfile, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shift"].queryset = Shift.objects.filter(
            signups__volunteer=volunteer,
            signups__status=SignUpStatus.CONFIRMED,
            date__lte=timezone.localdate(),
        ).select_related("opportunity")
        self.fields["shift"].label_from_instance = lambda s: f"{s.opportunity.title} {s}"
        self.fields["opportunity"].queryset = VolunteerOpportunityPage.objects.live()

    def clean(self):
        data = super().clean()
        if not data.get("shift") and not (data.get("activity") or "").strip():
            self.add_error("activity", _("Choose a shift or describe the activity."))
        return data


class HoursDecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("Approve")), ("0", _("Reject"))],
        coerce=lambda value: value == "1",
    )
    reason = forms.CharField(
        label=_("Reason for rejection"),
        max_length=2000,
        required=False,
        validators=[validate_no_identity_number],
    )


class OpportunityFilterForm(forms.Form):
    interest = forms.ChoiceField(
        label=_("Kind of work"), choices=[("", _("All"))] + Interest.choices, required=False
    )
    jurisdiction = forms.ModelChoiceField(
        label=_("Where"),
        queryset=Jurisdiction.objects.filter(
            level__in=[JurisdictionLevel.CITY, JurisdictionLevel.COUNTY, JurisdictionLevel.ZONE]
        ),
        required=False,
        to_field_name="code",
    )


class IdentityConfirmForm(forms.Form):
    """The screening manager's confirmation that a shared identity number is this volunteer's."""

    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        validators=[validate_no_identity_number],
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example: identity document seen in person on this date."),
    )
