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

        from wagtail.models import Task, Workflow

        from portal.wagtail_strings import translate_names

        translate_names(Workflow, Task)
