"""Keeping "funded by contract" in step with contracts: active lines fund offers, others don't.

The fact lives in the marketplace layer (`matching.models.OfferFunding`), where the offer apps'
documents and the ranking read it; procurement writes it through matching's services whenever
a contract changes state, and asks for the offers it covers to be reindexed.
"""

from matching.funding import funding_clear, funding_set
from matching.selectors import offer_key
from matching.services import index_offer
from portal.organizations.models import ProviderSectionPage
from procurement.models import BILLABLE_STATES, Contract, ContractLine
from services_catalog.models import ServiceOfferPage


def line_source(line: ContractLine) -> str:
    """The name a contract line's funding is recorded under in matching."""
    return f"procurement.contractline:{line.pk}"


def covered_offer_keys(line: ContractLine) -> list[str]:
    """The offers a line covers: its one offer, or the provider's offers in its category."""
    if line.offer_key:
        return [line.offer_key]
    section = ProviderSectionPage.objects.filter(
        organization_id=line.contract.organization_id
    ).first()
    if section is None:
        return []
    pages = ServiceOfferPage.objects.child_of(section).filter(categories=line.category_id)
    return [offer_key("service", pk) for pk in pages.values_list("pk", flat=True)]


def funding_sync(*, contract: Contract) -> None:
    """Record in matching which offers the contract funds now, and reindex them."""
    active = contract.state in BILLABLE_STATES
    keys: set[str] = set()
    for line in contract.lines.select_related("contract"):
        if active:
            funding_set(
                source=line_source(line),
                organization_id=contract.organization_id,
                offer_key=line.offer_key,
                category_id=line.category_id,
            )
        else:
            funding_clear(source=line_source(line))
        keys.update(covered_offer_keys(line))
    for key in sorted(keys):
        index_offer(key=key)
