"""Seats under concurrent acceptances: never more accepted referrals than seats."""

import threading

import pytest

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection

from casework.services import referral_create
from matching.models import OfferCapacity, ReferralState
from matching.services import referral_transition
from tests.factories.casework import SupervisedPersonFactory, category

SEATS = 2
REFERRALS = 6


def accept_all(referrals, provider) -> tuple[list[int], list[str]]:
    accepted: list[int] = []
    refused: list[str] = []
    barrier = threading.Barrier(len(referrals))

    def accept(referral):
        try:
            barrier.wait()
            referral_transition(referral=referral, action="accept", side="provider", actor=provider)
            accepted.append(referral.pk)
        except ValidationError as error:
            refused.append(error.messages[0])
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(referral,)) for referral in referrals]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return accepted, refused


@pytest.mark.skipif(
    "sqlite" in settings.DATABASES["default"]["ENGINE"],
    reason="SQLite serializes every writer, so concurrent acceptance needs PostgreSQL",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_acceptances_never_take_more_seats_than_the_offer_has(
    offers, organization, office_a, caseworker, provider
):
    document = offers.add(organization_id=organization.pk, seats=SEATS)
    referrals = [
        referral_create(
            actor=caseworker,
            person=SupervisedPersonFactory(judicial_office=office_a),
            offer_key=document.key,
            need_category=category(),
            shared_fields=[],
        )
        for _ in range(REFERRALS)
    ]
    accepted, refused = accept_all(referrals, provider)
    assert len(accepted) == SEATS
    assert len(refused) == REFERRALS - SEATS
    assert OfferCapacity.objects.get(offer_key=document.key).seats_taken == SEATS
    states = [
        referral.state for referral in type(referrals[0]).objects.filter(offer_key=document.key)
    ]
    assert states.count(ReferralState.ACCEPTED) == SEATS


@pytest.mark.django_db
def test_sequential_acceptances_stop_at_the_number_of_seats(
    offers, organization, office_a, caseworker, provider
):
    document = offers.add(organization_id=organization.pk, seats=SEATS)
    referrals = [
        referral_create(
            actor=caseworker,
            person=SupervisedPersonFactory(judicial_office=office_a),
            offer_key=document.key,
            need_category=category(),
            shared_fields=[],
        )
        for _ in range(SEATS + 1)
    ]
    outcomes = []
    for referral in referrals:
        try:
            referral_transition(referral=referral, action="accept", side="provider", actor=provider)
            outcomes.append(True)
        except ValidationError:
            outcomes.append(False)
    assert outcomes == [True] * SEATS + [False]
    assert OfferCapacity.objects.get(offer_key=document.key).seats_taken == SEATS
