import pytest

from django.urls import reverse

from portal.audit.services import audit_record
from tests.factories.portal import JudicialOfficeFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True, role=""))
    return client


@pytest.mark.parametrize(
    "name",
    [
        "accounts_user",
        "organizations_correctionsagency",
        "organizations_judicialoffice",
        "organizations_organization",
        "organizations_staffassignment",
        "organizations_jurisdiction",
        "audit_auditentry",
    ],
)
def test_administrators_list_kernel_records(admin_client, name):
    JudicialOfficeFactory()
    MembershipFactory()
    assert admin_client.get(reverse(f"admin:{name}_changelist")).status_code == 200


def test_audit_entries_cannot_be_added_changed_or_deleted_in_the_admin(admin_client):
    entry = audit_record(actor=None, action="test.action")
    assert admin_client.get(reverse("admin:audit_auditentry_add")).status_code == 403
    response = admin_client.post(
        reverse("admin:audit_auditentry_delete", args=[entry.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    change = admin_client.get(reverse("admin:audit_auditentry_change", args=[entry.pk]))
    assert change.status_code == 200 and 'name="_save"' not in change.content.decode()


def test_verification_status_is_read_only_in_the_admin(admin_client):
    membership = MembershipFactory()
    page = admin_client.get(
        reverse("admin:organizations_organization_change", args=[membership.organization.pk])
    )
    assert 'name="status"' not in page.content.decode()
