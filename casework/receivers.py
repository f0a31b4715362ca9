"""Casework follows what the offer apps record on the provider side of a referral."""

from typing import Any

from django.core.exceptions import ValidationError
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from casework.models import TRANSITIONS, Referral, Side
from casework.services import referral_transition
from matching.signals import provider_update

PROVIDER_EVENTS = {
    "accepted": "accept",
    "declined": "decline",
    "in_progress": "start",
    "completed": "complete",
    "no_show": "no_show",
}


@receiver(provider_update, dispatch_uid="casework.apply_provider_update")
def apply_provider_update(
    sender: Any, *, referral_id: int, event: str, note: str = "", actor: Any = None, **kwargs: Any
) -> None:
    """Apply the referral transition of a provider event; an echo of the state is a no-op."""
    name = PROVIDER_EVENTS.get(event)
    referral = Referral.objects.filter(pk=referral_id).first()
    if name is None or referral is None:
        raise ValidationError(_("Unknown referral or event."))
    if referral.state == TRANSITIONS[name].target:
        return
    referral_transition(referral=referral, name=name, side=Side.PROVIDER, actor=actor, note=note)
