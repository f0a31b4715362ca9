"""Job fairs: announced as CMS events, listing participating employers and their open jobs."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, PageChooserPanel
from wagtail.search import index

from portal.organizations.models import OrganizationKind


class JobFair(index.Indexed, models.Model):
    """A job fair on a date and at a place, with the employers taking part."""

    title = models.CharField(_("title"), max_length=128)
    slug = models.SlugField(_("web address"), max_length=64, unique=True, allow_unicode=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    jurisdiction = models.ForeignKey(
        "organizations.Jurisdiction",
        verbose_name=_("county or district"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level__in": ["county", "zone"]},
    )
    venue = models.CharField(_("venue"), max_length=255)
    description = models.TextField(_("full description"), blank=True)
    employers = models.ManyToManyField(
        "organizations.Organization",
        verbose_name=_("participating employers"),
        related_name="job_fairs",
        limit_choices_to={"kind": OrganizationKind.EMPLOYER},
        blank=True,
    )
    event_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("event announcement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The CMS event page that announces this fair."),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("jurisdiction"),
        FieldPanel("venue"),
        FieldPanel("description"),
        FieldPanel("employers"),
        PageChooserPanel("event_page"),
    ]
    search_fields = [index.SearchField("title"), index.SearchField("venue")]

    class Meta:
        verbose_name = _("job fair")
        verbose_name_plural = _("job fairs")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")), name="job_fair_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("employment:fair_detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("A job fair cannot end before it starts.")})
