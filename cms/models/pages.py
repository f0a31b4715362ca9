"""The public pages: home, standard, news, events and the policy library."""

from modelcluster.fields import ParentalKey

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Orderable, Page
from wagtail.search import index

from cms.blocks import BodyBlock
from cms.search import segment


class PortalPage(Page):
    """A page whose text is also indexed word by word, so that Chinese queries find it."""

    search_fields = [*Page.search_fields, index.SearchField("segmented_text")]

    class Meta:
        abstract = True

    def searchable_parts(self) -> list[str]:
        return [self.title, self.search_description]

    def segmented_text(self) -> str:
        return segment(" ".join(part for part in self.searchable_parts() if part))

    def _stream_text(self, name: str) -> list[str]:
        return self._meta.get_field(name).get_searchable_content(getattr(self, name))


class HomePage(PortalPage):
    """The site root: what the portal is, how to take part, news, events and offers."""

    hero_title = models.CharField(_("headline"), max_length=120)
    hero_text = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("hero_title"),
        FieldPanel("hero_text"),
        FieldPanel("body"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    # One home page made in the admin; its translations are copies (simple_translation).
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """Route in this language's tree; a page with no translation here (an offer, a news
        item not translated yet) is served from the default language's tree instead."""
        try:
            return super().route(request, path_components)
        except Http404:
            original = self.get_translation_or_none(Locale.get_default())
            if original is None or original.pk == self.pk:
                raise
            return original.specific.route(request, path_components)

    def searchable_parts(self) -> list[str]:
        return [*super().searchable_parts(), self.hero_title, self.hero_text]

    def get_context(self, request, *args, **kwargs):
        from cms import selectors  # selectors import these models: import at call time

        context = super().get_context(request, *args, **kwargs)
        context["latest_news"] = selectors.news_latest(limit=3)
        context["upcoming_events"] = selectors.events_upcoming(limit=3)
        context["latest_policies"] = selectors.policies_latest(limit=4)
        context["featured_offers"] = selectors.offers_featured(limit=3)
        return context


class StandardPage(PortalPage):
    """A page of free content such as "About us"."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("standard page")

    def searchable_parts(self) -> list[str]:
        return [*super().searchable_parts(), self.intro, *self._stream_text("body")]


class NewsIndexPage(PortalPage):
    """The list of news items, newest first, paginated."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index")

    def get_context(self, request, *args, **kwargs):
        from cms import selectors

        context = super().get_context(request, *args, **kwargs)
        news = selectors.news_for_index(index=self)
        context["news_page"] = selectors.paginate(news, request.GET.get("page"), per_page=10)
        return context


class NewsPage(PortalPage):
    """A news item."""

    date = models.DateField(_("date"), default=timezone.localdate)
    intro = models.TextField(_("summary"), max_length=400)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    search_fields = [
        *PortalPage.search_fields,
        index.SearchField("intro"),
        index.FilterField("date"),
    ]
    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")

    def searchable_parts(self) -> list[str]:
        return [*super().searchable_parts(), self.intro, *self._stream_text("body")]


