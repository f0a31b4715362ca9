"""Contracts: drafting, the transition table and who may apply it, amendments, funding."""

from datetime import date
from decimal import Decimal

import pytest

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from matching.funding import offer_funded
from matching.models import OfferFunding
from portal.audit.models import AuditEntry
from portal.organizations.models import VerificationStatus
from procurement.models import Contract, ContractState, FundingSource, Unit
from procurement.services import (
    contract_amend,
    contract_attach,
    contract_create,
    contract_line_add,
    contract_transition,
    contract_update,
)
from tests.factories.portal import OrganizationFactory

PDF = b"%PDF-1.4 signed contract"
TERMS = {
    "number": "ZY-2026-0100",
    "title": "心理矫治服务",
    "budget_year": 2026,
    "funding_source": FundingSource.GENERAL_BUDGET,
    "ceiling": Decimal("50000.00"),
    "start_date": date(2026, 1, 1),
    "end_date": date(2026, 12, 31),
}


def draft(world, **overrides):
    return contract_create(
        actor=world.manager,
        agency=world.agency_a,
        organization=world.provider,
        **{**TERMS, **overrides},
    )


def signed_ready(world):
    contract = draft(world)
    contract_line_add(
        actor=world.manager,
        contract=contract,
        description="团体辅导",
        unit=Unit.SESSION,
        unit_price=Decimal("300.00"),
        max_quantity=Decimal("40"),
        offer_key="service:777",
        offer_title="团体辅导",
    )
    upload = SimpleUploadedFile("合同.pdf", PDF, content_type="application/pdf")
    return contract_attach(actor=world.manager, contract=contract, upload=upload)


def test_manager_drafts_a_contract_and_it_is_audited(world):
    contract = draft(world)
    assert contract.state == ContractState.DRAFT
    assert AuditEntry.objects.filter(action="procurement.contract_create").exists()


@pytest.mark.parametrize("who", ["manager_b", "caseworker", "oversight", "staff"])
def test_only_the_agencys_manager_drafts(world, who):
    with pytest.raises(PermissionDenied):
        contract_create(
            actor=getattr(world, who), agency=world.agency_a, organization=world.provider, **TERMS
        )


def test_unverified_organization_gets_no_contract(world):
    pending = OrganizationFactory(status=VerificationStatus.UNVERIFIED)
    with pytest.raises(ValidationError, match="verified"):
        contract_create(actor=world.manager, agency=world.agency_a, organization=pending, **TERMS)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"end_date": date(2025, 12, 31)}, "end date"),
        ({"ceiling": Decimal("-1.00")}, ""),
        ({"ceiling": Decimal("100.001")}, ""),
    ],
)
def test_bad_terms_are_refused_and_nothing_is_saved(world, overrides, message):
    with pytest.raises(ValidationError, match=message):
        draft(world, **overrides)
    assert not Contract.objects.filter(number=TERMS["number"]).exists()


def test_line_needs_exactly_one_offer_or_category(world):
    contract = draft(world)
    with pytest.raises(ValidationError, match="either one offer or one service category"):
        contract_line_add(
            actor=world.manager,
            contract=contract,
            description="x",
            unit=Unit.HOUR,
            unit_price=Decimal("10"),
            max_quantity=Decimal("1"),
        )


def test_unit_price_with_three_decimals_is_refused(world):
    contract = draft(world)
    with pytest.raises(ValidationError):
        contract_line_add(
            actor=world.manager,
            contract=contract,
            description="x",
            unit=Unit.HOUR,
            unit_price=Decimal("10.005"),
            max_quantity=Decimal("1"),
            offer_key="service:1",
        )
    assert not contract.lines.exists()


def test_signing_needs_lines_and_the_signed_document(world):
    contract = draft(world)
    with pytest.raises(ValidationError, match="service item"):
        contract_transition(actor=world.manager, contract=contract, name="sign")
    contract_line_add(
        actor=world.manager,
        contract=contract,
        description="x",
        unit=Unit.SESSION,
        unit_price=Decimal("10"),
        max_quantity=Decimal("1"),
        offer_key="service:1",
    )
    with pytest.raises(ValidationError, match="Attach the signed contract"):
        contract_transition(actor=world.manager, contract=contract, name="sign")


def test_attachment_must_be_a_real_pdf_or_image(world):
    contract = draft(world)
    fake = SimpleUploadedFile("合同.pdf", b"MZ not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError):
        contract_attach(actor=world.manager, contract=contract, upload=fake)
    contract.refresh_from_db()
    assert not contract.attachment


def test_transitions_follow_the_table_and_are_recorded(world):
    contract = signed_ready(world)
    for name, state in [("sign", "signed"), ("activate", "active"), ("close", "closed")]:
        contract = contract_transition(actor=world.manager, contract=contract, name=name)
        assert contract.state == state
    assert list(contract.events.values_list("name", flat=True)) == ["sign", "activate", "close"]
    with pytest.raises(ValidationError, match="not possible"):
        contract_transition(actor=world.manager, contract=contract, name="activate")


@pytest.mark.parametrize("who", ["manager_b", "caseworker", "oversight", "staff", "other_staff"])
def test_only_the_agencys_manager_moves_a_contract(world, who):
    contract = signed_ready(world)
    with pytest.raises(PermissionDenied):
        contract_transition(actor=getattr(world, who), contract=contract, name="sign")


def test_signed_contract_changes_only_by_amendment(world):
    contract = contract_transition(actor=world.manager, contract=signed_ready(world), name="sign")
    with pytest.raises(ValidationError, match="amendment"):
        contract_update(actor=world.manager, contract=contract, ceiling=Decimal("1"))
    with pytest.raises(ValidationError, match="why"):
        contract_amend(
            actor=world.manager, contract=contract, reason=" ", effective_date=date(2026, 6, 1),
            ceiling=Decimal("60000"),
        )  # fmt: skip
    amendment = contract_amend(
        actor=world.manager,
        contract=contract,
        reason="追加服务量",
        effective_date=date(2026, 6, 1),
        ceiling=Decimal("60000.00"),
    )
    contract.refresh_from_db()
    assert contract.ceiling == Decimal("60000.00")
    assert amendment.changes == {"ceiling": ["50000.00", "60000.00"]}
    assert AuditEntry.objects.filter(action="procurement.contract_amend").exists()


def test_amendment_cannot_lower_the_ceiling_below_what_was_billed(world):
    Contract.objects.filter(pk=world.contract.pk).update(billed_total=Decimal("5000.00"))
    world.contract.refresh_from_db()
    with pytest.raises(ValidationError, match="already billed"):
        contract_amend(
            actor=world.manager,
            contract=world.contract,
            reason="压缩预算",
            effective_date=date(2026, 6, 1),
            ceiling=Decimal("4000.00"),
        )
    world.contract.refresh_from_db()
    assert world.contract.ceiling == Decimal("10000.00")


def test_funded_by_contract_follows_the_contract_state(world):
    contract = signed_ready(world)
    line = contract.lines.get()
    contract = contract_transition(actor=world.manager, contract=contract, name="sign")
    assert not offer_funded(key=line.offer_key, organization_id=None, categories=[])
    contract = contract_transition(actor=world.manager, contract=contract, name="activate")
    assert offer_funded(key=line.offer_key, organization_id=None, categories=[])
    contract_transition(actor=world.manager, contract=contract, name="close")
    assert not offer_funded(key=line.offer_key, organization_id=None, categories=[])
    assert not OfferFunding.objects.exists()
