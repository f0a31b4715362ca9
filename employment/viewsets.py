"""Wagtail staff screens of the employment app."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.views.snippets import SnippetViewSet

from employment.models import JobFair


class JobFairViewSet(SnippetViewSet):
    """Job fairs for site editors and agency managers: date, place and participating employers."""

    model = JobFair
    icon = "date"
    menu_label = _("Job fairs")
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["title", "starts_at", "venue", "jurisdiction"]
    list_filter = ["jurisdiction"]
    search_fields = ["title", "venue"]
    ordering = ["-starts_at"]
