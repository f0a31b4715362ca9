"""The site settings that frame every page: the main menu and the footer."""

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable


class LinkFields(models.Model):
    """A bilingual label pointing at a page or an address."""

    label = models.CharField(_("label"), max_length=64)
    label_en = models.CharField(_("English label"), max_length=64, blank=True)
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    link_url = models.CharField(_("web address"), max_length=255, blank=True)

    panels = [
        FieldPanel("label"),
        FieldPanel("label_en"),
        FieldPanel("link_page"),
        FieldPanel("link_url"),
    ]

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        super().clean()
        if bool(self.link_page_id) == bool(self.link_url):
            raise ValidationError(_("Choose either a page or an address for the link."))

    @property
    def display_label(self) -> str:
        english = (get_language() or "").startswith("en")
        return self.label_en if english and self.label_en else self.label

    @property
    def url(self) -> str:
        return self.link_page.url if self.link_page else self.link_url


@register_setting(icon="list-ul")
class NavigationSettings(ClusterableModel, BaseSiteSetting):
    """The main menu shown in the header of every page."""

    panels = [InlinePanel("items", label=_("Menu items"))]

    class Meta:
        verbose_name = _("navigation")


class NavigationItem(Orderable, LinkFields):
    """One entry of the main menu."""

    settings = ParentalKey(NavigationSettings, on_delete=models.CASCADE, related_name="items")


@register_setting(icon="doc-full")
class FooterSettings(ClusterableModel, BaseSiteSetting):
    """Who runs the portal and how to reach them, shown in the footer of every page."""

    organizer = models.CharField(_("run by"), max_length=255, blank=True)
    contact = models.TextField(_("contact"), blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    hotline = models.CharField(_("hotline"), max_length=64, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    copyright = models.CharField(_("copyright"), max_length=255, blank=True)
    record_number = models.CharField(_("ICP record number"), max_length=64, blank=True)

    panels = [
        FieldPanel("organizer"),
        FieldPanel("contact"),
        FieldPanel("address"),
        FieldPanel("hotline"),
        FieldPanel("email"),
        FieldPanel("copyright"),
        FieldPanel("record_number"),
        InlinePanel("links", label=_("Footer links")),
    ]

    class Meta:
        verbose_name = _("footer")


class FooterLink(Orderable, LinkFields):
    """One link in the footer."""

    settings = ParentalKey(FooterSettings, on_delete=models.CASCADE, related_name="links")
