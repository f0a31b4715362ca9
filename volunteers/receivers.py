"""Listeners to other apps' signals: referrals to a volunteer's mentor offer."""

from typing import Any

from django.dispatch import receiver

from matching.eligibility import OfferKind
from matching.signals import referral_changed
from volunteers.models import VolunteerProfile
from volunteers.services import mentor_assignment_record


@receiver(referral_changed, dispatch_uid="volunteers.mentor_referral")
def mentor_referral_changed(
    sender: Any,
    *,
    offer_key: str,
    referral_id: int,
    referral_code: str,
    state: str,
    shared: dict | None = None,
    **kwargs: Any,
) -> None:
    """Keep the mentor's list of mentees in step with referrals to their mentor offer."""
    kind, _sep, raw_id = offer_key.partition(":")
    if kind != OfferKind.MENTOR or not raw_id.isdigit():
        return
    volunteer = VolunteerProfile.objects.filter(pk=int(raw_id)).first()
    if volunteer is None:
        return
    mentor_assignment_record(
        volunteer=volunteer,
        referral_id=referral_id,
        referral_code=referral_code,
        state=state,
        shared=shared or {},
    )
