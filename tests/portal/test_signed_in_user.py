"""The signed-in user is read with what every request of theirs asks: one query, always fresh."""

import pytest
from allauth.mfa.models import Authenticator

from django.conf import settings
from django.urls import reverse

from casework.selectors import staff_assignment
from portal.accounts.models import Role
from portal.accounts.selectors import mfa_enrolled, signed_in_user
from tests.factories.portal import UserFactory, user_with_role

pytestmark = pytest.mark.django_db


def test_user_assignment_and_second_factor_are_read_in_one_query(django_assert_num_queries):
    caseworker = user_with_role(Role.CASEWORKER)

    with django_assert_num_queries(1):
        user = signed_in_user(user_id=caseworker.pk)
        assignment = staff_assignment(user)
        enrolled = mfa_enrolled(user)

    assert assignment is not None and assignment.agency.pk and enrolled is True


def test_users_without_an_assignment_or_authenticator_read_as_such(django_assert_num_queries):
    volunteer = UserFactory(role=Role.VOLUNTEER, mfa=False)

    with django_assert_num_queries(1):
        user = signed_in_user(user_id=volunteer.pk)
        assert staff_assignment(user) is None and mfa_enrolled(user) is False


def test_every_configured_backend_loads_users_this_way():
    assert settings.AUTHENTICATION_BACKENDS == [
        "portal.accounts.backends.ModelBackend",
        "portal.accounts.backends.AuthenticationBackend",
    ]


@pytest.mark.mfa_unenrolled
def test_an_authenticator_removed_during_a_session_sends_staff_to_set_one_up_again(client):
    caseworker = user_with_role(Role.CASEWORKER)
    client.force_login(caseworker)
    assert client.get(reverse("dashboard")).status_code == 200

    Authenticator.objects.filter(user=caseworker).delete()

    response = client.get(reverse("dashboard"))
    assert response.status_code == 302 and response.url == reverse("mfa_activate_totp")


def test_an_inactive_user_is_signed_out(client):
    volunteer = UserFactory(role=Role.VOLUNTEER)
    client.force_login(volunteer)
    volunteer.is_active = False
    volunteer.save(update_fields=["is_active"])

    assert not client.get(reverse("dashboard")).wsgi_request.user.is_authenticated
