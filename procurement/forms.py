"""Forms of the purchase-of-service screens; the services check every rule again."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from matching.models import Category
from portal.organizations.models import (
    Jurisdiction,
    JurisdictionLevel,
    Organization,
    VerificationStatus,
)
from procurement.models import Contract, ContractLine, Delivery

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
MONTH_WIDGET = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form, on its field when the form has it."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def money(label, *, required: bool = True) -> forms.DecimalField:
    """A yuan amount field: two decimal places at most, never negative."""
    return forms.DecimalField(
        label=capfirst(label),
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0"),
        required=required,
    )


class StandardForm(forms.Form):
    """Yuan per supervised person per year for a province, city or county."""

    jurisdiction = forms.ModelChoiceField(
        label=capfirst(_("jurisdiction")),
        queryset=Jurisdiction.objects.filter(
            level__in=[JurisdictionLevel.PROVINCE, JurisdictionLevel.CITY, JurisdictionLevel.COUNTY]
        ),
    )
    year = forms.IntegerField(label=capfirst(_("year")), min_value=2000, max_value=2100)
    amount = money(_("yuan per person per year"))


class BudgetForm(forms.Form):
    """Compute an agency's budget; a figure set by hand needs a reason."""

    override_amount = money(_("budget set by hand"), required=False)
    override_reason = forms.CharField(
        label=capfirst(_("reason for setting by hand")),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("override_amount") is not None
            and not (data.get("override_reason") or "").strip()
        ):
            self.add_error("override_reason", _("Say why the budget is set by hand."))
        return data


class ContractForm(forms.ModelForm):
    """The terms of a draft contract."""

    class Meta:
        model = Contract
        fields = [
            "number",
            "title",
            "organization",
            "budget_year",
            "funding_source",
            "ceiling",
            "start_date",
            "end_date",
        ]
        widgets = {"start_date": DATE_WIDGET, "end_date": DATE_WIDGET}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.filter(
            status=VerificationStatus.VERIFIED
        ).order_by("name")
        if self.instance.pk:
            self.fields["organization"].disabled = True


class ContractLineForm(forms.ModelForm):
    """A service item: one of the provider's offers, or one category of them."""

    offer = forms.ChoiceField(label=capfirst(_("offer")), required=False)

    class Meta:
        model = ContractLine
        fields = ["description", "offer", "category", "unit", "unit_price", "max_quantity"]

    def __init__(self, *args, offers: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.offer_titles = dict(offers)
        self.fields["offer"].choices = [("", "—"), *offers]
        self.fields["category"].queryset = Category.objects.filter(is_active=True)

    def _post_clean(self):
        self.instance.offer_key = self.cleaned_data.get("offer") or ""
        self.instance.offer_title = self.offer_titles.get(self.instance.offer_key, "")
        super()._post_clean()


class AmendmentForm(forms.Form):
    """An amendment to a signed contract: the reason, the date, and what changes."""

    reason = forms.CharField(label=capfirst(_("reason")), widget=forms.Textarea(attrs={"rows": 3}))
    effective_date = forms.DateField(label=capfirst(_("effective date")), widget=DATE_WIDGET)
    ceiling = money(_("new ceiling (yuan)"), required=False)
    end_date = forms.DateField(
        label=capfirst(_("new end date")), widget=DATE_WIDGET, required=False
    )
    line = forms.ModelChoiceField(
        label=capfirst(_("service item")), queryset=ContractLine.objects.none(), required=False
    )
    unit_price = forms.DecimalField(
        label=capfirst(_("new unit price (yuan)")),
        max_digits=10,
        decimal_places=2,
        min_value=Decimal("0.01"),
        required=False,
    )
    max_quantity = forms.DecimalField(
        label=capfirst(_("new maximum quantity")),
        max_digits=10,
        decimal_places=2,
        min_value=Decimal("0.01"),
        required=False,
    )

    def __init__(self, *args, contract: Contract, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = contract.lines.all()


class AttachmentForm(forms.Form):
    """The signed contract as a PDF or an image."""

    file = forms.FileField(label=capfirst(_("signed contract")))


class DeliveryForm(forms.ModelForm):
    """What the provider records of one delivered service."""

    evidence_file = forms.FileField(label=capfirst(_("evidence")), required=False)

    class Meta:
        model = Delivery
        fields = ["line", "delivered_on", "starts_at", "ends_at", "staff_name", "place", "notes"]
        widgets = {"delivered_on": DATE_WIDGET, "starts_at": TIME_WIDGET, "ends_at": TIME_WIDGET}

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = lines

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The end must come after the start."))
        return data

    def _post_clean(self):
        # The service checks the referral, period and overlap once it has every object.
        pass


class DisputeForm(forms.Form):
    """Why the caseworker disputes a delivery."""

    reason = forms.CharField(label=capfirst(_("reason")), widget=forms.Textarea(attrs={"rows": 2}))


class GenerateForm(forms.Form):
    """The month to bill."""

    period = forms.DateField(
        label=capfirst(_("month")), widget=MONTH_WIDGET, input_formats=["%Y-%m", "%Y-%m-%d"]
    )


class PaymentForm(forms.Form):
    """The treasury payment of an approved invoice."""

    paid_on = forms.DateField(label=capfirst(_("paid on")), widget=DATE_WIDGET)
    treasury_reference = forms.CharField(label=capfirst(_("treasury reference")), max_length=64)


class ReviewForm(forms.Form):
    """One reason box per invoice line: a filled-in reason rejects the line."""

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = list(lines)
        for line in self.lines:
            self.fields[f"reject_{line.pk}"] = forms.CharField(
                label=_("Reason for rejecting line %(number)s") % {"number": line.pk},
                required=False,
                max_length=500,
            )

    def rejections(self) -> dict[int, str]:
        return {
            line.pk: self.cleaned_data[f"reject_{line.pk}"].strip()
            for line in self.lines
            if self.cleaned_data.get(f"reject_{line.pk}", "").strip()
        }
