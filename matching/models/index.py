"""The offer index of the database search backend."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OfferIndexEntry(models.Model):
    """One offer in the database search backend: the columns it is filtered and ranked by.

    Narrow (fixed-width columns first, then the offer's search terms, which a keyword is
    matched against here rather than through a read of the wide document per offer) so that a
    ranking query scans little; what a hit displays lives in `OfferIndexDocument`. Multi-valued
    eligibility is a bit mask (0 meaning "any"), categories and service area are `|a|b|`
    strings.
    On PostgreSQL a GiST index on `point(longitude, latitude)` (migration 0011, outside the
    model: SQLite has no such index) gives the nearest offers first.
    """

    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    seats_left = models.IntegerField(_("seats left"), null=True, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    min_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    gender_mask = models.PositiveSmallIntegerField(_("genders"), default=0)
    correction_mask = models.PositiveSmallIntegerField(_("correction types"), default=0)
    level_mask = models.PositiveSmallIntegerField(_("supervision levels"), default=0)
    accepts_adults = models.BooleanField(_("accepts adults"), default=True)
    accepts_juveniles = models.BooleanField(_("accepts juveniles"), default=False)
    funded_by_contract = models.BooleanField(_("funded by contract"), default=False)
    kind = models.CharField(_("kind"), max_length=32, db_index=True)
    category_tags = models.CharField(_("categories"), max_length=1000, blank=True)
    service_area = models.CharField(_("service area"), max_length=2000, blank=True)
    search_tokens = models.TextField(_("search terms"), blank=True, default="")
    key = models.CharField(_("offer"), max_length=64, unique=True)

    class Meta:
        verbose_name = _("offer index entry")
        verbose_name_plural = _("offer index entries")
        indexes = [
            models.Index(fields=["latitude", "longitude"], name="offer_index_location"),
        ]

    def __str__(self) -> str:
        return self.key


class OfferIndexDocument(models.Model):
    """What the database backend shows for an indexed offer."""

    entry = models.OneToOneField(
        OfferIndexEntry,
        verbose_name=_("offer index entry"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="document",
    )
    document = models.JSONField(_("document"))
    fingerprint = models.CharField(_("fingerprint"), max_length=40)
    indexed_at = models.DateTimeField(_("indexed at"), auto_now=True)

    class Meta:
        verbose_name = _("indexed offer document")
        verbose_name_plural = _("indexed offer documents")

    def __str__(self) -> str:
        return str(self.document.get("title", ""))


class OfferIndexTag(models.Model):
    """A category (or a pair of categories) of an indexed offer, where the offer is.

    The database backend's narrowed ranking finds, through the (tag, latitude, longitude)
    index, the offers far from a person that meet enough of the person's needs to still
    reach the page (see `matching.backends.database.candidate_sql`); on PostgreSQL a GiST index
    (migration 0011) gives the nearest offers of one tag (`nearest_sql`).
    """

    entry = models.ForeignKey(
        OfferIndexEntry,
        verbose_name=_("offer index entry"),
        on_delete=models.CASCADE,
        related_name="tags",
    )
    tag = models.CharField(_("category or pair of categories"), max_length=201)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    # The offer's search terms hashed to 128 bits (`matching.backends.database.term_masks`):
    # far candidates lacking every term of a keyword are dropped in the index, unread.
    # -1 (every bit) until the offer is indexed again: it may hold any term.
    terms_low = models.BigIntegerField(_("search terms (bits 0-63)"), default=-1)
    terms_high = models.BigIntegerField(_("search terms (bits 64-127)"), default=-1)

    class Meta:
        verbose_name = _("offer index tag")
        verbose_name_plural = _("offer index tags")
        indexes = [
            # The entry and the terms in the index too: the far candidates are read from it
            # alone (an index-only scan, on tables that a rebuild leaves all-visible).
            models.Index(
                fields=["tag", "latitude", "longitude"],
                name="offer_index_tag_location",
                include=["entry", "terms_low", "terms_high"],
            ),
        ]

    def __str__(self) -> str:
        return self.tag
