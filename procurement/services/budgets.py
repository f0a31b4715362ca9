"""Writes of budgets: per-capita standards and agency budgets, each audited."""

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from portal.accounts.roles import SUPERUSER, has_role
from portal.audit.services import audit_record
from portal.organizations.models import CorrectionsAgency, Jurisdiction, JurisdictionLevel
from procurement.models import AgencyBudget, PerCapitaStandard
from procurement.permissions import manages_agency, require
from procurement.selectors import budget_basis

STANDARD_LEVELS = frozenset(
    {JurisdictionLevel.PROVINCE, JurisdictionLevel.CITY, JurisdictionLevel.COUNTY}
)


def may_set_standard(user: Any, jurisdiction: Jurisdiction) -> bool:
    """Superusers set any standard; an agency manager sets the standard of the agency's county."""
    if has_role(user, SUPERUSER):
        return True
    agency = CorrectionsAgency.objects.filter(jurisdiction=jurisdiction).first()
    return agency is not None and manages_agency(user, agency.pk)


def standard_set(
    *,
    actor: Any,
    jurisdiction: Jurisdiction,
    year: int,
    amount: Decimal,
    request: HttpRequest | None = None,
) -> PerCapitaStandard:
    """Set the yuan per supervised person per year of a province, city or county."""
    require(may_set_standard(actor, jurisdiction))
    if jurisdiction.level not in STANDARD_LEVELS:
        raise ValidationError(_("A standard is set for a province, a city or a county."))
    with transaction.atomic():
        standard = PerCapitaStandard.objects.select_for_update().filter(
            jurisdiction=jurisdiction, year=year
        ).first() or PerCapitaStandard(jurisdiction=jurisdiction, year=year)
        before = str(standard.amount) if standard.pk else ""
        standard.amount = amount
        standard.set_by = actor
        standard.full_clean()
        standard.save()
        audit_record(
            actor=actor,
            action="procurement.standard_set",
            obj=standard,
            request=request,
            detail={"before": before, "after": str(amount)},
        )
    return standard


def budget_set(
    *,
    actor: Any,
    agency: CorrectionsAgency,
    year: int,
    override_amount: Decimal | None = None,
    override_reason: str = "",
    request: HttpRequest | None = None,
) -> AgencyBudget:
    """Compute an agency's yearly budget from the standard and the persons under supervision;
    a budget set by hand needs a reason."""
    require(manages_agency(actor, agency.pk))
    override_reason = override_reason.strip()
    if override_amount is not None and not override_reason:
        raise ValidationError({"override_reason": _("Say why the budget is set by hand.")})
    basis = budget_basis(agency, year)
    if basis.standard is None and override_amount is None:
        raise ValidationError(_("No per-capita standard applies to this agency for this year."))
    with transaction.atomic():
        budget = AgencyBudget.objects.select_for_update().filter(agency=agency, year=year).first()
        before = str(budget.amount) if budget else ""
        budget = budget or AgencyBudget(agency=agency, year=year)
        _fill(
            budget, basis, override_amount, override_reason if override_amount is not None else ""
        )
        budget.set_by = actor
        budget.full_clean()
        budget.save()
        audit_record(
            actor=actor,
            action="procurement.budget_set",
            obj=budget,
            request=request,
            detail={
                "before": before,
                "after": str(budget.amount),
                "reason": budget.override_reason,
            },
        )
    return budget


def _fill(budget: AgencyBudget, basis, override_amount, override_reason: str) -> None:
    budget.standard = basis.standard.amount if basis.standard else Decimal("0.00")
    budget.standard_source = basis.standard.jurisdiction.name if basis.standard else ""
    budget.average_persons = basis.average
    budget.month_counts = [[day.isoformat(), count] for day, count in basis.month_counts]
    budget.computed_amount = basis.amount
    budget.override_amount = override_amount
    budget.override_reason = override_reason
