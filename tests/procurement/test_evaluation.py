"""Contract evaluation: planned against delivered, outcomes, disputes and caseworker ratings."""

from datetime import timedelta
from decimal import Decimal

import pytest

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from matching.models import Referral, ReferralState
from procurement.evaluation import contract_evaluation
from procurement.services.ledger import referral_rate
from tests.factories.portal import PASSWORD
from tests.factories.procurement import DeliveryFactory


def sent_during_the_contract(world, state: str) -> Referral:
    Referral.objects.filter(pk=world.referral.pk).update(
        state=state,
        outcome="完成六次咨询" if state == ReferralState.COMPLETED else "",
        sent_at=timezone.make_aware(timezone.datetime(2026, 2, 20, 10)),
    )
    world.referral.refresh_from_db()
    return world.referral


def test_evaluation_counts_planned_confirmed_days_and_disputes(world):
    referral = sent_during_the_contract(world, ReferralState.IN_PROGRESS)
    DeliveryFactory(
        line=world.line,
        referral=referral,
        delivered_on=referral.sent_at.date() + timedelta(days=10),
    )
    DeliveryFactory(
        line=world.line, referral=referral, state="disputed", dispute_reason="x", times_disputed=1
    )
    evaluation = contract_evaluation(world.contract)
    [progress] = evaluation.lines
    assert (progress.line.max_quantity, progress.confirmed) == (Decimal("20.00"), Decimal("1.00"))
    assert evaluation.referrals == 1
    assert evaluation.average_days_to_first_delivery == Decimal("10.0")
    assert evaluation.disputes == 1
    assert evaluation.completion_rate == 0


def test_caseworker_rates_a_completed_referral_and_the_average_shows(world):
    referral = sent_during_the_contract(world, ReferralState.COMPLETED)
    referral_rate(actor=world.caseworker, referral=referral, score=4, comment="服务认真")
    referral_rate(actor=world.caseworker, referral=referral, score=5)
    evaluation = contract_evaluation(world.contract)
    assert (evaluation.average_rating, evaluation.ratings) == (Decimal("5.0"), 1)
    assert evaluation.completion_rate == Decimal("100.0")


def test_an_ongoing_referral_is_not_rated(world):
    with pytest.raises(ValidationError, match="completed"):
        referral_rate(actor=world.caseworker, referral=world.referral, score=3)


@pytest.mark.parametrize("who", ["caseworker_b", "staff", "oversight", "manager"])
def test_only_the_persons_caseworker_rates(world, who):
    referral = sent_during_the_contract(world, ReferralState.COMPLETED)
    with pytest.raises(PermissionDenied):
        referral_rate(actor=getattr(world, who), referral=referral, score=1)


def test_rating_out_of_range_is_refused_on_the_screen(client, world):
    referral = sent_during_the_contract(world, ReferralState.COMPLETED)
    assert client.login(email=world.caseworker.email, password=PASSWORD)
    url = reverse("procurement:referral_rate", args=[world.contract.pk, referral.pk])
    client.post(url, {"score": "9"})
    assert not hasattr(Referral.objects.get(pk=referral.pk), "rating")
    client.post(url, {"score": "3"})
    assert Referral.objects.get(pk=referral.pk).rating.score == 3
