"""Casework hears the marketplace's news: an accepted referral is told to the person."""

from typing import Any

from django.dispatch import receiver

from casework.services import person_notify_accepted
from matching.models import Referral
from matching.signals import referral_moved


@receiver(referral_moved, sender=Referral, dispatch_uid="casework.person_notify_accepted")
def tell_the_person(sender: Any, *, referral: Referral, action: str, **kwargs: Any) -> None:
    """After commit: a referral was accepted, so its person is told (by their chosen channel)."""
    if action == "accept":
        person_notify_accepted(referral=referral)
