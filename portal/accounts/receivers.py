"""Authentication news: staff sessions start their idle clock; logins and MFA changes audited."""

from typing import Any

from allauth.account.signals import user_logged_in as allauth_logged_in
from allauth.mfa import signals as mfa_signals
from allauth.mfa.models import Authenticator

from django.contrib.auth.signals import user_logged_in
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpRequest

from portal.accounts import services
from portal.accounts.middleware import staff_session_start
from portal.accounts.roles import is_staff_member
from portal.accounts.selectors import MFA_CACHE_SECONDS, mfa_cache_key


@receiver(user_logged_in)
def staff_session_on_login(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    """Every staff login (allauth, tests' force_login) ends at browser close and when idle."""
    if is_staff_member(user) and hasattr(request, "session"):
        staff_session_start(request)


@receiver(allauth_logged_in)
def audit_login(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    services.account_event_record(action="login", request=request, user=user)


MFA_EVENTS = {
    mfa_signals.authenticator_added: "mfa_activated",
    mfa_signals.authenticator_removed: "mfa_deactivated",
    mfa_signals.authenticator_reset: "mfa_reset",
    mfa_signals.authentication_failed: "mfa_failed",
}


def audit_mfa_event(
    sender: Any, signal: Any, request: HttpRequest, user: Any, authenticator: Any, **kwargs: Any
) -> None:
    services.account_event_record(
        action=MFA_EVENTS[signal], request=request, user=user, detail={"type": authenticator.type}
    )


for _signal, _action in MFA_EVENTS.items():
    _signal.connect(audit_mfa_event, dispatch_uid=f"accounts.audit.{_action}")


@receiver(post_save, sender=Authenticator)
def mfa_cache_on_save(sender: Any, instance: Authenticator, **kwargs: Any) -> None:
    """Keep the cached 'has an authenticator' answer the middleware reads in step."""
    cache.set(mfa_cache_key(instance.user_id), True, MFA_CACHE_SECONDS)


@receiver(post_delete, sender=Authenticator)
def mfa_cache_on_delete(sender: Any, instance: Authenticator, **kwargs: Any) -> None:
    cache.delete(mfa_cache_key(instance.user_id))
