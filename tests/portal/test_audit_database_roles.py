"""On PostgreSQL the site's own database role can add to the audit log and read it, nothing else."""

import os

import pytest

from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from portal.audit.database_roles import app_role_ensure, app_role_statements
from portal.audit.models import AuditEntry
from portal.audit.services import audit_record

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="database roles: PostgreSQL"),
]

ROLE = f"audit_app_test_{os.getpid()}"
REFUSED = [
    "TRUNCATE audit_auditentry",
    "UPDATE audit_auditentry SET action = 'changed'",
    "DELETE FROM audit_auditentry",
    "ALTER TABLE audit_auditentry DISABLE TRIGGER USER",
    "DROP TRIGGER audit_entry_no_update_or_delete ON audit_auditentry",
    "TRUNCATE audit_auditverification",
    "UPDATE audit_auditverification SET intact = true",
    "SET session_replication_role = replica",
]


@pytest.fixture
def as_app_role():
    """Grant the rights the way `audit_db_roles` does, then act as that role (all rolled back)."""
    entry = audit_record(actor=None, action="x.y")
    app_role_ensure(ROLE)
    with connection.cursor() as cursor:
        cursor.execute(f"SET ROLE {ROLE}")
    yield entry
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")


@pytest.mark.parametrize("statement", REFUSED)
def test_the_app_role_cannot_change_or_empty_the_audit_tables(as_app_role, statement):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)
    assert AuditEntry.objects.get(pk=as_app_role.pk).action == "x.y"


def test_the_app_role_adds_and_reads_audit_entries(as_app_role):
    entry = audit_record(actor=None, action="casework.person.read")
    assert entry.prev_hash == as_app_role.row_hash
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_the_app_role_still_writes_other_tables(as_app_role):
    from tests.factories.portal import UserFactory

    user = UserFactory()
    user.first_name = "改"
    user.save()
    user.delete()


def test_the_owner_is_refused_by_the_trigger_too():
    # tests/conftest.py drops the TRUNCATE guard so that Django can empty the test database;
    # put it back for this test's transaction (rolled back with it).
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_auditentry "
            "FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only()"
        )
    entry = audit_record(actor=None, action="x.y")
    for statement in REFUSED[:3]:
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)
    assert AuditEntry.objects.get(pk=entry.pk).action == "x.y"


def test_the_command_prints_the_grants_without_running_them(capsys):
    call_command("audit_db_roles", "--app-role", "site_app", "--sql")
    output = capsys.readouterr().out
    assert "REVOKE UPDATE, DELETE, TRUNCATE" in output and "audit_auditentry" in output
    assert output.count(";") == len(app_role_statements("site_app"))


def test_a_role_name_that_is_not_an_identifier_is_refused():
    with pytest.raises(ValueError):
        app_role_statements('x"; DROP TABLE audit_auditentry; --')
