"""Purchase of service: budgets, contracts, deliveries, invoices."""

from procurement.models.budgets import ZERO, AgencyBudget, PerCapitaStandard
from procurement.models.contracts import (
    BILLABLE_STATES,
    COMMITTED_STATES,
    CONTRACT_TRANSITIONS,
    Contract,
    ContractAmendment,
    ContractEvent,
    ContractLine,
    ContractState,
    FundingSource,
    Unit,
)
from procurement.models.ledger import (
    INVOICE_TRANSITIONS,
    Delivery,
    DeliveryState,
    Invoice,
    InvoiceEvent,
    InvoiceLine,
    InvoiceState,
    LineStatus,
    Side,
    line_amount,
)

__all__ = [
    "BILLABLE_STATES",
    "COMMITTED_STATES",
    "CONTRACT_TRANSITIONS",
    "INVOICE_TRANSITIONS",
    "ZERO",
    "AgencyBudget",
    "Contract",
    "ContractAmendment",
    "ContractEvent",
    "ContractLine",
    "ContractState",
    "Delivery",
    "DeliveryState",
    "FundingSource",
    "Invoice",
    "InvoiceEvent",
    "InvoiceLine",
    "InvoiceState",
    "LineStatus",
    "PerCapitaStandard",
    "Side",
    "Unit",
    "line_amount",
]
