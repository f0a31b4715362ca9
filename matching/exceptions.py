"""Errors the matching layer raises for its callers to turn into messages."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class OfferFull(ValidationError):
    """No seat is left on the offer."""

    def __init__(self):
        super().__init__(_("This offer has no seats left."), code="offer_full")


class SearchUnavailable(Exception):
    """The search backend cannot be reached; screens say so and the site keeps working."""


class ReferralTransitionRefused(ValidationError):
    """A referral transition the table, the side or a concurrent change does not allow."""
