"""Reads that procurement screens, exports, reports and benchmarks share."""

import calendar
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, DecimalField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce, TruncMonth

from casework.selectors import agency_supervised_counts, referrals_visible_to
from matching.models import SEAT_HOLDING_STATES, Category, Referral
from portal.accounts.models import Role
from portal.accounts.roles import SUPERUSER, has_role
from portal.organizations.models import (
    CorrectionsAgency,
    Jurisdiction,
    JurisdictionLevel,
    Membership,
    StaffAssignment,
)
from portal.organizations.selectors import within_jurisdiction
from procurement.models import (
    COMMITTED_STATES,
    ZERO,
    AgencyBudget,
    Contract,
    Delivery,
    DeliveryState,
    Invoice,
    InvoiceLine,
    InvoiceState,
    LineStatus,
    PerCapitaStandard,
)
from procurement.permissions import reads_everything

CENT = Decimal("0.01")


def month_ends(year: int) -> list[date]:
    """The last day of every month of a year."""
    return [date(year, month, calendar.monthrange(year, month)[1]) for month in range(1, 13)]


def standard_for(agency: CorrectionsAgency, year: int) -> PerCapitaStandard | None:
    """The per-capita standard that applies to an agency: its county's, else its city's, else
    the province's."""
    place: Jurisdiction | None = agency.jurisdiction
    chain: list[int] = []
    while place is not None:
        chain.append(place.pk)
        place = place.parent if place.level != JurisdictionLevel.PROVINCE else None
    standards = PerCapitaStandard.objects.filter(year=year, jurisdiction__in=chain)
    found = {
        standard.jurisdiction_id: standard for standard in standards.select_related("jurisdiction")
    }
    return next((found[pk] for pk in chain if pk in found), None)


@dataclass(frozen=True)
class BudgetBasis:
    """How a budget is computed: the standard, the month-end counts and their average."""

    year: int
    standard: PerCapitaStandard | None
    month_counts: list[tuple[date, int]]

    @property
    def average(self) -> Decimal:
        counts = [count for _day, count in self.month_counts]
        return (Decimal(sum(counts)) / len(counts)).quantize(CENT, ROUND_HALF_UP)

    @property
    def amount(self) -> Decimal:
        if self.standard is None:
            return ZERO
        return (self.standard.amount * self.average).quantize(CENT, ROUND_HALF_UP)


def budget_basis(agency: CorrectionsAgency, year: int) -> BudgetBasis:
    """A year's budget basis: the standard and the month-end counts of the year before it."""
    days = month_ends(year - 1)
    counts = agency_supervised_counts(agency_id=agency.pk, days=days)
    return BudgetBasis(
        year=year,
        standard=standard_for(agency, year),
        month_counts=list(zip(days, counts, strict=True)),
    )


def contracts_visible_to(user: Any) -> QuerySet[Contract]:
    """Contracts a user may read: the agency's for its staff, the organization's for its staff,
    every one for oversight and superusers."""
    contracts = Contract.objects.select_related("agency", "organization")
    if reads_everything(user):
        return contracts
    if not getattr(user, "is_authenticated", False):
        return contracts.none()
    agency_ids = StaffAssignment.objects.filter(user=user).values("agency_id")
    organization_ids = Membership.objects.filter(user=user).values("organization_id")
    return contracts.filter(Q(agency__in=agency_ids) | Q(organization__in=organization_ids))


def deliveries_visible_to(user: Any) -> QuerySet[Delivery]:
    """Deliveries of the contracts a user may read, each with `is_billed` (oversight reads
    totals, not deliveries); a caseworker sees those of the persons in their care."""
    deliveries = Delivery.objects.with_billed().select_related(
        "contract__organization", "line", "referral__need_category"
    )
    if has_role(user, Role.OVERSIGHT) and not has_role(user, SUPERUSER):
        return deliveries.none()
    deliveries = deliveries.filter(contract__in=contracts_visible_to(user))
    if has_role(user, Role.CASEWORKER):
        deliveries = deliveries.filter(referral__in=referrals_visible_to(user))
    return deliveries


def invoices_visible_to(user: Any) -> QuerySet[Invoice]:
    """Invoices of the contracts a user may read."""
    return Invoice.objects.select_related("contract__organization", "contract__agency").filter(
        contract__in=contracts_visible_to(user)
    )


