"""The volunteer sign-up fields and the staff account form."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import OversightKind, Role, User
from portal.accounts.roles import SUPERUSER, has_role, roles_creatable_by
from portal.organizations.models import (
    CorrectionsAgency,
    JudicialOffice,
    Jurisdiction,
    JurisdictionLevel,
)
from portal.organizations.selectors import agency_for_user, judicial_offices_of
from portal.organizations.validators import validate_phone


class VolunteerSignupForm(forms.Form):
    """Added to allauth's sign-up form (ACCOUNT_SIGNUP_FORM_CLASS): the volunteer's name."""

    last_name = forms.CharField(label=_("Family name"), max_length=150)
    first_name = forms.CharField(label=_("Given name"), max_length=150)
    phone = forms.CharField(
        label=_("Mobile phone"), max_length=32, required=False, validators=[validate_phone]
    )

    def signup(self, request, user) -> None:
        """Public sign-up makes volunteers; organizations register through their own form."""
        user.role = Role.VOLUNTEER
        user.phone = self.cleaned_data.get("phone", "")
        user.save(update_fields=["role", "phone"])


class MemberInviteForm(forms.Form):
    """A colleague an organization's owner adds; they receive a link to set their password."""

    last_name = forms.CharField(label=_("Family name"), max_length=150)
    first_name = forms.CharField(label=_("Given name"), max_length=150)
    email = forms.EmailField(label=_("E-mail address"))
    phone = forms.CharField(
        label=_("Phone"), max_length=32, required=False, validators=[validate_phone]
    )

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise ValidationError(_("An account with this e-mail address already exists."))
        return email


class StaffCreateForm(forms.Form):
    """A new staff account; agency managers create caseworkers of their own agency only."""

    last_name = forms.CharField(label=_("Family name"), max_length=150)
    first_name = forms.CharField(label=_("Given name"), max_length=150)
    email = forms.EmailField(label=_("E-mail address"))
    phone = forms.CharField(
        label=_("Phone"), max_length=32, required=False, validators=[validate_phone]
    )
    role = forms.ChoiceField(label=_("Role"))
    agency = forms.ModelChoiceField(
        label=_("Corrections agency"),
        queryset=CorrectionsAgency.objects.all(),
        required=False,
        help_text=_("Required for caseworkers and agency managers."),
    )
    judicial_office = forms.ModelChoiceField(
        label=_("Judicial office"),
        queryset=JudicialOffice.objects.none(),
        required=False,
        help_text=_("Required for caseworkers."),
    )
    oversight_kind = forms.ChoiceField(
        label=_("Oversight body"),
        choices=[("", "---------"), *OversightKind.choices],
        required=False,
        help_text=_("Required for oversight users."),
    )
    oversight_jurisdiction = forms.ModelChoiceField(
        label=_("Oversight jurisdiction"),
        queryset=Jurisdiction.objects.filter(
            level__in=[JurisdictionLevel.PROVINCE, JurisdictionLevel.CITY, JurisdictionLevel.COUNTY]
        ).select_related("parent"),
        required=False,
        help_text=_("The province, city or county whose reports and audit trail they read."),
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.fields["role"].choices = [
            (role, Role(role).label) for role in roles_creatable_by(actor)
        ]
        if Role.OVERSIGHT not in roles_creatable_by(actor):
            del self.fields["oversight_kind"], self.fields["oversight_jurisdiction"]
        own_agency = None if has_role(actor, SUPERUSER) else agency_for_user(actor)
        self.fields["judicial_office"].queryset = judicial_offices_of(own_agency)
        if own_agency is not None:
            del self.fields["agency"]
            self.own_agency = own_agency

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise ValidationError(_("An account with this e-mail address already exists."))
        return email

    def clean(self):
        cleaned = super().clean()
        if hasattr(self, "own_agency"):
            cleaned["agency"] = self.own_agency
        role, agency, office = (
            cleaned.get("role"),
            cleaned.get("agency"),
            cleaned.get("judicial_office"),
        )
        if (
            role in (Role.CASEWORKER, Role.AGENCY_MANAGER)
            and agency is None
            and "agency" in self.fields
        ):
            self.add_error("agency", _("Choose the agency this person works for."))
        if role == Role.CASEWORKER and office is None:
            self.add_error("judicial_office", _("Choose the judicial office of this caseworker."))
        if office is not None and agency is not None and office.agency_id != agency.pk:
            self.add_error("judicial_office", _("This judicial office belongs to another agency."))
        if role == Role.OVERSIGHT:
            for name in ("oversight_kind", "oversight_jurisdiction"):
                if not cleaned.get(name):
                    self.add_error(name, _("Required for oversight users."))
        return cleaned
