"""The providers' part of the Wagtail page tree: one index, one section per provider."""

from typing import Any

from django.contrib.auth.models import Group
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import AbstractGroupApprovalTask, Page

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


def provider_place(obj: Any) -> str:
    """The division code of the provider whose section holds a page ('' outside any section)."""
    if not isinstance(obj, Page):
        return ""
    section = (
        ProviderSectionPage.objects.ancestor_of(obj, inclusive=True)
        .select_related("organization__jurisdiction", "agency__jurisdiction")
        .first()
    )
    provider = section.provider if section is not None else None
    return provider.jurisdiction.code if provider is not None else ""


class AgencyApprovalTask(AbstractGroupApprovalTask):
    """Approval by agency managers, each only for providers registered in their jurisdiction.

    One workflow serves every provider; the group says who approves at all, the provider's
    place says which of them. Superusers (province-level administrators) approve everything.
    """

    def covers(self, obj: Any, user: Any) -> bool:
        """Whether the user's jurisdiction holds the provider of this page."""
        from portal.accounts.scopes import jurisdiction_scope  # scopes imports these models

        if user.is_superuser:
            return True
        place = provider_place(obj)
        return bool(place) and jurisdiction_scope(user).covers(place)

    def user_can_access_editor(self, obj, user):
        return super().user_can_access_editor(obj, user) and self.covers(obj, user)

    def locked_for_user(self, obj, user):
        return super().locked_for_user(obj, user) or not self.covers(obj, user)

    def user_can_lock(self, obj, user):
        return super().user_can_lock(obj, user) and self.covers(obj, user)

    def get_actions(self, obj, user):
        return super().get_actions(obj, user) if self.covers(obj, user) else []

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        if user.is_superuser:
            return states
        covered = [
            state.pk
            for state in states.select_related("workflow_state")
            if self.covers(state.workflow_state.content_object, user)
        ]
        return states.filter(pk__in=covered)

    @classmethod
    def get_description(cls):
        return _("Agency managers approve the pages of providers in their own jurisdiction")

    class Meta:
        verbose_name = _("agency approval task")
        verbose_name_plural = _("agency approval tasks")