def billable_referrals(user: Any, contract: Contract) -> QuerySet[Referral]:
    """Referrals a provider may record deliveries on under a contract: accepted or ongoing,
    to the contract's organization, and only for its members."""
    if not Membership.objects.filter(user=user, organization=contract.organization_id).exists():
        return Referral.objects.none()
    return Referral.objects.filter(
        organization=contract.organization_id, state__in=SEAT_HOLDING_STATES
    ).select_related("need_category")


@dataclass(frozen=True)
class MonthRow:
    """One month of a budget's burn-down."""

    month: date
    spent: Decimal
    cumulative: Decimal
    remaining: Decimal


@dataclass(frozen=True)
class BudgetSummary:
    """A budget year of one agency: budget, committed (signed contracts), spent (paid)."""

    agency: CorrectionsAgency
    year: int
    budget: AgencyBudget | None
    committed: Decimal
    spent: Decimal
    months: list[MonthRow]

    @property
    def amount(self) -> Decimal:
        return self.budget.amount if self.budget else ZERO

    @property
    def uncommitted(self) -> Decimal:
        return self.amount - self.committed


def committed_and_spent(year: int) -> QuerySet[CorrectionsAgency]:
    """Every agency with its committed and spent amounts of a budget year (one query)."""
    committed = Contract.objects.filter(
        agency=OuterRef("pk"), budget_year=year, state__in=COMMITTED_STATES
    )
    paid = Invoice.objects.filter(
        contract__agency=OuterRef("pk"), contract__budget_year=year, state=InvoiceState.PAID
    )
    return CorrectionsAgency.objects.annotate(
        committed=Coalesce(_sum(committed, "agency", "ceiling"), ZERO),
        spent=Coalesce(_sum(paid, "contract__agency", "total"), ZERO),
    ).select_related("jurisdiction")


def _sum(queryset: QuerySet, group: str, field: str) -> Subquery:
    """The sum of a field over a queryset correlated on `group`, as a subquery."""
    rows = queryset.order_by().values(group).annotate(total=Sum(field)).values("total")
    return Subquery(rows[:1], output_field=DecimalField(max_digits=16, decimal_places=2))


@dataclass(frozen=True)
class OverviewRow:
    """One agency on the budget overview: its budget in force (None if not set), committed and
    spent amounts of the year."""

    agency_id: int
    name: str
    budget: Decimal | None
    committed: Decimal
    spent: Decimal


def budget_overview(user: Any, year: int) -> list[OverviewRow]:
    """The agencies a user may read with budget, committed and spent of a year: four queries
    (the agencies, then one grouped sum each), plain rows rather than model instances."""
    agencies = CorrectionsAgency.objects.order_by("jurisdiction__code")
    if not reads_everything(user):
        agencies = agencies.filter(
            pk__in=StaffAssignment.objects.filter(user=user).values("agency_id")
        )
    rows = list(agencies.values_list("pk", "name"))
    ids = [pk for pk, _name in rows]
    committed = _sums_by(
        Contract.objects.filter(agency__in=ids, budget_year=year, state__in=COMMITTED_STATES),
        "agency_id",
        "ceiling",
    )
    spent = _sums_by(
        Invoice.objects.filter(
            contract__agency__in=ids, contract__budget_year=year, state=InvoiceState.PAID
        ),
        "contract__agency_id",
        "total",
    )
    budgets = dict(
        AgencyBudget.objects.filter(agency__in=ids, year=year)
        .annotate(in_force=Coalesce("override_amount", "computed_amount"))
        .values_list("agency_id", "in_force")
    )
    return [
        OverviewRow(pk, name, budgets.get(pk), committed.get(pk, ZERO), spent.get(pk, ZERO))
        for pk, name in rows
    ]


def _sums_by(queryset: QuerySet, group: str, field: str) -> dict[int, Decimal]:
    """The sum of a field per value of `group`, in one grouped query."""
    return dict(queryset.order_by().values_list(group).annotate(total=Sum(field)))


