"""The audit log is a hash chain: audit_verify finds an edited, an inserted and a deleted row."""

import hashlib
import io

import pytest

from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.urls import reverse

from portal.accounts.models import Role
from portal.audit.chain import GENESIS, canonical, entry_hash
from portal.audit.models import AuditEntry, AuditEntryIsAppendOnly, AuditVerification
from portal.audit.services import audit_chain_check, audit_record
from tests.factories.portal import OrganizationFactory, UserFactory, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain():
    actor = UserFactory(email="chain@example.cn")
    organization = OrganizationFactory()
    return [
        audit_record(
            actor=actor,
            action="organization.verify",
            obj=organization,
            detail={"reason": f"第{n}次", "amount": n},
        )
        for n in range(5)
    ]


def _raw(sql: str, params=()) -> None:
    """Write behind the application's back, as someone with the owner's rights could."""
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER USER")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditentry ENABLE TRIGGER USER")


def _verify() -> tuple[bool, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("audit_verify", stdout=out, stderr=err)
    except CommandError as error:
        return False, err.getvalue() + str(error)
    return True, out.getvalue()


def test_each_entry_links_to_the_one_before(chain):
    assert chain[0].prev_hash == GENESIS or chain[0].sequence > 1
    for before, after in zip(chain, chain[1:], strict=False):
        assert after.sequence == before.sequence + 1
        assert after.prev_hash == before.row_hash
        assert after.row_hash == entry_hash(after)


def test_an_untouched_chain_verifies_and_the_result_is_kept(chain):
    intact, output = _verify()
    assert intact and "intact" in output
    check = AuditVerification.objects.get()
    assert check.intact and check.rows_checked == len(chain)
    assert check.head_sequence == chain[-1].sequence and check.head_hash == chain[-1].row_hash


def test_the_hash_covers_what_reads_back_from_the_database(chain):
    for entry in AuditEntry.objects.all():
        assert entry.row_hash == entry_hash(entry)


def test_an_edited_row_is_found(chain):
    _raw("UPDATE audit_auditentry SET actor_label = %s WHERE id = %s", ["x@evil.cn", chain[2].pk])
    intact, output = _verify()
    assert not intact
    assert f"{chain[2].sequence}" in output and "BROKEN" in output
    assert not AuditVerification.objects.get().intact


def test_an_edited_detail_is_found(chain):
    _raw(
        "UPDATE audit_auditentry SET detail = %s WHERE id = %s",
        ['{"reason": "nothing", "amount": 1}', chain[1].pk],
    )
    problems = audit_chain_check().problems
    assert problems == [{"kind": "hash", "sequence": chain[1].sequence}]


def test_a_deleted_row_is_found(chain):
    _raw("DELETE FROM audit_auditentry WHERE id = %s", [chain[2].pk])
    problems = audit_chain_check().problems
    assert {"kind": "missing", "first": chain[2].sequence, "last": chain[2].sequence} in problems
    assert not _verify()[0]


def test_rows_deleted_from_the_end_are_found_by_the_next_check(chain):
    assert _verify()[0]
    _raw("DELETE FROM audit_auditentry WHERE id IN (%s, %s)", [chain[3].pk, chain[4].pk])
    problems = audit_chain_check().problems
    assert problems == [{"kind": "head", "sequence": chain[4].sequence}]


def test_an_inserted_row_is_found(chain):
    head = chain[-1]
    forged = AuditEntry(
        sequence=head.sequence + 1,
        prev_hash=head.row_hash,
        actor_label="x@evil.cn",
        action="casework.person.read",
        object_type="casework.supervisedperson",
        created_at=head.created_at,
    )
    forged.row_hash = hashlib.sha256(canonical(forged)).hexdigest()  # without the key: a guess
    _raw(
        "INSERT INTO audit_auditentry (sequence, prev_hash, row_hash, actor_label, action,"
        " object_type, object_id, object_repr, detail, jurisdiction_code, created_at)"
        " VALUES (%s, %s, %s, %s, %s, %s, '', '', '{}', '', %s)",
        [
            forged.sequence,
            forged.prev_hash,
            forged.row_hash,
            forged.actor_label,
            forged.action,
            forged.object_type,
            forged.created_at,
        ],
    )
    assert audit_chain_check().problems == [{"kind": "hash", "sequence": forged.sequence}]
    assert not _verify()[0]


def test_an_inserted_row_with_a_valid_hash_still_breaks_the_link(chain, settings):
    forged = AuditEntry(
        sequence=chain[-1].sequence + 1,
        prev_hash=chain[2].row_hash,  # claims to follow row 3, not the head
        actor_label="x@evil.cn",
        action="casework.person.read",
        object_type="casework.supervisedperson",
        created_at=chain[-1].created_at,
    )
    forged.row_hash = entry_hash(forged)
    forged.save()  # even with the key, the link to the row before gives it away
    assert audit_chain_check().problems == [{"kind": "unlinked", "sequence": forged.sequence}]


def test_bulk_create_is_refused():
    entry = AuditEntry(sequence=1, prev_hash=GENESIS, actor_label="x", action="x.y")
    entry.row_hash = entry_hash(entry)
    with pytest.raises(AuditEntryIsAppendOnly):
        AuditEntry.objects.bulk_create([entry])
    assert not AuditEntry.objects.exists()


def test_an_entry_written_around_audit_record_is_refused():
    with pytest.raises(AuditEntryIsAppendOnly):
        AuditEntry.objects.create(sequence=1, prev_hash=GENESIS, actor_label="x", action="x.y")
    assert not AuditEntry.objects.exists()


def test_a_changed_key_makes_every_row_fail(chain, settings):
    settings.AUDIT_HASH_KEY = "another key"
    assert len(audit_chain_check().problems) == len(chain)


def test_an_empty_log_verifies():
    assert _verify()[0]


@pytest.mark.parametrize("role", [Role.AGENCY_MANAGER, Role.OVERSIGHT])
def test_the_audit_screen_shows_the_last_check(client, chain, role):
    client.force_login(user_with_role(role))
    assert "audit_verify" in client.get(reverse("audit:list")).content.decode()
    _verify()
    assert client.get(reverse("audit:list")).context["verification"].intact
    _raw("DELETE FROM audit_auditentry WHERE id = %s", [chain[1].pk])
    _verify()
    response = client.get(reverse("audit:list"))
    assert not response.context["verification"].intact
    assert response.context["verification_problems"]
