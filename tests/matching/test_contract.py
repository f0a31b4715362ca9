"""The backend contract: the same persons and offers give the same results on every backend.

Runs on the database backend (SQLite or PostgreSQL per DATABASE_URL) and, when
ELASTICSEARCH_URL is set, on Elasticsearch; the expected results are written once.
"""

from datetime import date

import pytest

from matching.selectors import offer_search
from matching.types import MatchQuery, Need
from tests.factories.matching import (
    JINSHUI,
    LUOYANG,
    OfferDocumentFactory,
    PersonProfileFactory,
    index_documents,
)

pytestmark = pytest.mark.django_db
TODAY = date(2026, 6, 1)


@pytest.fixture
def marketplace(search_backend):
    offers = {
        "counseling_near": OfferDocumentFactory(
            key="service:1", title="青少年心理咨询", categories=("psychological-counseling",)
        ),
        "counseling_far_funded": OfferDocumentFactory(
            key="service:2",
            title="心理健康辅导",
            categories=("psychological-counseling",),
            funded_by_contract=True,
            latitude=LUOYANG[1],
            longitude=LUOYANG[2],
        ),
        "training_job": OfferDocumentFactory(
            key="job:3",
            kind="job",
            title="电工学徒岗位",
            categories=("vocational-skills-training", "employment-guidance"),
            latitude=JINSHUI[1],
            longitude=JINSHUI[2],
        ),
        "women_only": OfferDocumentFactory(
            key="service:4", title="女性互助小组", genders=("female",)
        ),
        "full": OfferDocumentFactory(key="service:5", title="法治讲座", seats_left=0),
        "expired": OfferDocumentFactory(
            key="service:6", title="过期活动", valid_until=date(2026, 1, 1)
        ),
        "juveniles": OfferDocumentFactory(
            key="service:7",
            title="未成年人学业帮扶",
            categories=("education-support",),
            accepts_juveniles=True,
            accepts_adults=False,
        ),
        "parole_mentor": OfferDocumentFactory(
            key="mentor:8",
            kind="mentor",
            title="假释人员就业导师",
            categories=("employment-guidance",),
            correction_types=("parole",),
            latitude=JINSHUI[1],
            longitude=JINSHUI[2],
        ),
    }
    index_documents(*offers.values())
    return {document.key: name for name, document in offers.items()}


def names(marketplace, **query) -> list[str]:
    result = offer_search(query=MatchQuery(on_date=TODAY, **query))
    return [marketplace[hit.document.key] for hit in result.hits]


def test_man_on_probation_needing_counseling_and_work(marketplace):
    person = PersonProfileFactory(
        needs=(Need("psychological-counseling", 5), Need("employment-guidance", 2))
    )
    assert names(marketplace, person=person) == [
        "counseling_near",
        "counseling_far_funded",
        "training_job",
    ]


def test_woman_on_parole_needing_work_with_ties_broken_by_key(marketplace):
    person = PersonProfileFactory(
        gender="female", correction_type="parole", needs=(Need("employment-guidance", 4),)
    )
    assert names(marketplace, person=person) == [
        "training_job",
        "parole_mentor",
        "counseling_near",
        "women_only",
        "counseling_far_funded",
    ]


def test_juvenile_sees_only_offers_for_juveniles(marketplace):
    person = PersonProfileFactory(is_juvenile=True, age=16, needs=(Need("education-support", 3),))
    assert names(marketplace, person=person) == ["juveniles"]


def test_keyword_and_kind_filters_agree(marketplace):
    person = PersonProfileFactory()
    assert names(marketplace, person=person, keyword="心理") == [
        "counseling_near",
        "counseling_far_funded",
    ]
    assert names(marketplace, person=person, kinds=("job", "mentor")) == ["training_job"]


def test_public_keyword_search_sees_every_open_offer_but_never_full_or_expired(marketplace):
    found = names(marketplace, limit=100)
    assert "full" not in found and "expired" not in found
    assert len(found) == 6
