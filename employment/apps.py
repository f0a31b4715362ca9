from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmploymentConfig(AppConfig):
    name = "employment"
    verbose_name = _("Employment")

    def ready(self):
        from django.db.models.signals import post_migrate

        from employment import receivers

        post_migrate.connect(receivers.on_post_migrate, sender=self)
