"""Generic signal wiring: any registered offer model keeps the index in step by itself."""

from django.db.models.signals import post_delete, post_migrate, post_save

from wagtail.signals import page_published, page_unpublished

from matching.registry import source_for
from matching.selectors import offer_key
from matching.services import index_offer, index_remove
from portal.organizations.services import agency_managers_group, group_permissions_grant


def _keys(instance) -> list[str]:
    if instance.pk is None:
        return []
    return [offer_key(source.kind, instance.pk) for source in source_for(type(instance))]


def offer_saved(sender, instance, raw=False, **kwargs) -> None:
    """An offer object was saved or published: queue its reindexing."""
    if raw:
        return
    for key in _keys(instance):
        index_offer(key=key)


def offer_gone(sender, instance, **kwargs) -> None:
    """An offer object was deleted or unpublished: queue its removal from the index."""
    for key in _keys(instance):
        index_remove(key=key)


def taxonomy_permissions_grant(sender, app_config=None, using="default", **kwargs) -> None:
    """After migrating, let agency managers add, edit and read (never delete) categories."""
    if app_config is None or app_config.label != "matching":
        return
    group_permissions_grant(
        app_config=app_config,
        codenames=["add_category", "change_category", "view_category"],
        groups=[agency_managers_group()],
        using=using,
    )


def connect() -> None:
    """Connect the receivers (once, from `MatchingConfig.ready`)."""
    post_save.connect(offer_saved, dispatch_uid="matching-offer-saved")
    post_delete.connect(offer_gone, dispatch_uid="matching-offer-deleted")
    page_published.connect(offer_saved, dispatch_uid="matching-page-published")
    page_unpublished.connect(offer_gone, dispatch_uid="matching-page-unpublished")
    post_migrate.connect(taxonomy_permissions_grant, dispatch_uid="matching-taxonomy-permissions")
