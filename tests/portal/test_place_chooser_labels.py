"""The place choosers read in the reader's language (their widget class is built when the models
load, before any request), and every place, the province too, is shown by its full name."""

import pytest

from django.utils import translation

from portal.organizations.choosers import PlaceChooser, PlaceMultipleChooser
from portal.organizations.models import Jurisdiction
from tests.portal.screens import screen_text

pytestmark = pytest.mark.django_db


def chooser_text(language: str) -> str:
    """Both place choosers of an offer editor as rendered in a language, whitespace folded."""
    with translation.override(language):
        one = PlaceChooser().render("jurisdiction", None, attrs={"id": "id_jurisdiction"})
        several = PlaceMultipleChooser().render("service_area", [], attrs={"id": "id_area"})
    return " ".join(f"{one} {several}".split())


def test_place_choosers_follow_the_reader():
    chinese, english = chooser_text("zh-hans"), chooser_text("en")

    assert "选择地点" in chinese and "另选地点" in chinese and "> 修改 </a>" in chinese
    assert "Choose a place" in english and "Choose another place" in english
    assert "> Edit </a>" in english and "Clear choice" in english
    assert "Remove this place" in english and "Add a place" in english
    assert "修改" not in english and "清除选择" not in english


def test_province_is_named_by_its_name():
    assert Jurisdiction.objects.get(code="410000").full_name == "河南省"


def test_place_chooser_lists_the_province_by_name(superuser_client):
    province = Jurisdiction.objects.get(code="410000")

    text = screen_text(superuser_client, "/admin/places/chooser/results/")

    assert f'href="/admin/places/chooser/chosen/{province.pk}/"> 河南省 </a>' in text
