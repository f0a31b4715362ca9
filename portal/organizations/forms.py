"""Organization registration, correction and verification decisions."""

from django import forms
from django.contrib.auth.password_validation import (
    password_validators_help_text_html,
    validate_password,
)
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import User
from portal.files import validate_document
from portal.organizations.models import Jurisdiction, Organization, OrganizationKind
from portal.organizations.selectors import registration_counties, townships_without_office
from portal.organizations.validators import validate_phone

IDENTITY_FIELDS = ["kind", "name", "credit_code", "legal_representative", "jurisdiction"]
CONTACT_FIELDS = ["address", "phone", "email", "website", "description"]
ACCOUNT_FIELDS = [
    "last_name",
    "first_name",
    "account_email",
    "account_phone",
    "password1",
    "password2",
]


class CountyChoiceField(forms.ModelChoiceField):
    """Counties shown with their city, e.g. 郑州市 中原区."""

    def label_from_instance(self, obj: Jurisdiction) -> str:
        return f"{obj.parent.name} {obj.name}" if obj.parent else obj.name


class OrganizationForm(forms.ModelForm):
    """The organization's own details, as on its registration certificate."""

    jurisdiction = CountyChoiceField(
        queryset=registration_counties(),
        label=_("Registered in (county)"),
        help_text=_("The county or district where the organization is registered."),
    )

    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    certificate = forms.FileField(
        label=_("Registration certificate"),
        required=False,
        help_text=_(
            "A scan or photo of the registration certificate (PDF, JPG or PNG, at most 5 MB); "
            "only the agency that verifies you sees it."
        ),
        validators=[validate_document],
    )

    class Meta:
        model = Organization
        fields = IDENTITY_FIELDS + CONTACT_FIELDS
        widgets = {"kind": forms.RadioSelect, "description": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "name": {"unique": _("An organization with this name is already registered.")},
            "credit_code": {
                "unique": _("An organization with this credit code is already registered.")
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("phone", "address", "description"):
            self.fields[name].required = True
        self.fields["phone"].validators.append(validate_phone)
        if "kind" in self.fields:
            self.fields["kind"].choices = OrganizationKind.choices
        if "credit_code" in self.fields:
            self.fields["credit_code"].widget.attrs.update(
                {"autocapitalize": "characters", "spellcheck": "false", "maxlength": 18}
            )

    def clean_credit_code(self) -> str:
        return (self.cleaned_data.get("credit_code") or "").strip().upper()

    def clean_name(self) -> str:
        return (self.cleaned_data.get("name") or "").strip()


class ContactDetailsForm(OrganizationForm):
    """A verified organization keeps its identity; it may correct its contact details."""

    jurisdiction = None
    certificate = None

    class Meta(OrganizationForm.Meta):
        fields = CONTACT_FIELDS


class OrganizationRegistrationForm(OrganizationForm):
    """One form for the organization and its owner's account: both are created, or neither."""

    last_name = forms.CharField(label=_("Your family name"), max_length=150)
    first_name = forms.CharField(label=_("Your given name"), max_length=150)
    account_email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("You log in with it; we send a confirmation link to it."),
    )
    account_phone = forms.CharField(
        label=_("Your mobile phone"), max_length=32, required=False, validators=[validate_phone]
    )
    password1 = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=lazy(password_validators_help_text_html, str)(),
    )
    password2 = forms.CharField(
        label=_("Password (again)"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def organization_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name not in ACCOUNT_FIELDS]

    def account_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ACCOUNT_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["certificate"].required = True

    def clean_account_email(self) -> str:
        # Whether an account exists is never said here: the service e-mails its owner instead.
        return self.cleaned_data["account_email"].strip().lower()

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password1")
        if password and password != cleaned.get("password2"):
            self.add_error("password2", _("The two passwords do not match."))
        elif password:
            user = User(
                email=cleaned.get("account_email") or "", last_name=cleaned.get("last_name", "")
            )
            try:
                validate_password(password, user)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class RejectionForm(forms.Form):
    """An agency manager's reason for rejecting a registration."""

    reason = forms.CharField(
        label=_("Reason for rejection"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The organization sees this reason and can correct its registration."),
    )


class JudicialOfficeForm(forms.Form):
    """A new judicial office in one of the agency's townships."""

    township = forms.ModelChoiceField(label=_("Township"), queryset=Jurisdiction.objects.none())
    address = forms.CharField(label=_("Address"), max_length=255, required=False)
    phone = forms.CharField(
        label=_("Phone"), max_length=32, required=False, validators=[validate_phone]
    )

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["township"].queryset = townships_without_office(agency)
