"""The caseworker-facing explanation of a hit."""

import pytest

from django.utils import translation

from matching.selectors import category_names_in_language, explain, hit_facts
from matching.types import Hit, Need, ScoreParts
from tests.factories.matching import OfferDocumentFactory

pytestmark = pytest.mark.django_db


def hit(parts: ScoreParts | None = None, **document) -> Hit:
    return Hit(document=OfferDocumentFactory(**document), score=1.0, parts=parts or ScoreParts())


def test_explains_needs_distance_funding_seats_and_words_in_english():
    parts = ScoreParts(
        matched_needs=("psychological-counseling",),
        met_needs=(Need("psychological-counseling", 5),),
        distance_km=3.24,
        matched_terms=("心理",),
    )
    with translation.override("en"):
        sentences = explain(hit(parts, funded_by_contract=True, seats_left=5))
    assert sentences == [
        "Meets needs: Psychological counseling (priority 5)",
        "3.2 km away",
        "Funded by a purchase-of-service contract",
        "5 seats left",
        "Matches the search words: 心理",
        "Eligibility: open to every supervised adult",
    ]


def test_explains_in_chinese_by_default():
    parts = ScoreParts(met_needs=(Need("psychological-counseling", 5),), distance_km=3.24)
    with translation.override("zh-hans"):
        sentences = explain(hit(parts, funded_by_contract=True, seats_left=1))
    assert "心理咨询" in sentences[0]
    assert "3.2" in sentences[1]
    assert all(sentence.isascii() is False for sentence in sentences)


def test_one_seat_left_is_singular():
    with translation.override("en"):
        assert "1 seat left" in explain(hit(seats_left=1))


def test_unlimited_offer_says_nothing_about_seats_and_no_location_nothing_about_distance():
    with translation.override("en"):
        sentences = explain(hit(seats_left=None))
    assert not any("seat" in sentence or "km" in sentence for sentence in sentences)


def test_explains_every_eligibility_condition():
    document = {
        "genders": ("female",),
        "min_age": 18,
        "max_age": 25,
        "accepts_juveniles": True,
        "correction_types": ("parole",),
        "supervision_levels": ("strict",),
    }
    with translation.override("en"):
        sentence = explain(hit(**document))[-1]
    assert sentence == (
        "Eligibility: Female; aged 18 to 25; adults and juveniles; Parole; Strict supervision"
    )


@pytest.mark.parametrize(
    ("ages", "text"),
    [((18, None), "aged 18 and over"), ((None, 60), "aged up to 60")],
)
def test_explains_open_ended_age_ranges(ages, text):
    with translation.override("en"):
        assert text in explain(hit(min_age=ages[0], max_age=ages[1]))[-1]


def test_juveniles_only_offer_says_so():
    with translation.override("en"):
        sentence = explain(hit(accepts_juveniles=True, accepts_adults=False))[-1]
    assert sentence == "Eligibility: juveniles only"


def test_renamed_category_shows_its_new_name():
    from matching.models import Category

    Category.objects.filter(slug="legal-education").update(name_en="Law classes")
    category = Category.objects.get(slug="legal-education")
    category.save()
    parts = ScoreParts(met_needs=(Need("legal-education", 2),))
    with translation.override("en"):
        assert explain(hit(parts))[0] == "Meets needs: Law classes (priority 2)"


def test_texts_follow_the_active_language_call_after_call():
    parts = ScoreParts(met_needs=(Need("psychological-counseling", 5),), distance_km=1.0)
    readings = []
    for language in ("en", "zh-hans", "en"):
        with translation.override(language):
            readings.append((explain(hit(parts, seats_left=2)), hit_facts(hit(parts))))

    assert readings[0] == readings[2]
    assert readings[0][0][0] == "Meets needs: Psychological counseling (priority 5)"
    assert readings[1][0][0] == "满足需求：心理咨询（优先级 5）"
    assert [fact.text for fact in readings[1][1]][-1] == "满足：心理咨询"


def test_seat_counts_take_their_plural_form_each_time():
    with translation.override("en"):
        texts = [explain(hit(seats_left=count))[0] for count in (1, 2, 1, 0)]
    assert texts == ["1 seat left", "2 seats left", "1 seat left", "0 seats left"]


def test_names_read_once_for_many_hits_give_the_same_reading():
    parts = ScoreParts(met_needs=(Need("legal-education", 2), Need("gone-category", 1)))
    with translation.override("en"):
        names = category_names_in_language()
        assert explain(hit(parts), names=names) == explain(hit(parts))
        assert hit_facts(hit(parts), names=names) == hit_facts(hit(parts))
        assert hit_facts(hit(parts))[-1].text == "meets: Legal education, gone-category"


def test_facts_in_english_and_chinese():
    parts = ScoreParts(distance_km=12.34)
    document = {"kind": "job", "seats_left": None, "funded_by_contract": False}
    with translation.override("en"):
        english = [fact.text for fact in hit_facts(hit(parts, **document))]
    with translation.override("zh-hans"):
        chinese = [fact.text for fact in hit_facts(hit(parts, **document))]
    assert english == [
        "Job offer",
        "12.3 km",
        "no seat limit",
        "not contract-funded",
        "meets no assessed need",
    ]
    assert chinese[1] == "12.3 公里" and chinese[2] == "名额不限" and chinese[3] == "非合同资助"
