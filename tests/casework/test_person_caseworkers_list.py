"""The person's assigned caseworkers are listed as the reader's language writes a list: the
enumeration comma in Chinese, a comma in English."""

import re

import pytest

from django.urls import reverse

from tests.factories.portal import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def names(person, caseworker, office_colleague) -> list[str]:
    person.caseworkers.add(office_colleague)
    return [str(caseworker), str(office_colleague)]


def caseworkers_shown(client, caseworker, person, names: list[str]) -> str:
    """The description that lists both caseworkers."""
    client.login(email=caseworker.email, password=PASSWORD)
    body = client.get(reverse("casework:person_detail", args=[person.pk])).content.decode()
    cells = re.findall(r"<dd>(.*?)</dd>", body, re.DOTALL)
    return next(cell for cell in cells if all(name in cell for name in names))


def test_caseworkers_are_joined_with_a_comma_in_english(english, caseworker, person, names):
    shown = caseworkers_shown(english, caseworker, person, names)

    assert ", " in shown and "、" not in shown


def test_caseworkers_are_joined_with_the_enumeration_comma_in_chinese(
    client, caseworker, person, names
):
    shown = caseworkers_shown(client, caseworker, person, names)

    assert "、" in shown
