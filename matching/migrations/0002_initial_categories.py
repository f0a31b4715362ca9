from django.db import migrations

CATEGORIES = [
    ("psychological-counseling", "心理咨询", "Psychological counseling"),
    ("vocational-skills-training", "职业技能培训", "Vocational skills training"),
    ("employment-guidance", "就业指导", "Employment guidance"),
    ("legal-education", "法治教育", "Legal education"),
    ("family-relationship-repair", "家庭关系修复", "Family relationship repair"),
    ("social-relationship-improvement", "社会关系改善", "Social relationship improvement"),
    ("public-welfare-activity", "公益活动", "Public-welfare activity"),
    ("education-support", "教育帮扶", "Education support"),
    ("temporary-assistance-housing", "临时救助与住房", "Temporary assistance and housing"),
    ("health-addiction", "健康与戒瘾", "Health and addiction"),
    ("entrepreneurship-support", "创业扶持", "Entrepreneurship support"),
]


def load(apps, schema_editor):
    category_model = apps.get_model("matching", "Category")
    for order, (slug, name, name_en) in enumerate(CATEGORIES, start=1):
        category_model.objects.update_or_create(
            slug=slug, defaults={"name": name, "name_en": name_en, "sort_order": order * 10}
        )


class Migration(migrations.Migration):
    dependencies = [("matching", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
