from dataclasses import replace

import pytest

from django.db import models

from cms import selectors
from matching.registry import OfferSource
from matching.types import OfferDocument
from tests.factories.cms import site_home

pytestmark = pytest.mark.django_db


def document(number: int) -> OfferDocument:
    return OfferDocument(
        key=f"service:{number}",
        kind="service",
        source_id=number,
        title=f"心理辅导服务{number}",
        text="一对一心理辅导",
        url=f"/services/{number}/",
        provider_name="阳光社工",
        funded_by_contract=True,
    )


def source(kind, queryset):
    return OfferSource(kind=kind, model=models.Model, queryset=queryset, to_document=lambda o: o)


def broken_queryset():
    raise RuntimeError("offer app is down")


def test_home_page_shows_featured_offers_from_the_registered_sources(client, monkeypatch):
    site_home()
    offers = source("service", lambda: [document(1), document(2), None, document(3)])
    monkeypatch.setattr(selectors, "sources", lambda: {"service": offers})

    response = client.get("/")

    assert [offer.key for offer in response.context["featured_offers"]] == [
        "service:1",
        "service:2",
        "service:3",
    ]
    assert "心理辅导服务1" in response.content.decode()
    assert "政府购买" in response.content.decode()


def test_a_failing_offer_source_never_breaks_the_home_page(client, monkeypatch):
    site_home()
    sources = {"broken": source("broken", broken_queryset), "job": source("job", lambda: [])}
    monkeypatch.setattr(selectors, "sources", lambda: sources)

    response = client.get("/")

    assert response.status_code == 200
    assert response.context["featured_offers"] == []
    assert "推荐帮扶项目" not in response.content.decode()


def test_featured_offers_are_capped_at_the_limit(monkeypatch):
    many = source("service", lambda: [document(number) for number in range(10)])
    monkeypatch.setattr(selectors, "sources", lambda: {"service": many})

    assert len(selectors.offers_featured(limit=3)) == 3


def test_featured_offers_take_turns_between_kinds_and_skip_full_ones(monkeypatch):
    full = replace(document(9), seats_left=0)
    services = source("service", lambda: [full, document(1), document(2)])
    jobs = source("job", lambda: [replace(document(5), key="job:5", kind="job")])
    monkeypatch.setattr(selectors, "sources", lambda: {"service": services, "job": jobs})

    featured = selectors.offers_featured(limit=3)

    assert [offer.key for offer in featured] == ["service:1", "job:5", "service:2"]
