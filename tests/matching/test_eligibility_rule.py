"""One eligibility rule: every case gives the same answer through the search (each backend),
through the shared predicate and through the check made when a referral is sent."""

from dataclasses import replace
from datetime import timedelta

import pytest

from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from matching.models import Category, ReferralState, Side
from matching.rules import eligibility_problems
from matching.selectors import offer_search
from matching.services import SendFacts, referral_open, referral_transition
from matching.types import MatchQuery
from tests.factories.matching import OfferBook, PersonProfileFactory

pytestmark = pytest.mark.django_db
DAY = timedelta(days=1)

# (offer fields, person fields, seats) -> the engine returns the offer or not
CASES = [
    ({"genders": ("female",)}, {"gender": "male"}, None),
    ({"genders": ("female",)}, {"gender": "female"}, None),
    ({"genders": ("female",)}, {"gender": ""}, None),
    ({"min_age": 18, "max_age": 25}, {"age": 26}, None),
    ({"min_age": 18, "max_age": 25}, {"age": 25}, None),
    ({"min_age": 18}, {"age": None}, None),
    ({}, {"age": None}, None),
    ({"accepts_juveniles": True, "accepts_adults": False}, {"is_juvenile": False}, None),
    ({"accepts_juveniles": True, "accepts_adults": False}, {"is_juvenile": True}, None),
    ({}, {"is_juvenile": True, "age": 16}, None),
    ({}, {"is_juvenile": False, "age": 17}, None),
    ({"correction_types": ("parole",)}, {"correction_type": "probation"}, None),
    ({"correction_types": ("parole", "probation")}, {"correction_type": "probation"}, None),
    ({"supervision_levels": ("lenient",)}, {"supervision_level": "strict"}, None),
    ({"supervision_levels": ("lenient",)}, {"supervision_level": "lenient"}, None),
    ({"service_area_codes": ("410102",)}, {"jurisdiction_code": "410102001"}, None),
    ({"service_area_codes": ("410102",)}, {"jurisdiction_code": "410105"}, None),
    ({"service_area_codes": ("410100",)}, {"jurisdiction_code": "410105"}, None),
    ({"service_area_codes": ("410100",)}, {"jurisdiction_code": "410302"}, None),
    ({"service_area_codes": ("410102",)}, {"jurisdiction_code": ""}, None),
    ({}, {}, 0),
    ({}, {}, 1),
    ({"seats_left": 0}, {}, None),
    ({"valid_until": "yesterday"}, {}, None),
    ({"valid_until": "today"}, {}, None),
    ({"valid_from": "tomorrow"}, {}, None),
]


def _dated(fields: dict) -> dict:
    today = timezone.localdate()
    days = {"yesterday": today - DAY, "today": today, "tomorrow": today + DAY}
    return {
        key: days.get(value, value) if isinstance(value, str) else value
        for key, value in fields.items()
    }


def _search_finds(document, person) -> bool:
    query = MatchQuery(person=person, on_date=timezone.localdate(), limit=100)
    return document.key in {hit.document.key for hit in offer_search(query=query).hits}


def _send_succeeds(document, person) -> bool:
    referral = referral_open(
        person_code="RRULE0001",
        offer_key=document.key,
        need_category=Category.objects.get(slug="psychological-counseling"),
        shared_fields=[],
        actor=None,
    )
    try:
        referral = referral_transition(
            referral=referral,
            action="send",
            side=Side.CASEWORKER,
            actor=None,
            facts=SendFacts(profile=person),
        )
    except ValidationError:
        referral.refresh_from_db()
        assert referral.state == ReferralState.DRAFT
        return False
    return referral.state == ReferralState.SENT


@pytest.fixture
def offers(search_backend):
    book = OfferBook()
    yield book
    book.restore()


@pytest.mark.parametrize(("offer", "person", "seats"), CASES)
def test_search_predicate_and_send_check_agree(offers, offer, person, seats):
    document = offers.add(seats=seats, **_dated(offer))
    profile = PersonProfileFactory(**person)
    found = _search_finds(document, profile)
    indexed = document if seats is None else replace(document, seats_left=seats)
    problems = eligibility_problems(document=indexed, person=profile, on=timezone.localdate())
    assert found is (not problems)
    assert _send_succeeds(document, profile) is found


@pytest.mark.parametrize(("language", "word"), [("en", "gender"), ("zh-hans", "性别")])
def test_a_refused_send_says_why_in_the_users_language(offers, language, word):
    document = offers.add(genders=("female",))
    referral = referral_open(
        person_code="RRULE0002",
        offer_key=document.key,
        need_category=Category.objects.get(slug="psychological-counseling"),
        shared_fields=[],
        actor=None,
    )
    with translation.override(language), pytest.raises(ValidationError) as error:
        referral_transition(
            referral=referral,
            action="send",
            side=Side.CASEWORKER,
            actor=None,
            facts=SendFacts(profile=PersonProfileFactory(gender="male")),
        )
    with translation.override(language):
        assert word in " ".join(error.value.messages)
