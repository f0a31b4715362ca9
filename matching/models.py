"""The shared taxonomy of service categories that offers provide and persons need."""

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


class OfferIndexEntry(models.Model):
    """One offer in the database search backend's index: an `OfferDocument` as columns.

    Multi-valued filters are kept as `|a|b|` strings ("" meaning "any") so that eligibility is
    filtered in SQL with no join; `search_tokens` holds the jieba terms of the offer's text.
    """

    key = models.CharField(_("offer"), max_length=64, unique=True)
    kind = models.CharField(_("kind"), max_length=32, db_index=True)
    source_id = models.BigIntegerField(_("source id"))
    title = models.CharField(_("title"), max_length=255)
    text = models.TextField(_("text"), blank=True)
    url = models.CharField(_("address"), max_length=500, blank=True)
    provider_name = models.CharField(_("provider"), max_length=255, blank=True)
    organization_id = models.BigIntegerField(_("organization id"), null=True, blank=True)
    owner_user_id = models.BigIntegerField(_("owner user id"), null=True, blank=True)
    categories = models.JSONField(_("categories"), default=list, blank=True)
    category_tags = models.CharField(_("category tags"), max_length=1000, blank=True)
    jurisdiction_code = models.CharField(_("jurisdiction"), max_length=9, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    service_area_codes = models.JSONField(_("service area"), default=list, blank=True)
    service_area = models.CharField(_("service area tags"), max_length=2000, blank=True)
    genders = models.CharField(_("genders"), max_length=64, blank=True)
    min_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    accepts_adults = models.BooleanField(_("accepts adults"), default=True)
    accepts_juveniles = models.BooleanField(_("accepts juveniles"), default=False)
    correction_types = models.CharField(_("correction types"), max_length=128, blank=True)
    supervision_levels = models.CharField(_("supervision levels"), max_length=128, blank=True)
    schedule = models.TextField(_("schedule"), blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    seats_left = models.IntegerField(_("seats left"), null=True, blank=True)
    funded_by_contract = models.BooleanField(_("funded by contract"), default=False)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    search_tokens = models.TextField(_("search terms"), blank=True)
    fingerprint = models.CharField(_("fingerprint"), max_length=40)
    indexed_at = models.DateTimeField(_("indexed at"), auto_now=True)

    class Meta:
        verbose_name = _("offer index entry")
        verbose_name_plural = _("offer index entries")
        indexes = [
            models.Index(fields=["latitude", "longitude"], name="offer_index_location"),
            models.Index(fields=["valid_until"], name="offer_index_valid_until"),
        ]

    def __str__(self) -> str:
        return self.key
