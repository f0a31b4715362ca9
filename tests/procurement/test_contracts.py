"""Contracts: drafting, the transition table and who may apply it, amendments, funding."""

from datetime import date
from decimal import Decimal

import pytest

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from matching.funding import offer_funded
from matching.models import OfferFunding
from portal.audit.models import AuditEntry
from portal.organizations.models import VerificationStatus
from procurement.models import (
    Contract,
    ContractAmendment,
    ContractLine,
    ContractState,
    FundingSource,
    InvoiceLine,
    Unit,
)
from procurement.services import (
    contract_amend,
    contract_attach,
    contract_create,
    contract_line_add,
    contract_transition,
    contract_update,
)
from procurement.services.ledger import delivery_record, invoice_generate
from tests.factories.portal import OrganizationFactory
from tests.factories.procurement import DeliveryFactory, referral_for
from tests.procurement.conftest import delivery_fields

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
    ("overrides", "field", "english", "chinese"),
    [
        (
            {"end_date": date(2025, 12, 31)},
            "end_date",
            "The end date must not be before the start.",
            "结束日期不得早于开始日期。",
        ),
        (
            {"ceiling": Decimal("-1.00")},
            "ceiling",
            "Ensure this value is greater than or equal to 0.00.",
            "确保该值大于或等于0.00。",
        ),
        (
            {"ceiling": Decimal("0.00")},
            "ceiling",
            "The ceiling must be more than zero.",
            "合同上限必须大于零。",
        ),
        (
            {"ceiling": Decimal("100.001")},
            "ceiling",
            "Ensure that there are no more than 2 decimal places.",
            "确认小数不超过 2 位.",
        ),
    ],
)
def test_bad_terms_are_refused_and_nothing_is_saved(world, overrides, field, english, chinese):
    for language, message in (("en", english), ("zh-hans", chinese)):
        with translation.override(language):
            with pytest.raises(ValidationError) as refused:
                draft(world, **overrides)
            assert refused.value.message_dict == {field: [message]}  # lazy: read in the language
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


NEW_ITEM = {
    "description": "就业技能培训",
    "unit": Unit.PERSON_COURSE,
    "unit_price": Decimal("800.00"),
    "max_quantity": Decimal("10"),
    "offer_key": "service:4242",
    "offer_title": "就业技能培训班",
}


def amend_adding(world, actor=None, **item):
    return contract_amend(
        actor=actor or world.manager,
        contract=world.contract,
        reason="新增就业培训服务",
        effective_date=date(2026, 3, 1),
        new_line=ContractLine(**{**NEW_ITEM, **item}),
    )


def test_amendment_adds_a_service_item_recorded_audited_and_funded(world):
    amendment = amend_adding(world)
    line = world.contract.lines.get(offer_key="service:4242")
    assert (line.unit_price, line.max_quantity) == (Decimal("800.00"), Decimal("10"))
    assert amendment.changes == {
        f"line {line.pk} added": ["", "就业技能培训班 · 就业技能培训: 800.00 × 10"]
    }
    entry = AuditEntry.objects.get(action="procurement.contract_amend")
    assert entry.detail["reason"] == "新增就业培训服务"
    assert offer_funded(key="service:4242", organization_id=None, categories=[])


def test_an_added_item_is_billed_under_the_same_ceiling(world):
    amend_adding(world)
    added = world.contract.lines.get(offer_key="service:4242")
    Contract.objects.filter(pk=world.contract.pk).update(ceiling=Decimal("900.00"))
    DeliveryFactory(line=world.line, referral=world.referral, delivered_on=date(2026, 3, 2))
    DeliveryFactory(
        line=added, referral=referral_for(added, person=world.person), delivered_on=date(2026, 3, 3)
    )
    with pytest.raises(ValidationError, match=r"exceed the contract ceiling: ¥900\.00 left"):
        invoice_generate(actor=world.staff, contract=world.contract, period=date(2026, 3, 1))
    assert not InvoiceLine.objects.exists()


@pytest.mark.parametrize("who", ["manager_b", "caseworker", "oversight", "staff"])
def test_only_the_agencys_manager_amends(world, who):
    with pytest.raises(PermissionDenied):
        amend_adding(world, actor=getattr(world, who))
    assert world.contract.lines.count() == 1
    assert not ContractAmendment.objects.exists()


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ({"unit_price": Decimal("10.005")}, "Ensure that there are no more than 2 decimal places."),
        ({"max_quantity": Decimal("-1")}, "Ensure this value is greater than or equal to 0.01."),
        ({"unit_price": Decimal("0")}, "Ensure this value is greater than or equal to 0.01."),
        ({"offer_key": "", "offer_title": ""}, "Choose either one offer or one service category."),
    ],
)
def test_a_bad_added_item_is_refused_and_nothing_changes(world, item, message):
    with pytest.raises(ValidationError) as refused:
        amend_adding(world, **item)
    assert refused.value.messages == [message]
    assert world.contract.lines.count() == 1
    assert not ContractAmendment.objects.exists()
    assert not AuditEntry.objects.filter(action="procurement.contract_amend").exists()


def test_an_effective_date_outside_the_contract_is_refused_and_nothing_changes(world):
    with pytest.raises(ValidationError) as refused:
        contract_amend(
            actor=world.manager, contract=world.contract, reason="延期",
            effective_date=date(2027, 2, 1), ceiling=Decimal("20000.00"),
        )  # fmt: skip
    assert refused.value.message_dict == {
        "effective_date": [
            "The effective date lies outside the contract period (2026-01-01 to 2026-12-31)."
        ]
    }
    world.contract.refresh_from_db()
    assert world.contract.ceiling == Decimal("10000.00")
    assert not ContractAmendment.objects.exists()


def test_an_added_item_takes_deliveries_only_from_its_effective_date(world):
    amend_adding(world)
    added = world.contract.lines.get(offer_key="service:4242")
    referral = referral_for(added, person=world.person)
    fields = delivery_fields(day=27, month=2)
    with pytest.raises(ValidationError) as refused:
        delivery_record(actor=world.staff, line=added, referral=referral, **fields)
    assert refused.value.message_dict == {
        "delivered_on": ["This service item is in force only from 2026-03-01."]
    }
    delivery = delivery_record(
        actor=world.staff, line=added, referral=referral, **delivery_fields(day=2, month=3)
    )
    assert delivery.quantity == Decimal("1.00")
