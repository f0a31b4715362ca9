"""Signal receivers: published offers publish their seats; permissions after migrating."""

from typing import Any

from django.db import DEFAULT_DB_ALIAS
from django.dispatch import receiver

from wagtail.signals import page_published

from employment.models import EntrepreneurshipSupportPage, JobOfferPage
from employment.services import job_fair_editors_grant, offer_capacity_sync


@receiver(page_published, sender=JobOfferPage, dispatch_uid="employment_job_published")
@receiver(
    page_published, sender=EntrepreneurshipSupportPage, dispatch_uid="employment_support_published"
)
def on_offer_published(sender: Any, instance: Any, **kwargs: Any) -> None:
    offer_capacity_sync(page=instance)


def on_post_migrate(sender: Any, **kwargs: Any) -> None:
    job_fair_editors_grant(app_config=sender, using=kwargs.get("using", DEFAULT_DB_ALIAS))
