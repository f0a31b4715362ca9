import pytest

from wagtail.models import Site

from tests.factories.cms import event_index, news_index, policy_index, site_home
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


@pytest.mark.parametrize(
    ("model", "parent"),
    [
        ("standardpage", site_home),
        ("newspage", news_index),
        ("eventpage", event_index),
        ("policypage", policy_index),
    ],
)
def test_editor_gets_the_page_form_of_every_page_type(editor, model, parent):
    response = editor.get(f"/admin/pages/add/cms/{model}/{parent().pk}/")

    assert response.status_code == 200


@pytest.mark.parametrize("setting", ["navigationsettings", "footersettings"])
def test_editor_gets_the_site_settings_forms(editor, setting):
    site = Site.objects.get(root_page=site_home())

    response = editor.get(f"/admin/settings/cms/{setting}/{site.pk}/")

    assert response.status_code == 200


def test_editor_publishes_a_news_item_through_the_admin(editor, client):
    index = news_index()
    form = {
        "title": "新志愿者培训开班",
        "slug": "volunteer-training",
        "date": "2026-11-20",
        "intro": "第一期志愿者岗前培训开班。",
        "body-count": "0",
        "action-publish": "publish",
    }

    response = editor.post(f"/admin/pages/add/cms/newspage/{index.pk}/", form)

    assert response.status_code == 302
    assert "新志愿者培训开班" in client.get(index.url).content.decode()


def test_a_volunteer_cannot_open_the_page_editor(client):
    client.force_login(UserFactory())

    response = client.get(f"/admin/pages/add/cms/newspage/{news_index().pk}/")

    assert response.status_code in (302, 403)
