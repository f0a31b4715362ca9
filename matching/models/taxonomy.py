"""The shared taxonomy of service categories and the seats of every offer."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Category(models.Model):
    """A category of the managed taxonomy (psychological counseling, skills training, ...)."""

    slug = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name (Chinese)"), max_length=64, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=128, blank=True)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("service category")
        verbose_name_plural = _("service categories")
        ordering = ["sort_order", "slug"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if (get_language() or "").startswith("en") and self.name_en:
            return self.name_en
        return self.name


class OfferCapacity(models.Model):
    """Seats of one offer (any kind) and how many are taken; the one place seats are counted.

    Offer apps set `seats_total` when they publish; referrals take and release seats through
    `matching.services.seat_take` and `seat_release`, under a row lock.
    """

    offer_key = models.CharField(_("offer"), max_length=64, unique=True)
    seats_total = models.PositiveIntegerField(_("seats"), null=True, blank=True)
    seats_taken = models.PositiveIntegerField(_("seats taken"), default=0)

    class Meta:
        verbose_name = _("offer capacity")
        verbose_name_plural = _("offer capacities")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(seats_total__isnull=True)
                | models.Q(seats_taken__lte=models.F("seats_total")),
                name="capacity_never_exceeded",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.offer_key}: {self.seats_taken}/{self.seats_total or '∞'}"

    @property
    def seats_left(self) -> int | None:
        if self.seats_total is None:
            return None
        return max(self.seats_total - self.seats_taken, 0)
