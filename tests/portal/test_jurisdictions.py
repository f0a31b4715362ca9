from collections import Counter

import pytest

from portal.organizations.jurisdiction_data import load_jurisdictions
from portal.organizations.models import Jurisdiction, JurisdictionLevel

pytestmark = pytest.mark.django_db


def test_division_codes_are_unique():
    codes = Jurisdiction.objects.values_list("code", flat=True)
    assert len(codes) == len(set(codes))


def test_one_province_and_eighteen_city_level_divisions():
    assert list(
        Jurisdiction.objects.filter(level=JurisdictionLevel.PROVINCE).values_list("name", flat=True)
    ) == ["河南省"]
    cities = Jurisdiction.objects.filter(level=JurisdictionLevel.CITY)
    assert cities.count() == 18
    assert Jurisdiction.objects.get(code="419001").name == "济源市"
    assert not cities.exclude(parent__level=JurisdictionLevel.PROVINCE).exists()


def test_every_county_and_zone_is_under_a_city():
    counties = Jurisdiction.objects.filter(
        level__in=[JurisdictionLevel.COUNTY, JurisdictionLevel.ZONE]
    )
    assert counties.count() > 150
    assert not counties.exclude(parent__level=JurisdictionLevel.CITY).exists()


def test_every_township_is_under_a_county_or_zone():
    townships = Jurisdiction.objects.filter(level=JurisdictionLevel.TOWNSHIP)
    assert townships.count() == 2586
    assert not townships.exclude(
        parent__level__in=[JurisdictionLevel.COUNTY, JurisdictionLevel.ZONE]
    ).exists()


def test_every_row_has_coordinates_inside_henan():
    assert not Jurisdiction.objects.filter(latitude__isnull=True).exists()
    assert not Jurisdiction.objects.exclude(
        latitude__range=(31, 37), longitude__range=(110, 117)
    ).exists()


def test_codes_follow_their_parents():
    levels = Counter()
    for item in Jurisdiction.objects.select_related("parent").exclude(parent=None):
        assert item.code.startswith(
            item.parent.code[: 4 if item.level != JurisdictionLevel.CITY else 2]
        )
        levels[item.level] += 1
    assert levels[JurisdictionLevel.TOWNSHIP] == 2586


def test_full_name_joins_city_and_county():
    assert Jurisdiction.objects.get(code="410102").full_name == "郑州市中原区"


def test_loading_again_updates_in_place_without_duplicates():
    before = Jurisdiction.objects.count()
    Jurisdiction.objects.filter(code="410102").update(name="wrong")
    assert load_jurisdictions(Jurisdiction) == before
    assert Jurisdiction.objects.count() == before
    assert Jurisdiction.objects.get(code="410102").name == "中原区"


def test_full_name_of_a_township_names_city_county_and_township():
    township = Jurisdiction.objects.get(code="410102001")
    assert township.full_name == "郑州市中原区林山寨街道"


def test_full_name_of_a_city_is_its_own_name():
    assert Jurisdiction.objects.get(code="410100").full_name == "郑州市"


def test_full_name_of_a_county_loaded_with_its_parent_costs_no_query(django_assert_num_queries):
    county = Jurisdiction.objects.select_related("parent").get(code="410102")
    with django_assert_num_queries(0):
        assert county.full_name == "郑州市中原区"


def _walk_inside(place: Jurisdiction) -> set[str]:
    inside, frontier = {place.code}, [place.pk]
    while frontier:
        children = Jurisdiction.objects.filter(parent_id__in=frontier).values_list("pk", "code")
        frontier = [pk for pk, _code in children]
        inside |= {code for _pk, code in children}
    return inside


def test_the_code_prefix_keeps_exactly_the_places_the_parent_walk_reaches():
    codes = list(Jurisdiction.objects.values_list("code", flat=True))
    places = Jurisdiction.objects.exclude(level=JurisdictionLevel.PROVINCE).filter(
        level__in=[JurisdictionLevel.CITY, JurisdictionLevel.ZONE]
    )
    for place in [*places, Jurisdiction.objects.get(code="410102")]:
        by_prefix = {code for code in codes if code.startswith(place.code_prefix)}
        assert by_prefix == _walk_inside(place), place.code


def test_reports_and_staff_scopes_place_rows_by_the_same_rule():
    from portal.accounts.scopes import Scope
    from portal.organizations.models import Organization
    from portal.organizations.selectors import within_jurisdiction
    from tests.factories.portal import OrganizationFactory, jurisdiction

    for code in ("410102", "410171", "410102001", "410202"):
        OrganizationFactory(jurisdiction=jurisdiction(code))
    for code in ("410000", "410100", "410102", "410102001", "410200"):
        place = jurisdiction(code)
        kept = Organization.objects.filter(within_jurisdiction("jurisdiction", place))
        scope = Scope(
            everywhere=place.level == JurisdictionLevel.PROVINCE, prefix=place.code_prefix
        )
        covered = [o for o in Organization.objects.all() if scope.covers(o.jurisdiction.code)]
        assert set(kept) == set(covered), code
    assert (
        Organization.objects.filter(
            within_jurisdiction("jurisdiction", jurisdiction("410100"))
        ).count()
        == 3
    )
