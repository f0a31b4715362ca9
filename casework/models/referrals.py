"""Casework's side of referrals: which person a referral is for, and the shortlist.

The referral itself lives in `matching` (the marketplace layer) and knows the person only by a
pseudonymous code; the link to the person stays here, so personal data never leaves casework.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from casework.models.persons import SupervisedPerson
from matching.models import Referral


class PersonReferral(models.Model):
    """Which supervised person a referral of the marketplace is for (one person per referral)."""

    person = models.ForeignKey(
        SupervisedPerson,
        verbose_name=_("supervised person"),
        on_delete=models.PROTECT,
        related_name="referral_links",
    )
    referral = models.OneToOneField(
        Referral,
        verbose_name=_("referral"),
        on_delete=models.CASCADE,
        related_name="person_link",
    )

    class Meta:
        verbose_name = _("referral of a person")
        verbose_name_plural = _("referrals of persons")

    def __str__(self) -> str:
        return str(self.referral)


class ShortlistEntry(models.Model):
    """An offer a caseworker set aside for a person on the matching screen."""

    person = models.ForeignKey(
        SupervisedPerson,
        verbose_name=_("supervised person"),
        on_delete=models.CASCADE,
        related_name="shortlist",
    )
    offer_key = models.CharField(_("offer"), max_length=64)
    offer_title = models.CharField(_("offer title"), max_length=255)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("shortlisted offer")
        verbose_name_plural = _("shortlisted offers")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["person", "offer_key"], name="shortlist_once"),
        ]

    def __str__(self) -> str:
        return self.offer_title
