import django.db.models.deletion
from django.db import migrations, models

SHARED_FIELDS = ("first_name", "phone", "age", "gender")
STATES = {"sent", "accepted", "declined", "in_progress", "completed", "no_show", "withdrawn", "closed"}


def _placeholder(Referral, Category, application, alias):
    """A referral for an application whose referral never lived in casework (demo data),
    made from the copies the application kept."""
    state = application.referral_state if application.referral_state in STATES else "sent"
    job = application.job
    shared = {k: v for k, v in (application.shared or {}).items() if k in SHARED_FIELDS}
    reason = application.outcome_reason or "—"
    return Referral.objects.using(alias).create(
        person_code=application.referral_code,
        offer_key=f"job:{application.job_id}",
        offer_title=getattr(job, "title", "")[:255],
        offer_kind="job",
        provider_name=getattr(job.organization, "name", "")[:255] if job.organization_id else "",
        organization_id=job.organization_id,
        need_category=Category.objects.using(alias).get(slug="employment-guidance"),
        shared_fields=sorted(shared),
        shared_values=shared,
        state=state,
        decline_reason=reason if state == "declined" else "",
        outcome=reason if state == "completed" else "",
        sent_at=application.created_at,
        created_by_id=application.created_by_id,
    )


def point_at_referrals(apps, schema_editor):
    """Tie each application to its referral (same id, now in matching)."""
    alias = schema_editor.connection.alias
    Application = apps.get_model("employment", "JobApplication")
    Referral = apps.get_model("matching", "Referral")
    Category = apps.get_model("matching", "Category")
    existing = set(Referral.objects.using(alias).values_list("pk", flat=True))
    for application in Application.objects.using(alias).select_related("job").iterator():
        if application.legacy_referral in existing:
            application.referral_id = application.legacy_referral
        else:
            application.referral_id = _placeholder(Referral, Category, application, alias).pk
        application.save(update_fields=["referral"])


class Migration(migrations.Migration):

    dependencies = [
        ("employment", "0003_alter_entrepreneurshipsupportpage_address_and_more"),
        ("matching", "0006_referral"),
    ]

    operations = [
        migrations.RenameField(
            model_name="jobapplication", old_name="referral_id", new_name="legacy_referral"
        ),
        migrations.AddField(
            model_name="jobapplication",
            name="referral",
            field=models.OneToOneField(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="job_application",
                to="matching.referral",
                verbose_name="referral",
            ),
        ),
        migrations.RunPython(point_at_referrals, migrations.RunPython.noop),
        migrations.RemoveField(model_name="jobapplication", name="legacy_referral"),
        migrations.RemoveField(model_name="jobapplication", name="referral_code"),
        migrations.RemoveField(model_name="jobapplication", name="referral_state"),
        migrations.RemoveField(model_name="jobapplication", name="shared"),
        migrations.AlterField(
            model_name="jobapplication",
            name="referral",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="job_application",
                to="matching.referral",
                verbose_name="referral",
            ),
        ),
    ]
