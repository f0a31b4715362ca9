"""Writers racing to append to the audit chain on PostgreSQL still leave one unbroken chain."""

import threading

import pytest

from django.conf import settings
from django.db import connection, transaction

from portal.audit.models import AuditEntry
from portal.audit.services import audit_chain_check, audit_record
from tests.factories.portal import OrganizationFactory, UserFactory

WRITERS = 6
ENTRIES_EACH = 5


def _append_together(actor, organization) -> list[Exception]:
    errors: list[Exception] = []
    barrier = threading.Barrier(WRITERS)

    def write():
        try:
            barrier.wait()
            for _ in range(ENTRIES_EACH):
                with transaction.atomic():
                    audit_record(actor=actor, action="organization.verify", obj=organization)
        except Exception as error:  # noqa: BLE001  # the test reports every writer's failure
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=write) for _ in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.mark.skipif(
    "sqlite" in settings.DATABASES["default"]["ENGINE"],
    reason="SQLite serializes every writer, so racing writers need PostgreSQL",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_writers_append_one_unbroken_chain():
    actor = UserFactory(email="race@example.cn")
    organization = OrganizationFactory()
    before = AuditEntry.objects.count()

    assert _append_together(actor, organization) == []

    sequences = list(AuditEntry.objects.order_by("sequence").values_list("sequence", flat=True))
    assert len(sequences) == before + WRITERS * ENTRIES_EACH
    assert sequences == list(range(sequences[0], sequences[0] + len(sequences)))
    assert audit_chain_check().intact
