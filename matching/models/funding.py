"""Which offers a purchase-of-service contract funds: written by procurement, read by ranking."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from matching.models.taxonomy import Category
from portal.organizations.models import Organization


class OfferFunding(models.Model):
    """An active contract line funding one offer, or every offer of an organization in a
    category; "funded by contract" on an offer is derived from these rows, never ticked."""

    source = models.CharField(_("funded by"), max_length=64, unique=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("provider organization"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    offer_key = models.CharField(_("offer"), max_length=64, blank=True, db_index=True)
    category = models.ForeignKey(
        Category,
        verbose_name=_("service category"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        verbose_name = _("offer funding")
        verbose_name_plural = _("offer fundings")
        indexes = [models.Index(fields=["organization", "category"])]
        constraints = [
            models.CheckConstraint(
                condition=(~Q(offer_key="") & Q(category__isnull=True))
                | (Q(offer_key="") & Q(category__isnull=False)),
                name="offer_funding_offer_or_category",
            ),
        ]

    def __str__(self) -> str:
        return self.source
