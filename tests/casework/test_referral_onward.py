"""Onward referrals: the provider proposes another offer, the caseworker approves it with the
person's consent re-confirmed, and a new referral linked to the first one is sent."""

import pytest

from django.core.exceptions import ValidationError
from django.urls import reverse

from casework.services import onward_approve, onward_reject
from matching.models import OnwardProposal, OnwardState, Referral, ReferralState
from matching.services import onward_propose
from tests.factories.casework import person_of
from tests.factories.portal import PASSWORD

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


@pytest.fixture
def next_offer(offers, organization):
    return offers.add(organization_id=organization.pk, seats=3, title="家庭关系辅导")


@pytest.fixture
def proposal(sent_referral, next_offer, provider):
    return onward_propose(
        referral=sent_referral, offer_key=next_offer.key, reason="需要家庭辅导", actor=provider
    )


def test_approval_with_consent_sends_a_new_referral_linked_to_the_first(
    proposal, sent_referral, caseworker, person
):
    onward = onward_approve(
        actor=caseworker, proposal=proposal, shared_fields=["first_name"], consent_confirmed=True
    )
    assert onward.previous == sent_referral and onward.state == ReferralState.SENT
    assert person_of(onward) == person
    assert list(sent_referral.onward_referrals.all()) == [onward]
    proposal.refresh_from_db()
    assert (proposal.state, proposal.onward_referral) == (OnwardState.APPROVED, onward)


def test_approval_without_consent_confirmed_again_is_refused_and_changes_nothing(
    proposal, caseworker
):
    with pytest.raises(ValidationError) as error:
        onward_approve(
            actor=caseworker, proposal=proposal, shared_fields=[], consent_confirmed=False
        )
    assert "consent" in error.value.message_dict
    assert Referral.objects.count() == 1
    proposal.refresh_from_db()
    assert proposal.state == OnwardState.PROPOSED


def test_a_proposal_is_decided_once(proposal, caseworker):
    onward_reject(actor=caseworker, proposal=proposal)
    with pytest.raises(ValidationError) as error:
        onward_approve(
            actor=caseworker, proposal=proposal, shared_fields=[], consent_confirmed=True
        )
    assert "already been decided" in error.value.messages[0]
    assert Referral.objects.count() == 1


def test_no_proposal_from_a_withdrawn_referral_or_to_the_same_offer(
    referral_in, sent_referral, next_offer, provider
):
    with pytest.raises(ValidationError):
        onward_propose(
            referral=sent_referral, offer_key=sent_referral.offer_key, reason="x", actor=provider
        )
    withdrawn = referral_in(ReferralState.WITHDRAWN)
    with pytest.raises(ValidationError) as error:
        onward_propose(referral=withdrawn, offer_key=next_offer.key, reason="x", actor=provider)
    assert "cannot be proposed" in error.value.messages[0]
    assert not OnwardProposal.objects.exists()


def test_a_reason_with_an_identity_number_is_refused(sent_referral, next_offer, provider):
    with pytest.raises(ValidationError):
        onward_propose(
            referral=sent_referral,
            offer_key=next_offer.key,
            reason="身份证410102199005171234",
            actor=provider,
        )
    assert not OnwardProposal.objects.exists()


def test_provider_proposes_and_caseworker_approves_through_the_screens(
    english, sent_referral, next_offer, provider, caseworker
):
    english.login(email=provider.email, password=PASSWORD)
    english.post(
        reverse("casework:inbox_onward", args=[sent_referral.pk]),
        {"offer_key": next_offer.key, "reason": "需要家庭辅导"},
    )
    proposal = OnwardProposal.objects.get()
    english.login(email=caseworker.email, password=PASSWORD)
    page = english.get(reverse("casework:referral_detail", args=[sent_referral.pk]))
    assert "家庭关系辅导" in page.content.decode()
    response = english.post(
        reverse("casework:onward_decision", args=[sent_referral.pk, proposal.pk]),
        {"decision": "approve", "shared_fields": ["first_name"], "consent": "on"},
        follow=True,
    )
    onward = Referral.objects.get(previous=sent_referral)
    assert response.redirect_chain[-1][0] == reverse("casework:referral_detail", args=[onward.pk])
    assert "Onward from" in response.content.decode()