def budget_summary(agency: CorrectionsAgency, year: int) -> BudgetSummary:
    """An agency's budget year with its monthly burn-down of paid invoices."""
    row = committed_and_spent(year).get(pk=agency.pk)
    budget = AgencyBudget.objects.filter(agency=agency, year=year).first()
    amount = budget.amount if budget else ZERO
    paid = (
        Invoice.objects.filter(
            contract__agency=agency, contract__budget_year=year, state=InvoiceState.PAID
        )
        .annotate(month=TruncMonth("paid_on"))
        .values("month")
        .annotate(total=Sum("total"))
    )
    by_month = {_as_date(entry["month"]): entry["total"] for entry in paid}
    months, cumulative = [], ZERO
    for month in (date(year, number, 1) for number in range(1, 13)):
        spent = by_month.get(month, ZERO)
        cumulative += spent
        months.append(MonthRow(month, spent, cumulative, amount - cumulative))
    committed, spent = getattr(row, "committed", ZERO), getattr(row, "spent", ZERO)
    return BudgetSummary(agency, year, budget, committed, spent, months)


def _as_date(value: Any) -> date:
    return value.date() if isinstance(value, datetime) else value


def spend_by_provider(contracts: QuerySet[Contract]) -> list[dict[str, Any]]:
    """Paid amounts per provider organization over some contracts, largest first."""
    rows = (
        Invoice.objects.filter(contract__in=contracts, state=InvoiceState.PAID)
        .values("contract__organization__name")
        .annotate(total=Sum("total"))
        .order_by("-total")
    )
    return [{"name": row["contract__organization__name"], "total": row["total"]} for row in rows]


def spend_by_category(contracts: QuerySet[Contract]) -> list[dict[str, Any]]:
    """Paid amounts per service category (the need of the referral served), largest first."""
    rows = list(
        InvoiceLine.objects.filter(
            invoice__contract__in=contracts,
            invoice__state=InvoiceState.PAID,
            status=LineStatus.APPROVED,
        )
        .values("delivery__referral__need_category")
        .annotate(total=Sum("amount"))
        .order_by("-total")
    )
    categories = Category.objects.in_bulk(
        [row["delivery__referral__need_category"] for row in rows]
    )
    return [
        {
            "name": categories[row["delivery__referral__need_category"]].display_name,
            "total": row["total"],
        }
        for row in rows
    ]


def procurement_statistics(*, jurisdiction: Jurisdiction, start: date, end: date) -> dict[str, Any]:
    """For the reports: per agency of a place, the budget, committed and paid amounts of the
    budget year a period ends in, and paid amounts and deliveries in the period by provider
    and by the need served."""
    place = within_jurisdiction("jurisdiction", jurisdiction)
    agencies = committed_and_spent(end.year).filter(place).order_by("jurisdiction__code")
    contracts = Contract.objects.filter(agency__in=agencies)
    paid = InvoiceLine.objects.filter(
        invoice__contract__in=contracts,
        invoice__state=InvoiceState.PAID,
        invoice__paid_on__range=(start, end),
        status=LineStatus.APPROVED,
    )
    deliveries = Delivery.objects.filter(contract__in=contracts, delivered_on__range=(start, end))
    return {
        "agencies": _agency_amounts(agencies, year=end.year),
        "paid_by_provider": _totals(paid, "invoice__contract__organization__name"),
        "paid_by_need": _totals(paid, "delivery__referral__need_category"),
        "deliveries_by_provider": _delivery_counts(deliveries),
    }


def _agency_amounts(agencies: QuerySet, *, year: int) -> list[tuple[str, Any, Any, Any]]:
    budgets = {
        budget.agency_id: budget.amount
        for budget in AgencyBudget.objects.filter(agency__in=agencies, year=year)
    }
    return [
        (
            a.name,
            budgets.get(a.pk, ZERO),
            getattr(a, "committed", ZERO),
            getattr(a, "spent", ZERO),
        )
        for a in agencies
    ]


def _totals(lines: QuerySet, field: str) -> list[tuple[Any, Any]]:
    return list(lines.values_list(field).annotate(total=Sum("amount")).order_by("-total"))


def _delivery_counts(deliveries: QuerySet) -> list[tuple[Any, ...]]:
    """Per provider: deliveries confirmed, awaiting confirmation and disputed at least once."""
    return list(
        deliveries.values_list("contract__organization__name")
        .annotate(
            confirmed=Count("pk", filter=Q(state=DeliveryState.CONFIRMED)),
            awaiting=Count("pk", filter=Q(state=DeliveryState.RECORDED)),
            disputed=Count("pk", filter=Q(times_disputed__gt=0)),
        )
        .order_by("contract__organization__name")
    )
