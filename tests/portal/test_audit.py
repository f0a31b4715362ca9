import csv
import io
from datetime import timedelta

import pytest

from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from portal.accounts.models import Role
from portal.audit.models import AuditEntry, AuditEntryIsAppendOnly
from portal.audit.services import audit_record
from tests.factories.portal import OrganizationFactory, UserFactory, user_with_role

pytestmark = pytest.mark.django_db

AUDIT = reverse("audit:list")
EXPORT = reverse("audit:export")


@pytest.fixture
def entry():
    return audit_record(
        actor=UserFactory(email="actor@example.cn"),
        action="organization.verify",
        obj=OrganizationFactory(),
    )


def test_audit_record_writes_who_what_and_object(entry):
    assert entry.actor_label == "actor@example.cn"
    assert entry.object_type == "organizations.organization"
    assert entry.object_id and entry.object_repr


def test_audit_record_takes_the_address_of_the_request(rf):
    request = rf.get("/", REMOTE_ADDR="10.1.2.3")
    assert audit_record(actor=None, action="x.y", request=request).ip_address == "10.1.2.3"


def test_saving_an_existing_entry_is_refused(entry):
    entry.action = "something.else"
    with pytest.raises(AuditEntryIsAppendOnly):
        entry.save()
    assert AuditEntry.objects.get(pk=entry.pk).action == "organization.verify"


def test_deleting_an_entry_is_refused(entry):
    with pytest.raises(AuditEntryIsAppendOnly):
        entry.delete()
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_queryset_update_and_delete_are_refused(entry):
    with pytest.raises(AuditEntryIsAppendOnly):
        AuditEntry.objects.filter(pk=entry.pk).update(action="changed")
    with pytest.raises(AuditEntryIsAppendOnly):
        AuditEntry.objects.all().delete()
    with pytest.raises(AuditEntryIsAppendOnly):
        AuditEntry.objects.bulk_update([entry], ["action"])
    assert AuditEntry.objects.get(pk=entry.pk).action == "organization.verify"


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only"
)
def test_the_database_refuses_raw_update_and_delete(entry):
    from django.db import DatabaseError

    for statement in (
        "UPDATE audit_auditentry SET action = 'changed'",
        "DELETE FROM audit_auditentry",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)
    assert AuditEntry.objects.get(pk=entry.pk).action == "organization.verify"


@pytest.mark.parametrize("role", [Role.AGENCY_MANAGER, Role.OVERSIGHT, "superuser"])
def test_managers_oversight_and_superusers_read_the_log(client, entry, role):
    user = UserFactory(is_superuser=True, role="") if role == "superuser" else user_with_role(role)
    client.force_login(user)
    response = client.get(AUDIT)
    assert response.status_code == 200
    assert "organization.verify" in response.content.decode()
    assert not AuditEntry.objects.filter(action="audit.export").exists()


@pytest.mark.parametrize(
    "role",
    [Role.CASEWORKER, Role.PROVIDER_STAFF, Role.EMPLOYER_STAFF, Role.VOLUNTEER, Role.SITE_EDITOR],
)
def test_other_roles_cannot_read_or_export_the_log(client, entry, role):
    client.force_login(user_with_role(role))
    assert client.get(AUDIT).status_code == 403
    assert client.get(EXPORT).status_code == 403


def test_anonymous_visitors_are_sent_to_login(client):
    assert client.get(AUDIT).status_code == 302


def test_filters_narrow_by_actor_action_object_type_and_date(client, entry):
    audit_record(
        actor=UserFactory(email="other@example.cn"),
        action="referral.send",
        object_type="casework.referral",
    )
    client.force_login(user_with_role(Role.OVERSIGHT))

    def shown(**params):
        return [e.action for e in client.get(AUDIT, params).context["page"]]

    assert shown(actor="actor@") == ["organization.verify"]
    assert shown(action="referral.send") == ["referral.send"]
    assert shown(object_type="organizations.organization") == ["organization.verify"]
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    assert shown(date_from=tomorrow) == []
    assert len(shown(date_to=tomorrow)) >= 2


def test_the_log_is_paginated(client):
    for number in range(55):
        audit_record(actor=None, action=f"test.action{number}")
    client.force_login(user_with_role(Role.OVERSIGHT))
    first = client.get(AUDIT).context["page"]
    assert len(first) == 50 and first.has_next()
    assert len(client.get(AUDIT, {"page": 2}).context["page"]) >= 5


def test_export_is_a_csv_of_the_filtered_log_and_is_itself_audited(client, entry):
    audit_record(actor=None, action="referral.send")
    reader = user_with_role(Role.OVERSIGHT)
    client.force_login(reader)
    response = client.get(EXPORT, {"action": "organization.verify"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert len(rows) == 2 and rows[1][3] == "organization.verify"
    export = AuditEntry.objects.get(action="audit.export")
    assert export.actor == reader and export.detail == {"action": "organization.verify"}
