"""The referral funnel counted in the database: the referrals a selector returns are read once
and counted by need, by provider and by county of the person in one statement, so a report
reads a few rows per group, never one per referral."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db import connections
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When

from matching.models import ReferralState

FUNNEL_KEYS = ("need_category", "provider_name", "county")
"""What the funnel is counted by: each a table of the referral report."""

ENDED_AS: dict[str | None, str] = {
    ReferralState.IN_PROGRESS: ReferralState.ACCEPTED,
    ReferralState.DRAFT: ReferralState.SENT,
}
"""States a referral may have ended in that the report counts under another outcome."""


@dataclass
class Funnel:
    """The counts of one group of referrals: how many ended in each outcome, how many were ever
    accepted, how many were answered and their days to the answer."""

    ended: dict[str | None, int] = field(default_factory=dict)
    accepted: int = 0
    answered: int = 0
    waited: timedelta = timedelta(0)

    def add(self, *, ended: str | None, accepted: bool, n: int, answered: int, waited) -> None:
        state = ENDED_AS.get(ended, ended) if ended else None
        self.ended[state] = self.ended.get(state, 0) + n
        self.accepted += n if accepted else 0
        self.answered += answered or 0
        self.waited += _duration(waited)

    def merged(self, other: "Funnel") -> "Funnel":
        """The counts of two groups together."""
        ended = dict(self.ended)
        for state, n in other.ended.items():
            ended[state] = ended.get(state, 0) + n
        return Funnel(
            ended,
            self.accepted + other.accepted,
            self.answered + other.answered,
            self.waited + other.waited,
        )


def _duration(value) -> timedelta:
    """A summed duration as the backend returns it (PostgreSQL an interval, SQLite an integer
    of microseconds)."""
    if value is None:
        return timedelta(0)
    return value if isinstance(value, timedelta) else timedelta(microseconds=int(value))


def funnel_counts(referrals: QuerySet) -> tuple[dict[str, dict[str | None, Funnel]], Funnel]:
    """Per key of `FUNNEL_KEYS`, the funnel of each value as text (a category id, a provider's
    name, a county's name), and the funnel of all the referrals. `referrals` carries the selector's
    `ended`, `was_accepted` and `county` annotations."""
    groups: dict[str, dict[str | None, Funnel]] = {key: {} for key in FUNNEL_KEYS}
    total = Funnel()
    for key, value, ended, accepted, n, answered, waited in _grouped(referrals):
        counts = {"ended": ended, "accepted": accepted, "n": n, "answered": answered}
        groups[key].setdefault(value, Funnel()).add(**counts, waited=waited)
        if key == FUNNEL_KEYS[0]:
            total.add(**counts, waited=waited)
    return groups, total


def _grouped(referrals: QuerySet) -> list[tuple]:
    """One statement: the selector's rows (each referral's outcome computed once) as a common
    table, counted three ways with UNION ALL (portable to SQLite, unlike GROUPING SETS)."""
    answered = Q(answered_at__isnull=False, sent_at__isnull=False)
    rows = referrals.annotate(
        answered_n=Case(
            When(answered, then=Value(1)), default=Value(0), output_field=IntegerField()
        ),
        waited=Case(When(answered, then=F("answered_at") - F("sent_at")), default=None),
    ).values(*FUNNEL_KEYS, "ended", "was_accepted", "answered_n", "waited")
    sql, params = rows.query.sql_with_params()
    counted = " UNION ALL ".join(
        f"SELECT '{key}', CAST({key} AS TEXT), ended, was_accepted, COUNT(*), "  # noqa: S608  # nosec B608
        f"SUM(answered_n), SUM(waited) FROM funnel GROUP BY {key}, ended, was_accepted"
        for key in FUNNEL_KEYS
    )
    connection = connections[rows.db]
    with connection.cursor() as cursor:
        cursor.execute(f"WITH funnel AS ({sql}) {counted}", params)  # noqa: S608
        return cursor.fetchall()
