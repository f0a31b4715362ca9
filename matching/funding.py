"""Funded by contract: the one place the fact is written (by procurement, through these
functions) and read (by the offer apps' documents and the offer pages).

An offer is funded when an active purchase-of-service contract line names it, or names a
category of its organization's offers. Providers never tick it. Kept apart from `services` and
`selectors` so that the referral and the index code around it stay untouched.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import transaction
from django.db.models import Q

from matching.models import OfferFunding


def funding_set(
    *, source: str, organization_id: int, offer_key: str = "", category_id: int | None = None
) -> OfferFunding:
    """Record that a contract line (named by `source`) funds one offer or a category of offers."""
    with transaction.atomic():
        funding, _created = OfferFunding.objects.select_for_update().get_or_create(
            source=source,
            defaults={
                "organization_id": organization_id,
                "offer_key": offer_key,
                "category_id": category_id,
            },
        )
        funding.organization_id, funding.offer_key = organization_id, offer_key
        funding.category_id = category_id
        funding.full_clean()
        funding.save()
    return funding


def funding_clear(*, source: str) -> None:
    """Forget what a contract line funded (its contract closed, or it was never active)."""
    OfferFunding.objects.filter(source=source).delete()


class FundingTable:
    """Funding rows read at once: which offer keys, and which (organization, category slug)
    pairs, an active contract line funds."""

    def __init__(self, rows: Iterable[OfferFunding] | None = None):
        if rows is None:
            rows = OfferFunding.objects.select_related("category")
        self.keys: set[str] = set()
        self.categories: set[tuple[int, str]] = set()
        for row in rows:
            if row.offer_key:
                self.keys.add(row.offer_key)
            elif row.category is not None:
                self.categories.add((row.organization_id, row.category.slug))

    def funds(self, *, key: str, organization_id: int | None, categories: Iterable[str]) -> bool:
        """The rule: the offer itself, or one of its categories among its organization's."""
        return key in self.keys or any(
            (organization_id, slug) in self.categories for slug in categories
        )


_table: ContextVar[FundingTable | None] = ContextVar("funding_table", default=None)


@contextmanager
def funding_read_once() -> Iterator[None]:
    """Within the block, `offer_funded` answers from one read of every funding row (for
    rebuilding the whole index: no query per offer)."""
    token = _table.set(FundingTable())
    try:
        yield
    finally:
        _table.reset(token)


def offer_funded(*, key: str, organization_id: int | None, categories: Iterable[str]) -> bool:
    """Whether an active contract line funds an offer: the offer itself, or one of its
    categories among its organization's offers."""
    table = _table.get()
    if table is None:
        rows = OfferFunding.objects.filter(
            Q(offer_key=key) | Q(organization_id=organization_id, offer_key="")
        ).select_related("category")
        table = FundingTable(rows)
    return table.funds(key=key, organization_id=organization_id, categories=categories)


def funded_offers_rule(*, kind: str, organization_field: str, categories_field: str) -> Q:
    """A filter keeping the offers of one kind that an active contract line funds, for lists of
    an offer app's objects (the same rule as `offer_funded`)."""
    prefix = f"{kind}:"
    rule = Q(pk__in=[])
    for key, organization_id, category_id in OfferFunding.objects.values_list(
        "offer_key", "organization_id", "category_id"
    ):
        if key.startswith(prefix) and key[len(prefix) :].isdigit():
            rule |= Q(pk=int(key[len(prefix) :]))
        elif category_id is not None:
            rule |= Q(**{organization_field: organization_id, categories_field: category_id})
    return rule
