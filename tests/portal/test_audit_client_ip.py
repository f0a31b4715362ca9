"""The audit log's client address comes from the proxies the deployment trusts, never a client."""

import pytest

from django.urls import reverse

from portal.accounts.models import Role
from portal.audit.models import AuditEntry
from portal.audit.services import audit_record, client_ip
from tests.factories.portal import user_with_role

pytestmark = pytest.mark.django_db


def test_without_trusted_proxies_a_forged_forwarded_header_is_ignored(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    request = rf.get("/", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert client_ip(request) == "198.51.100.7"
    assert audit_record(actor=None, action="x.y", request=request).ip_address == "198.51.100.7"


def test_one_trusted_proxy_gives_the_address_it_appended(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = rf.get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9"
    )  # the client forged 1.2.3.4; our nginx appended the address it saw
    assert client_ip(request) == "203.0.113.9"


def test_two_trusted_proxies_count_from_the_right(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 2
    request = rf.get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9, 10.0.0.1"
    )
    assert client_ip(request) == "203.0.113.9"


def test_fewer_hops_than_trusted_proxies_falls_back_to_the_connection(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 2
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6")
    assert client_ip(request) == "10.0.0.2"


@pytest.mark.parametrize("forged", ["not-an-address", "1.2.3.4<script>", "", " , "])
def test_a_garbage_forwarded_entry_is_never_recorded(rf, settings, forged):
    settings.TRUSTED_PROXY_COUNT = 1
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forged)
    assert client_ip(request) == "10.0.0.1"


def test_a_forged_header_does_not_reach_the_audit_row_of_a_real_view(client, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    client.force_login(user_with_role(Role.OVERSIGHT))
    client.get(
        reverse("audit:export"), HTTP_X_FORWARDED_FOR="203.0.113.66", REMOTE_ADDR="192.0.2.10"
    )
    entry = AuditEntry.objects.get(action="audit.export")
    assert entry.ip_address == "192.0.2.10"


def test_no_request_records_no_address():
    assert client_ip(None) is None
