"""Filling and posting Wagtail's page editor the way a browser does."""

from django.urls import reverse

from wagtail.test.utils.form_data import querydict_from_html, rich_text

from matching.models import Category


def offer_fields() -> dict:
    """A complete offer as a provider would fill it in."""
    category = Category.objects.get(slug="vocational-skills-training")
    return {**OFFER_FIELDS, "categories": [str(category.pk)]}


OFFER_FIELDS = {
    "title": "就业技能提升培训",
    "slug": "jiuye-jineng",
    "summary": "面向社区矫正对象的职业技能培训。",
    "description": rich_text("<p>每周两次，系统学习电工基础。</p>"),
    "delivery_modes": ["on_site"],
    "languages": ["zh"],
    "cost": "free",
    "contact_name": "王老师",
    "contact_phone": "0371-66668888",
    "accepts_adults": "on",
}


def post_editor(client, url: str, changes: dict, action: str):
    """GET an editor page, change its form like a user would, and press one of its buttons."""
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    data = querydict_from_html(page.content.decode(), form_id="page-edit-form")
    for name, value in changes.items():
        if isinstance(value, list):
            data.setlist(name, value)
        else:
            data[name] = value
    data[action] = "1"
    # Every value of a multi-valued field, as a browser sends them (a QueryDict posts its last).
    return client.post(url, {name: data.getlist(name) for name in data})


def add_url(section) -> str:
    return reverse(
        "wagtailadmin_pages:add", args=["services_catalog", "serviceofferpage", section.pk]
    )


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])
