"""Journey b, the core loop: a caseworker matches a person and refers with consent choices; the
organization accepts (on a 360 px phone) and records a delivery; the caseworker confirms it; the
organization generates and submits the month's invoice; the agency manager approves and pays it."""

from datetime import timedelta
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from django.utils import timezone

from matching.models import Referral, ReferralState
from matching.selectors import offer_key
from portal.accounts.models import Role
from procurement.models import Delivery, DeliveryState, Invoice, InvoiceState
from tests.e2e.journeys import no_sideways_scroll
from tests.factories.casework import AssessedNeedFactory, SupervisedPersonFactory
from tests.factories.portal import (
    CorrectionsAgencyFactory,
    JudicialOfficeFactory,
    MembershipFactory,
    OrganizationFactory,
    user_with_role,
)
from tests.factories.procurement import ContractFactory, ContractLineFactory
from tests.factories.services_catalog import ServiceOfferPageFactory, section_for

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

OFFER = "个体心理咨询服务"


def core_loop_world():
    """Agency, office, caseworker, manager; a provider with a live offer under an active
    contract; a person of the caseworker's with an assessed counselling need."""
    today = timezone.localdate()
    agency = CorrectionsAgencyFactory()
    office = JudicialOfficeFactory(agency=agency)
    caseworker = user_with_role(Role.CASEWORKER, judicial_office=office)
    manager = user_with_role(Role.AGENCY_MANAGER, agency=agency)
    provider = OrganizationFactory()
    staff = MembershipFactory(organization=provider).user
    offer = ServiceOfferPageFactory(title=OFFER, section=section_for(provider))
    contract = ContractFactory(
        agency=agency,
        organization=provider,
        budget_year=today.year,
        start_date=today - timedelta(days=90),
        end_date=today + timedelta(days=90),
    )
    ContractLineFactory(
        contract=contract, offer_key=offer_key("service", offer.pk), offer_title=OFFER
    )
    person = SupervisedPersonFactory(judicial_office=office, caseworkers=[caseworker])
    AssessedNeedFactory(assessment__person=person)
    return caseworker, manager, staff, person, contract


def test_caseworker_refers_provider_delivers_and_the_invoice_is_paid(journey):
    caseworker, manager, staff, person, contract = core_loop_world()
    delivered_on = timezone.localdate() - timedelta(days=1)

    desk = journey.log_in(caseworker)
    journey.go(desk, f"/casework/persons/{person.pk}/match/")
    card = desk.get_by_role("listitem").filter(has=desk.get_by_role("heading", name=OFFER))
    card.get_by_text(journey.t("Refer"), exact=True).click()
    card.get_by_label(journey.t("Phone"), exact=True).check()
    card.get_by_label(
        journey.t("The person agreed to this referral and to sharing these fields.")
    ).check()
    card.get_by_role("button", name=journey.t("Refer now")).click()
    # The referral opens, sent: the caseworker may now only withdraw it.
    expect(desk.get_by_role("button", name=journey.t("Withdraw"), exact=True)).to_be_visible()
    referral = Referral.objects.get()
    assert referral.state == ReferralState.SENT
    assert set(referral.shared_fields) == {"first_name", "phone"}

    phone = journey.log_in(staff, narrow=True)
    journey.go(phone, "/casework/inbox/")
    phone.get_by_role("link", name=referral.person_code).click()
    expect(phone.get_by_text(person.phone)).to_be_visible()
    no_sideways_scroll(phone)
    phone.get_by_role("button", name=journey.t("Accept"), exact=True).click()
    referral.refresh_from_db()
    assert referral.state == ReferralState.ACCEPTED

    provider = journey.log_in(staff)
    journey.go(provider, f"/procurement/contracts/{contract.pk}/")
    provider.get_by_role("link", name=journey.t("Record a delivery")).click()
    provider.get_by_role("button", name=journey.t("Choose"), exact=True).click()
    journey.field(provider, "service item").select_option(index=1)
    journey.field(provider, "date").fill(f"{delivered_on:%Y-%m-%d}")
    journey.field(provider, "start").fill("09:00")
    journey.field(provider, "end").fill("10:00")
    journey.field(provider, "delivered by").fill("李老师")
    journey.field(provider, "place").fill("中原区司法所")
    provider.get_by_role("button", name=journey.t("Save"), exact=True).click()
    delivery = Delivery.objects.get(referral=referral)

    journey.go(desk, f"/procurement/deliveries/{delivery.pk}/")
    desk.get_by_role("button", name=journey.t("Confirm"), exact=True).click()
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.CONFIRMED

    journey.go(provider, f"/procurement/contracts/{contract.pk}/")
    journey.field(provider, "month").fill(f"{delivered_on:%Y-%m}")
    provider.get_by_role("button", name=journey.t("Generate the month's invoice")).click()
    invoice = Invoice.objects.get(contract=contract)
    journey.go(provider, f"/procurement/invoices/{invoice.pk}/")
    provider.get_by_role("button", name=journey.t("Submit to the agency")).click()

    office = journey.log_in(manager)
    journey.go(office, "/procurement/invoices/")
    office.get_by_role("link", name=invoice.number).click()
    office.get_by_role("button", name=journey.t("Approve (rejecting lines with a reason)")).click()
    journey.field(office, "paid on").fill(f"{timezone.localdate():%Y-%m-%d}")
    journey.field(office, "treasury reference").fill("GK-2026-000123")
    office.get_by_role("button", name=journey.t("Record payment")).click()
    invoice.refresh_from_db()
    assert invoice.state == InvoiceState.PAID
    assert invoice.total == Decimal("200.00")  # one session at the line's unit price
