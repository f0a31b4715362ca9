"""The employment app's models: offer pages, applications with follow-ups, job fairs."""

from employment.models.applications import ApplicationEvent, FollowUp, JobApplication
from employment.models.fairs import JobFair
from employment.models.pages import EntrepreneurshipSupportPage, JobOfferPage, ProviderOfferPage

__all__ = [
    "ApplicationEvent",
    "EntrepreneurshipSupportPage",
    "FollowUp",
    "JobApplication",
    "JobFair",
    "JobOfferPage",
    "ProviderOfferPage",
]
