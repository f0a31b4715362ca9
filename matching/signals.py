"""Signals between casework and the offer apps, so that neither imports the other.

`referral_changed`: sent by casework after every referral transition, with keyword arguments
    offer_key (str), referral_id (int), referral_code (str), state (str),
    shared (dict of the fields the person consented to share), actor (user or None).
    Offer apps listen to keep their own records (job applications, mentor assignments).

`provider_update`: sent by an offer app when the provider side records an outcome that the
    referral must follow, with keyword arguments
    referral_id (int), event (one of "accepted", "declined", "in_progress", "completed",
    "no_show"), note (str: reason or outcome), actor (user).
    Casework listens and applies the matching referral transition (raising ValidationError
    when it is not allowed from the current state).
"""

from django.dispatch import Signal

referral_changed = Signal()
provider_update = Signal()
