"""Overdue is one rule: the flag on a referral still waiting for an answer."""

import pytest

from django.utils import timezone

from matching.models import Referral, ReferralState
from matching.selectors import overdue_referrals
from tests.factories.matching import ReferralFactory

pytestmark = pytest.mark.django_db


def test_a_referral_is_overdue_exactly_when_the_overdue_list_keeps_it():
    now = timezone.now()
    made = [
        ReferralFactory(state=state, overdue_flagged_at=flagged, decline_reason="full")
        for state in (ReferralState.SENT, ReferralState.ACCEPTED, ReferralState.DECLINED)
        for flagged in (None, now)
    ]

    kept = set(overdue_referrals(Referral.objects.all()).values_list("pk", flat=True))

    assert {referral.pk for referral in made if referral.is_overdue} == kept
    assert len(kept) == 1
