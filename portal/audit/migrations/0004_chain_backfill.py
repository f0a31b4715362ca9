"""Chain the entries written before the chain existed, oldest first (the owner role runs this)."""

from django.db import migrations

from portal.audit.chain import GENESIS, entry_hash

TRIGGER = "audit_entry_no_update_or_delete"


def _trigger(schema_editor, state: str) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE audit_auditentry {state} TRIGGER {TRIGGER}")


def chain_existing(apps, schema_editor):
    entry_model = apps.get_model("audit", "AuditEntry")
    _trigger(schema_editor, "DISABLE")
    previous = GENESIS
    for sequence, entry in enumerate(entry_model.objects.order_by("created_at", "id"), start=1):
        entry.sequence, entry.prev_hash = sequence, previous
        entry.row_hash = previous = entry_hash(entry)
        entry_model.objects.filter(pk=entry.pk).update(
            sequence=entry.sequence, prev_hash=entry.prev_hash, row_hash=entry.row_hash
        )
    _trigger(schema_editor, "ENABLE")


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_chain_fields")]

    operations = [migrations.RunPython(chain_existing, migrations.RunPython.noop)]
