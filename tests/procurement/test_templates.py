"""Templates ask the models about states (`contract.is_billable`, `invoice.is_draft`, …) instead
of comparing with the stored strings, so that renaming a state cannot silently hide a button."""

import re
from pathlib import Path

import pytest

from procurement.models import (
    AMENDABLE_STATES,
    BILLABLE_STATES,
    Contract,
    ContractState,
    Delivery,
    DeliveryState,
    Invoice,
    InvoiceLine,
    InvoiceState,
    LineStatus,
)

TEMPLATES = Path(__file__).resolve().parents[2] / "procurement" / "templates"
LITERAL_COMPARISON = re.compile(r"""(==|!=)\s*["']|["']\s*(==|!=)""")


def test_procurement_templates_do_not_compare_with_string_literals():
    found = [
        f"{path.relative_to(TEMPLATES)}:{number}: {line.strip()[:120]}"
        for path in sorted(TEMPLATES.rglob("*.html"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if LITERAL_COMPARISON.search(line)
    ]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("state", ContractState.values)
def test_contract_state_properties_follow_the_state_sets(state):
    contract = Contract(state=state)
    assert contract.is_amendable == (state in AMENDABLE_STATES)
    assert contract.is_billable == (state in BILLABLE_STATES)
    assert contract.is_closed == (state == ContractState.CLOSED)


def test_ledger_state_properties_name_one_state_each():
    assert [s for s in DeliveryState.values if Delivery(state=s).is_confirmed] == ["confirmed"]
    assert [s for s in InvoiceState.values if Invoice(state=s).is_draft] == ["draft"]
    assert [s for s in LineStatus.values if InvoiceLine(status=s).is_pending] == ["pending"]
