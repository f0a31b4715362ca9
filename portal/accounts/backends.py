"""Authentication backends: Django's and allauth's, loading the signed-in user with what every
request of theirs asks (the staff assignment and whether a second factor is set up) in one read."""

from allauth.account import auth_backends as allauth_backends

from django.contrib.auth import backends as django_backends

from portal.accounts.selectors import signed_in_user


class SignedInUserMixin:
    """`get_user` through `signed_in_user` instead of a bare read of the user's row."""

    def get_user(self, user_id):
        user = signed_in_user(user_id=user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


class ModelBackend(SignedInUserMixin, django_backends.ModelBackend):
    """Django's username-and-password backend."""


class AuthenticationBackend(SignedInUserMixin, allauth_backends.AuthenticationBackend):
    """allauth's e-mail-and-password backend."""
