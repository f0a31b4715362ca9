"""Finding places by name: the one search rule of both place choosers, and their labels."""

import pytest

from portal.organizations.models import Jurisdiction, JurisdictionLevel
from portal.organizations.selectors import places_matching

pytestmark = pytest.mark.django_db


def codes(query: str) -> set[str]:
    return set(places_matching(query=query).values_list("code", flat=True))


def test_places_are_found_by_name_county_city_or_code():
    assert "410102002" in codes("建设路")
    assert {"410102", "410102001", "410102002"} <= codes("中原区")
    assert "410102001" in codes("郑州市")
    assert codes("41010200") == {
        "410102001",
        "410102002",
        "410102003",
        "410102004",
        "410102005",
        "410102006",
        "410102007",
        "410102008",
        "410102009",
    }


def test_a_search_is_kept_within_the_places_given():
    counties = Jurisdiction.objects.filter(level=JurisdictionLevel.COUNTY)
    found = places_matching(query="中原区", places=counties)
    assert list(found.values_list("code", flat=True)) == ["410102"]


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("410000", "河南省"),
        ("410100", "郑州市（河南省）"),
        ("410102", "中原区（郑州市）"),
        ("410102002", "建设路街道（中原区）"),
    ],
)
def test_place_is_labelled_with_the_division_it_lies_in(code, label):
    place = Jurisdiction.objects.select_related("parent").get(code=code)
    assert place.name_with_parent == label
