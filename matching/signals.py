"""News of the marketplace layer, for whoever wants to hear it (never a call in disguise).

`referral_moved`: sent after the commit of every applied referral transition, with keyword
arguments `referral` (the Referral) and `action` (the name in `matching.models.TRANSITIONS`).
Casework listens to tell the supervised person of an accepted referral.
"""

from django.dispatch import Signal

referral_moved = Signal()
