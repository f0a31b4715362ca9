"""Every write of purchase of service, each audited: budgets, contracts, the ledger."""

from procurement.services.budgets import budget_set, may_set_standard, standard_set
from procurement.services.contracts import (
    contract_amend,
    contract_attach,
    contract_create,
    contract_line_add,
    contract_line_remove,
    contract_transition,
    contract_update,
)

__all__ = [
    "budget_set",
    "contract_amend",
    "contract_attach",
    "contract_create",
    "contract_line_add",
    "contract_line_remove",
    "contract_transition",
    "contract_update",
    "may_set_standard",
    "standard_set",
]
