import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0005_chain_constraints"),
        ("organizations", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="CaseReviewGrant",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "case_code",
                    models.CharField(db_index=True, max_length=12, verbose_name="case code"),
                ),
                ("reason", models.TextField(max_length=2000, verbose_name="reason")),
                (
                    "starts_at",
                    models.DateTimeField(default=django.utils.timezone.now, verbose_name="from"),
                ),
                ("ends_at", models.DateTimeField(verbose_name="until")),
                (
                    "revoked_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="withdrawn at"),
                ),
                (
                    "expiry_recorded",
                    models.BooleanField(default=False, verbose_name="expiry recorded"),
                ),
                (
                    "created_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="granted at"
                    ),
                ),
                (
                    "agency",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="case_review_grants",
                        to="organizations.correctionsagency",
                        verbose_name="corrections agency",
                    ),
                ),
                (
                    "granted_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="granted by",
                    ),
                ),
                (
                    "grantee",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="case_review_grants",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="granted to",
                    ),
                ),
            ],
            options={
                "verbose_name": "named case review",
                "verbose_name_plural": "named case reviews",
                "ordering": ["-created_at", "-id"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("ends_at__gt", models.F("starts_at"))),
                        name="case_review_ends_after_start",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("reason", ""), _negated=True),
                        name="case_review_has_a_reason",
                    ),
                ],
            },
        ),
    ]
