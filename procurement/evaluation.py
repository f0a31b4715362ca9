"""Evaluation of a contract: planned against delivered, outcomes, speed, disputes, ratings."""

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Min, Q, QuerySet, Sum

from casework.selectors import referrals_visible_to
from matching.models import OutcomeResult, Referral, ReferralState
from procurement.funding import covered_offer_keys
from procurement.models import ZERO, Contract, ContractLine, DeliveryState


@dataclass(frozen=True)
class LineProgress:
    """One service item: planned, confirmed and billed quantities."""

    line: ContractLine
    confirmed: Decimal

    @property
    def share(self) -> Decimal:
        return (self.confirmed / self.line.max_quantity * 100).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class Evaluation:
    """What a contract achieved, for the agency and the provider."""

    lines: list[LineProgress]
    referrals: int
    completed: int
    no_show: int
    average_days_to_first_delivery: Decimal | None
    disputes: int
    results: list[tuple[str, int]]
    """How far completed referrals met their goal, as the provider recorded it: (label, count)."""
    average_rating: Decimal | None
    ratings: int

    def rate(self, count: int) -> Decimal | None:
        if not self.referrals:
            return None
        return (Decimal(count) / self.referrals * 100).quantize(Decimal("0.1"))

    @property
    def completion_rate(self) -> Decimal | None:
        return self.rate(self.completed)

    @property
    def no_show_rate(self) -> Decimal | None:
        return self.rate(self.no_show)


def contract_referrals(contract: Contract):
    """Referrals sent during the contract to the offers its lines cover."""
    keys: set[str] = set()
    for line in contract.lines.all():
        keys.update(covered_offer_keys(line))
    return Referral.objects.filter(
        organization=contract.organization_id,
        offer_key__in=keys,
        sent_at__date__range=(contract.start_date, contract.end_date),
    )


def contract_evaluation(contract: Contract) -> Evaluation:
    """Planned against delivered units, completion and no-show rates, days from referral to first
    delivery, disputes, and how far completed referrals met their goal."""
    lines = contract.lines.select_related("category").annotate(
        confirmed=Sum("deliveries__quantity", filter=Q(deliveries__state=DeliveryState.CONFIRMED))
    )
    referrals = contract_referrals(contract).annotate(
        first=Min("deliveries__delivered_on", filter=Q(deliveries__contract=contract))
    )
    rows = list(referrals.values("state", "sent_at", "first", "outcome_result", "rating__score"))
    scores = [row["rating__score"] for row in rows if row["rating__score"]]
    days = [(row["first"] - row["sent_at"].date()).days for row in rows if row["first"]]
    completed = [row for row in rows if _was_completed(row)]
    results = Counter(row["outcome_result"] for row in completed if row["outcome_result"])
    return Evaluation(
        lines=[LineProgress(line, line.confirmed or ZERO) for line in lines],
        referrals=len(rows),
        completed=len(completed),
        no_show=sum(1 for row in rows if row["state"] == ReferralState.NO_SHOW),
        average_days_to_first_delivery=(
            (Decimal(sum(days)) / len(days)).quantize(Decimal("0.1")) if days else None
        ),
        disputes=contract.deliveries.aggregate(n=Sum("times_disputed"))["n"] or 0,
        results=[(OutcomeResult(key).label, n) for key, n in sorted(results.items())],
        average_rating=(Decimal(sum(scores)) / len(scores)).quantize(Decimal("0.1"))
        if scores
        else None,
        ratings=len(scores),
    )


def _was_completed(row: dict) -> bool:
    """Completed, or completed and then closed (a closed referral keeps its result)."""
    closed_after_completion = row["state"] == ReferralState.CLOSED and bool(row["outcome_result"])
    return row["state"] == ReferralState.COMPLETED or closed_after_completion


def referrals_to_rate(contract: Contract, user: Any) -> QuerySet[Referral]:
    """The completed referrals of a contract that this caseworker may rate, with any rating."""
    return (
        contract_referrals(contract)
        .filter(pk__in=referrals_visible_to(user).values("pk"))
        .filter(
            Q(state=ReferralState.COMPLETED) | Q(state=ReferralState.CLOSED, outcome_result__gt="")
        )
        .select_related("need_category", "rating")
    )
