"""Forms of the casework screens; business rules are checked again by the services."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from casework.models import SupervisedPerson
from casework.services import GoalInput, NeedInput
from matching.eligibility import OfferKind
from matching.models import NOTE_MAX_LENGTH, Category, OutcomeResult, SharedField
from matching.services import LOGGED_STATES, Completion, LoggedReferral
from portal.accounts.models import Role, User
from portal.identity import validate_no_identity_number
from portal.organizations.models import CorrectionsAgency, JudicialOffice

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form, on its field when the form has it."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


class PersonForm(forms.ModelForm):
    """Create or edit a supervised person; the identity number is checked against the facts."""

    identity_number = forms.CharField(
        label=capfirst(_("identity number")),
        max_length=20,
        help_text=_("18 characters; stored encrypted and shown masked."),
    )
    confirmed_distinct = forms.BooleanField(
        label=_("I checked the similar records listed: this is a different person."),
        required=False,
    )

    class Meta:
        model = SupervisedPerson
        fields = [
            "family_name",
            "given_name",
            "identity_number",
            "gender",
            "birth_date",
            "is_juvenile",
            "phone",
            "email",
            "preferred_language",
            "notification_channel",
            "offense",
            "correction_type",
            "start_date",
            "end_date",
            "judicial_office",
            "supervision_level",
            "caseworkers",
            "status",
        ]
        widgets = {"birth_date": DATE_WIDGET, "start_date": DATE_WIDGET, "end_date": DATE_WIDGET}

    def __init__(self, *args, agency: CorrectionsAgency, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.agency = agency
        self.fields["judicial_office"].queryset = agency.judicial_offices.all()
        for name in ("preferred_language", "notification_channel"):
            self.fields[name].required = False
        self.fields["caseworkers"].queryset = User.objects.filter(
            role=Role.CASEWORKER, staff_assignment__agency=agency
        )
        self.fields["caseworkers"].widget = forms.CheckboxSelectMultiple(
            choices=self.fields["caseworkers"].choices
        )
        if self.instance.pk:
            self.fields["identity_number"].required = False
            self.fields["identity_number"].help_text = _("Leave blank to keep %(masked)s.") % {
                "masked": self.instance.identity_number_masked
            }
        if self.instance.is_juvenile:
            self.fields["is_juvenile"].disabled = True
            self.fields["is_juvenile"].help_text = _(
                "Cleared only with the agency manager's approval: ask for it on the person's page."
            )

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        for name in ("identity_number", "caseworkers", "confirmed_distinct"):
            data.pop(name, None)
        for name in ("preferred_language", "notification_channel"):
            if not data.get(name):
                data.pop(name, None)
        return data


class TransferForm(forms.Form):
    """Move a person's executing place to another agency or judicial office."""

    to_agency = forms.ModelChoiceField(
        label=capfirst(_("receiving agency")), queryset=CorrectionsAgency.objects.all()
    )
    to_office = forms.ModelChoiceField(
        label=capfirst(_("receiving judicial office")),
        queryset=JudicialOffice.objects.select_related("agency"),
        required=False,
    )
    transferred_on = forms.DateField(label=capfirst(_("date of transfer")), widget=DATE_WIDGET)
    reason = forms.CharField(
        label=capfirst(_("reason")),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class UnsealRequestForm(forms.Form):
    """Ask the agency manager to clear a person's sealed flag, with the reason."""

    reason = forms.CharField(
        label=capfirst(_("reason")), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReviewDecisionForm(forms.Form):
    """A manager's decision on a change request or a possible duplicate, with the reason."""

    action = forms.ChoiceField(label=capfirst(_("decision")), choices=[], widget=forms.RadioSelect)
    reason = forms.CharField(
        label=capfirst(_("reason")), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = choices


PRIORITY_CHOICES = [("", _("not a need"))] + [(str(n), str(n)) for n in range(1, 6)]


class AssessmentForm(forms.Form):
    """A new assessment version: a priority (or none) and notes for every category."""

    assessed_at = forms.DateField(label=capfirst(_("assessed on")), widget=DATE_WIDGET)
    summary = forms.CharField(
        label=capfirst(_("confidential summary")),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.categories = list(categories)
        for category in self.categories:
            self.fields[f"priority_{category.slug}"] = forms.ChoiceField(
                label=category.display_name, choices=PRIORITY_CHOICES, required=False
            )
            self.fields[f"notes_{category.slug}"] = forms.CharField(
                label=capfirst(_("notes")), required=False, widget=forms.TextInput()
            )

    def rows(self):
        return [(self[f"priority_{c.slug}"], self[f"notes_{c.slug}"]) for c in self.categories]

    def needs(self) -> list[NeedInput]:
        data = self.cleaned_data
        return [
            NeedInput(
                category=category,
                priority=int(data[f"priority_{category.slug}"]),
                notes=data[f"notes_{category.slug}"],
            )
            for category in self.categories
            if data.get(f"priority_{category.slug}")
        ]


class PlanForm(forms.Form):
    """A new correction plan version."""

    valid_from = forms.DateField(label=capfirst(_("valid from")), widget=DATE_WIDGET)
    summary = forms.CharField(
        label=capfirst(_("summary")), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class GoalForm(forms.Form):
    """One goal of a plan; a row left empty is ignored."""

    description = forms.CharField(label=capfirst(_("goal")), max_length=255)
    measures = forms.CharField(label=capfirst(_("measures")), required=False)
    category = forms.ModelChoiceField(
        label=capfirst(_("category")),
        queryset=Category.objects.filter(is_active=True),
        required=False,
    )
    review_on = forms.DateField(label=capfirst(_("review date")), widget=DATE_WIDGET)

    def goal(self) -> GoalInput:
        return GoalInput(**self.cleaned_data)


GoalFormSet = forms.formset_factory(GoalForm, extra=2, max_num=20)


def goals_from(formset) -> list[GoalInput]:
    """The goals of the filled-in rows of a goal formset."""
    return [form.goal() for form in formset if form.has_changed() and form.cleaned_data]


class MatchFilterForm(forms.Form):
    """The matching screen's keyword box and filters."""

    q = forms.CharField(
        label=capfirst(_("keyword")),
        required=False,
        max_length=100,
        validators=[validate_no_identity_number],
    )
    kind = forms.MultipleChoiceField(
        label=capfirst(_("kind of offer")),
        choices=OfferKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    category = forms.ModelChoiceField(
        label=capfirst(_("category")),
        queryset=Category.objects.filter(is_active=True),
        required=False,
        to_field_name="slug",
    )
    max_distance_km = forms.IntegerField(
        label=capfirst(_("maximum distance (km)")), required=False, min_value=1, max_value=1000
    )
    funded_only = forms.BooleanField(label=capfirst(_("funded by contract only")), required=False)

    def __init__(self, *args, categories: list[Category] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if categories is not None:
            # The screen reads the active categories once; the select reuses them.
            field = self.fields["category"]
            field.choices = [("", field.empty_label), *((c.slug, str(c)) for c in categories)]


class ReferForm(forms.Form):
    """Refer a person to an offer, with the fields the person consented to share."""

    offer_key = forms.CharField(widget=forms.HiddenInput)
    need_category = forms.ModelChoiceField(
        label=capfirst(_("need")), queryset=Category.objects.filter(is_active=True)
    )
    shared_fields = forms.MultipleChoiceField(
        label=capfirst(_("the person consents to share")),
        choices=SharedField.choices,
        required=False,
        initial=[SharedField.FIRST_NAME],
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The person code (pseudonymous) and the need are always shared; nothing else is."
        ),
    )
    message = forms.CharField(
        label=capfirst(_("message to the provider")),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Never write an identity number, offence or assessment here."),
    )
    consent = forms.BooleanField(
        label=_("The person agreed to this referral and to sharing these fields."),
        error_messages={"required": _("Record the person's consent before referring.")},
    )
    send = forms.BooleanField(label=capfirst(_("send now")), required=False, initial=True)


class LoggedReferralForm(forms.Form):
    """A referral made outside the platform: to whom, when, for which need, and how it went."""

    provider_name = forms.CharField(label=capfirst(_("organization or service")), max_length=255)
    offer_title = forms.CharField(label=capfirst(_("service")), max_length=255)
    need_category = forms.ModelChoiceField(
        label=capfirst(_("need")), queryset=Category.objects.filter(is_active=True)
    )
    referred_on = forms.DateField(
        label=capfirst(_("referred on")), widget=forms.DateInput(attrs={"type": "date"})
    )
    state = forms.ChoiceField(
        label=capfirst(_("where it stands")),
        choices=[(state.value, state.label) for state in LOGGED_STATES],
    )
    outcome = forms.CharField(
        label=capfirst(_("outcome or reason")),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        validators=[validate_no_identity_number],
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    result = forms.ChoiceField(
        label=capfirst(_("result")), choices=[("", "—"), *OutcomeResult.choices], required=False
    )
    sessions_attended = forms.IntegerField(
        label=capfirst(_("sessions attended")), required=False, min_value=0, max_value=999
    )

    def logged(self) -> LoggedReferral:
        """The referral as entered (call after is_valid)."""
        data = self.cleaned_data
        return LoggedReferral(
            provider_name=data["provider_name"],
            offer_title=data["offer_title"],
            need_category=data["need_category"],
            referred_on=data["referred_on"],
            state=data["state"],
            outcome=data.get("outcome") or "",
            completion=Completion(
                result=data.get("result") or "", sessions_attended=data.get("sessions_attended")
            ),
        )


class OnwardProposalForm(forms.Form):
    """The provider proposes another offer for the person, and says why."""

    offer_key = forms.ChoiceField(label=capfirst(_("offer")))
    reason = forms.CharField(
        label=capfirst(_("why")),
        max_length=NOTE_MAX_LENGTH,
        validators=[validate_no_identity_number],
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, offers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offer_key"].choices = [
            (document.key, f"{document.title} · {document.provider_name}") for document in offers
        ]


class OnwardApprovalForm(forms.Form):
    """The caseworker approves an onward proposal with the person's consent confirmed again."""

    shared_fields = forms.MultipleChoiceField(
        label=capfirst(_("the person consents to share")),
        choices=SharedField.choices,
        required=False,
        initial=[SharedField.FIRST_NAME],
        widget=forms.CheckboxSelectMultiple,
    )
    consent = forms.BooleanField(
        label=_("The person agreed again to this onward referral and to sharing these fields."),
        required=False,
    )
