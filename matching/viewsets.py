"""Staff screens of matching: the service-category taxonomy as a Wagtail snippet."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.views.snippets import SnippetViewSet

from matching.models import Category


class CategoryViewSet(SnippetViewSet):
    """Staff edit the taxonomy that offers provide and persons need."""

    model = Category
    icon = "tag"
    menu_label = _("Service categories")
    menu_order = 300
    add_to_admin_menu = True
    # An icon with a translated title, not the word "True"
    list_display = [
        "name",
        "name_en",
        "slug",
        "sort_order",
        BooleanColumn("is_active", label=Category._meta.get_field("is_active").verbose_name),
    ]
    list_filter = ["is_active"]
    search_fields = ["name", "name_en", "slug"]
    ordering = ["sort_order", "slug"]
    panels = [
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
        FieldPanel("is_active"),
    ]