class EventIndexPage(PortalPage):
    """The list of events: upcoming first, then past ones."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("event index")

    def get_context(self, request, *args, **kwargs):
        from cms import selectors

        context = super().get_context(request, *args, **kwargs)
        context["upcoming"] = selectors.events_upcoming(index=self)
        context["past"] = selectors.events_past(index=self)
        return context


class EventKind(models.TextChoices):
    PUBLICITY = "publicity", _("Law publicity")
    JOB_FAIR = "job_fair", _("Job fair")
    TRAINING = "training", _("Training")
    PUBLIC_WELFARE = "public_welfare", _("Public-welfare activity")
    OTHER = "other", _("Other")


class EventPage(PortalPage):
    """An event such as the community corrections law publicity week or a job fair.

    Other apps attach their own data (for example the employers taking part in a job fair)
    through a relation to this page; the page itself stays free of them.
    """

    kind = models.CharField(_("kind"), max_length=32, choices=EventKind, default=EventKind.OTHER)
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=255, blank=True)
    jurisdiction = models.ForeignKey(
        "organizations.Jurisdiction",
        verbose_name=_("jurisdiction"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organizer = models.CharField(_("organizer"), max_length=255, blank=True)
    intro = models.TextField(_("summary"), max_length=400, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    search_fields = [
        *PortalPage.search_fields,
        index.SearchField("intro"),
        index.SearchField("place"),
        index.SearchField("organizer"),
        index.FilterField("start"),
    ]
    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldPanel("start"),
                FieldPanel("end"),
                FieldPanel("place"),
                FieldPanel("jurisdiction"),
                FieldPanel("organizer"),
            ],
            heading=_("When and where"),
        ),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    parent_page_types = ["cms.EventIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self) -> None:
        super().clean()
        if self.end and self.start and self.end < self.start:
            raise ValidationError({"end": _("The event cannot end before it starts.")})

    def searchable_parts(self) -> list[str]:
        extra = [self.intro, self.place, self.organizer, *self._stream_text("body")]
        return [*super().searchable_parts(), *extra]


class PolicyIndexPage(PortalPage):
    """The policy library: laws, regulations and decisions, filtered by issuer, year and words."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.PolicyPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("policy library")

    def get_context(self, request, *args, **kwargs):
        from cms.filters import PolicyFilter
        from cms.selectors import paginate, policies_for_index

        context = super().get_context(request, *args, **kwargs)
        policy_filter = PolicyFilter(request.GET or None, queryset=policies_for_index(index=self))
        context["filter"] = policy_filter
        context["policies"] = paginate(policy_filter.qs, request.GET.get("page"), per_page=20)
        return context


class PolicyLevel(models.TextChoices):
    NATIONAL = "national", _("National")
    PROVINCIAL = "provincial", _("Provincial")
    MUNICIPAL = "municipal", _("Municipal")


class PolicyPage(PortalPage):
    """A law, regulation or policy document with its issuer, date, number and text."""

    issuing_body = models.CharField(_("issuing body"), max_length=255)
    level = models.CharField(
        _("level"), max_length=16, choices=PolicyLevel, default=PolicyLevel.PROVINCIAL
    )
    date_issued = models.DateField(_("date issued"))
    effective_date = models.DateField(_("effective date"), null=True, blank=True)
    document_number = models.CharField(_("document number"), max_length=128, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    full_text = RichTextField(_("full text"))
    is_summary = models.BooleanField(
        _("text is a summary"),
        default=False,
        help_text=_("Tick when the text above summarizes the document instead of quoting it."),
    )
    source_url = models.URLField(_("official source"), blank=True)

    search_fields = [
        *PortalPage.search_fields,
        index.SearchField("issuing_body"),
        index.SearchField("document_number"),
        index.SearchField("summary"),
        index.SearchField("full_text"),
        index.FilterField("date_issued"),
        index.FilterField("issuing_body"),
    ]
    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("issuing_body"),
                FieldPanel("level"),
                FieldPanel("date_issued"),
                FieldPanel("effective_date"),
                FieldPanel("document_number"),
                FieldPanel("source_url"),
            ],
            heading=_("Document"),
        ),
        FieldPanel("summary"),
        FieldPanel("full_text"),
        FieldPanel("is_summary"),
        InlinePanel("attachments", label=_("Attachments")),
    ]
    parent_page_types = ["cms.PolicyIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("policy")
        verbose_name_plural = _("policies")

    def searchable_parts(self) -> list[str]:
        full_text = self._meta.get_field("full_text").get_searchable_content(self.full_text)
        extra = [self.issuing_body, self.document_number, self.summary, *full_text]
        return [*super().searchable_parts(), *extra]


class PolicyAttachment(Orderable):
    """A document attached to a policy, such as the official PDF."""

    page = ParentalKey(PolicyPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("document"), on_delete=models.CASCADE
    )
    title = models.CharField(_("title"), max_length=255, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    def __str__(self) -> str:
        return self.title or self.document.title
