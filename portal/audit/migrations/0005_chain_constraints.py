"""Every entry has a unique sequence number; PostgreSQL also refuses TRUNCATE of the audit
tables and any change to a recorded chain check."""

from django.db import migrations, models

CREATE = """
CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit entries are append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_entry_no_truncate
    BEFORE TRUNCATE ON audit_auditentry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only();
CREATE TRIGGER audit_verification_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_auditverification
    FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
CREATE TRIGGER audit_verification_no_truncate
    BEFORE TRUNCATE ON audit_auditverification
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS audit_entry_no_truncate ON audit_auditentry;
DROP TRIGGER IF EXISTS audit_verification_no_update_or_delete ON audit_auditverification;
DROP TRIGGER IF EXISTS audit_verification_no_truncate ON audit_auditverification;
"""


def create_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_chain_backfill")]

    operations = [
        migrations.AlterField(
            model_name="auditentry",
            name="sequence",
            field=models.PositiveBigIntegerField(unique=True, verbose_name="sequence number"),
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
