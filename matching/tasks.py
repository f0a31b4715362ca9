"""Background tasks that keep the offer index in step with the offer apps."""

from django_tasks import task

from django.db import transaction

from matching.backends import get_backend
from matching.indexing import offer_sync


@task()
def offer_reindex(key: str) -> None:
    """Re-read one offer from its app and replace (or remove) its index entry."""
    with transaction.atomic():
        offer_sync(key)


@task()
def offer_unindex(key: str) -> None:
    """Remove one offer from the index."""
    with transaction.atomic():
        get_backend().remove([key])
