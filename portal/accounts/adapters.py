"""allauth adapter: where users land after login; failed logins and lockouts are audited;
e-mails name the site."""

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.urls import reverse

from portal.accounts.services import account_event_record


@dataclass(frozen=True)
class SiteIdentity:
    """What account e-mails call the site: its name in the reader's language and its domain."""

    name: str
    domain: str


def site_identity() -> SiteIdentity:
    """The site as account e-mails name it, from WAGTAIL_SITE_NAME and SITE_URL."""
    domain = urlsplit(settings.SITE_URL).netloc or settings.SITE_URL
    return SiteIdentity(name=str(settings.WAGTAIL_SITE_NAME), domain=domain)


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request):
        return reverse("dashboard")

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        """Refuse when the failed-login limit is reached, and audit the lockout."""
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            self._record("lockout", request, credentials)
            raise

    def authentication_failed(self, request: HttpRequest, **credentials: Any) -> None:
        self._record("login_failed", request, credentials)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Mail greeting with the site's name (not the request's host) and its public domain."""
        super().send_mail(template_prefix, email, {"current_site": site_identity(), **context})

    @staticmethod
    def _record(action: str, request: HttpRequest, credentials: dict[str, Any]) -> None:
        account_event_record(action=action, request=request, email=credentials.get("email", ""))
