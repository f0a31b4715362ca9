"""Factories for purchase of service: contracts, lines, referrals ready to bill, deliveries."""

from datetime import date, time
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from django.db.models import F

from casework.models import PersonReferral
from matching.models import Referral, ReferralState
from procurement.models import (
    Contract,
    ContractLine,
    ContractState,
    Delivery,
    DeliveryState,
    FundingSource,
    Unit,
)
from tests.factories.casework import SupervisedPersonFactory, category
from tests.factories.portal import CorrectionsAgencyFactory, OrganizationFactory

YEAR = 2026


class ContractFactory(DjangoModelFactory):
    """An active contract for the whole of 2026 (no attachment: active ones made by the factory
    skip the signing step)."""

    class Meta:
        model = Contract

    number = factory.Sequence(lambda n: f"ZY-{YEAR}-{n:04d}")
    title = "社区矫正对象心理矫治服务"
    agency = factory.SubFactory(CorrectionsAgencyFactory)
    organization = factory.SubFactory(OrganizationFactory)
    budget_year = YEAR
    funding_source = FundingSource.GENERAL_BUDGET
    ceiling = Decimal("10000.00")
    start_date = date(YEAR, 1, 1)
    end_date = date(YEAR, 12, 31)
    state = ContractState.ACTIVE


class ContractLineFactory(DjangoModelFactory):
    """A line naming one offer, paid per session."""

    class Meta:
        model = ContractLine

    contract = factory.SubFactory(ContractFactory)
    description = "个体心理咨询"
    offer_key = factory.Sequence(lambda n: f"service:{n + 9000}")
    offer_title = "个体心理咨询"
    unit = Unit.SESSION
    unit_price = Decimal("200.00")
    max_quantity = Decimal("20.00")


class ReferralFactory(DjangoModelFactory):
    """An accepted referral of the marketplace; `person` links it on casework's side."""

    class Meta:
        model = Referral
        skip_postgeneration_save = True

    person_code = factory.Sequence(lambda n: f"R{n:06d}")
    offer_key = "service:9000"
    offer_title = "个体心理咨询"
    offer_kind = "service"
    provider_name = factory.LazyAttribute(lambda o: o.organization.name)
    organization = factory.SubFactory(OrganizationFactory)
    need_category = factory.LazyFunction(category)
    state = ReferralState.ACCEPTED

    @factory.post_generation
    def person(self, create, extracted, **kwargs):
        if create:
            PersonReferral.objects.create(
                referral=self, person=extracted or SupervisedPersonFactory(**kwargs)
            )


def referral_for(line: ContractLine, **kwargs) -> Referral:
    """An accepted referral to the offer a line names, at the line's provider."""
    kwargs.setdefault("offer_key", line.offer_key)
    kwargs.setdefault("organization", line.contract.organization)
    return ReferralFactory(**kwargs)


class DeliveryFactory(DjangoModelFactory):
    """A confirmed one-hour delivery, written straight to the table with its line's recorded
    quantity (bypassing the services: use it to set up a ledger state, never to test a rule)."""

    class Meta:
        model = Delivery
        skip_postgeneration_save = True

    line = factory.SubFactory(ContractLineFactory)
    contract = factory.LazyAttribute(lambda o: o.line.contract)
    referral = factory.LazyAttribute(lambda o: referral_for(o.line))
    delivered_on = date(YEAR, 3, 2)
    starts_at = time(9, 0)
    ends_at = time(10, 0)
    staff_name = "李老师"
    place = "中原区司法所"
    quantity = Decimal("1.00")
    state = DeliveryState.CONFIRMED

    @factory.post_generation
    def reserve(self, create, extracted, **kwargs):
        if create:
            ContractLine.objects.filter(pk=self.line_id).update(
                delivered_quantity=F("delivered_quantity") + self.quantity
            )
