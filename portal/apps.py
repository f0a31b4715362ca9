from django.apps import AppConfig
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self) -> None:
        from portal.converters import IdConverter, YearConverter

        register_converter(IdConverter, "id")
        register_converter(YearConverter, "year")

        from portal import cache

        cache.connect()

        from django.contrib.auth.models import Group, Permission

        from wagtail.models import Collection, Task, Workflow

        from portal import wagtail_strings

        wagtail_strings.translate_names(Workflow, Task, Group, Permission, Collection)
        wagtail_strings.translate_root_page_title()
        wagtail_strings.label_site_columns()
        wagtail_strings.label_page_fields()
        wagtail_strings.name_wagtail_models()
        wagtail_strings.name_page_search_results()
        wagtail_strings.label_collection_permissions()
        wagtail_strings.label_chooser_fields()
        wagtail_strings.label_frozen_wagtail_words()
