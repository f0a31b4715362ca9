"""Audit entries get a sequence number and a hash chain; chain checks get their own table."""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_trigger")]

    operations = [
        migrations.AddField(
            model_name="auditentry",
            name="sequence",
            field=models.PositiveBigIntegerField(null=True, verbose_name="sequence number"),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="prev_hash",
            field=models.CharField(
                default="", max_length=64, verbose_name="hash of the previous entry"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditentry",
            name="row_hash",
            field=models.CharField(default="", max_length=64, verbose_name="hash of this entry"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditentry",
            name="jurisdiction_code",
            field=models.CharField(
                blank=True,
                db_index=True,
                default="",
                help_text="Division code of the object's (else the actor's) place; scopes who reads it.",
                max_length=9,
                verbose_name="jurisdiction",
            ),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="created_at",
            field=models.DateTimeField(
                db_index=True, default=django.utils.timezone.now, verbose_name="when"
            ),
        ),
        migrations.CreateModel(
            name="AuditVerification",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "ran_at",
                    models.DateTimeField(
                        db_index=True,
                        default=django.utils.timezone.now,
                        verbose_name="checked at",
                    ),
                ),
                ("intact", models.BooleanField(verbose_name="chain intact")),
                ("rows_checked", models.PositiveBigIntegerField(verbose_name="entries checked")),
                (
                    "head_sequence",
                    models.PositiveBigIntegerField(
                        blank=True, null=True, verbose_name="last entry"
                    ),
                ),
                (
                    "head_hash",
                    models.CharField(
                        blank=True, max_length=64, verbose_name="hash of the last entry"
                    ),
                ),
                (
                    "problems",
                    models.JSONField(blank=True, default=list, verbose_name="problems found"),
                ),
            ],
            options={
                "verbose_name": "audit chain check",
                "verbose_name_plural": "audit chain checks",
                "ordering": ["-ran_at", "-id"],
                "default_permissions": ("view",),
            },
        ),
    ]
