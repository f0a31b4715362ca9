"""Offers as matching documents: what ranking reads, and which offers are left out."""

from datetime import date, timedelta

import pytest

from matching.exceptions import SearchUnavailable
from matching.funding import funding_set
from matching.registry import sources
from services_catalog.documents import to_document
from tests.factories.services_catalog import ServiceOfferPageFactory

pytestmark = pytest.mark.django_db


def test_offer_document_carries_eligibility_place_seats_and_funding(section_a, organization_a):
    offer = ServiceOfferPageFactory(
        section=section_a,
        seats=10,
        min_age=18,
        max_age=45,
        genders=["female"],
        correction_types=["probation"],
        languages=["zh", "zh-henan"],
    )
    funding_set(
        source="test-line", organization_id=organization_a.pk, offer_key=f"service:{offer.pk}"
    )
    document = to_document(offer)
    assert document.key == f"service:{offer.pk}"
    assert document.organization_id == organization_a.pk
    assert document.categories == ("psychological-counseling",)
    assert document.jurisdiction_code == "410102"
    assert (document.min_age, document.max_age, document.genders) == (18, 45, ("female",))
    assert document.correction_types == ("probation",)
    assert document.seats_left == 10
    assert document.funded_by_contract
    assert "心理咨询" in document.text


def test_drafts_and_ended_offers_have_no_document(section_a):
    draft = ServiceOfferPageFactory(section=section_a, live=False)
    ended = ServiceOfferPageFactory(section=section_a, valid_until=date.today() - timedelta(days=1))
    assert to_document(draft) is None
    assert to_document(ended) is None
    assert ended not in list(sources()["service"].queryset())


def test_catalog_says_so_when_search_is_down(client, section_a, monkeypatch):
    ServiceOfferPageFactory(section=section_a)

    def unavailable(**kwargs):
        raise SearchUnavailable()

    monkeypatch.setattr("matching.selectors.offer_search", unavailable)
    response = client.get("/services/", {"q": "心理"})
    assert response.status_code == 200
    assert response.context["search_unavailable"]
    api = client.get("/api/hsds/services", {"search": "心理"})
    assert api.status_code == 503
