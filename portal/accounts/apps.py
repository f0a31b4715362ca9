from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import pre_migrate
from django.utils.translation import gettext_lazy as _


def cache_table_ensure(sender: AppConfig, using: str = "default", **kwargs) -> None:
    """`migrate` first creates the database cache's table (a no-op for Redis or local memory).

    Before, not after: data migrations already save models whose receivers use the cache.
    """
    call_command("createcachetable", database=using, verbosity=0)


class AccountsConfig(AppConfig):
    name = "portal.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from portal.accounts import receivers  # noqa: F401

        pre_migrate.connect(cache_table_ensure, sender=self, dispatch_uid="accounts.cache_table")
