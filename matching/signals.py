"""Signals through which casework tells offer apps about referrals without importing them.

`referral_changed` is sent by casework after every referral transition with:
offer_key, referral_id, referral_code, state, shared (the consented fields, a dict).
"""

from django.dispatch import Signal

referral_changed = Signal()
