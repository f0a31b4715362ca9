"""The providers' part of the Wagtail page tree: one index, one section per provider."""

from django.contrib.auth.models import Group
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from portal.organizations.models.organizations import CorrectionsAgency, Organization


class ProvidersIndexPage(Page):
    """The public directory of verified providers at /providers/; sections hang below it."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["organizations.ProviderSectionPage"]
    max_count = 1

    class Meta:
        verbose_name = _("providers index page")
        verbose_name_plural = _("providers index pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = (
            ProviderSectionPage.objects.child_of(self)
            .live()
            .select_related("organization__jurisdiction", "agency__jurisdiction")
            .order_by("title")
        )
        return context


class ProviderSectionPage(Page):
    """A provider's own section and public profile; its offers are its child pages."""

    organization = models.OneToOneField(
        Organization,
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="section",
    )
    agency = models.OneToOneField(
        CorrectionsAgency,
        verbose_name=_("corrections agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="section",
    )
    editors_group = models.OneToOneField(
        Group,
        verbose_name=_("editors group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="provider_section",
    )
    intro = RichTextField(
        _("about us"),
        blank=True,
        help_text=_("What your organization does, for whom, and how to reach you."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["organizations.ProvidersIndexPage"]

    class Meta:
        verbose_name = _("provider section page")
        verbose_name_plural = _("provider section pages")
        constraints = [
            models.CheckConstraint(
                condition=Q(organization__isnull=False, agency__isnull=True)
                | Q(organization__isnull=True, agency__isnull=False),
                name="provider_section_has_one_owner",
            ),
        ]

    @property
    def provider(self) -> Organization | CorrectionsAgency:
        return self.organization or self.agency

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["offers"] = self.get_children().live().specific()
        return context
