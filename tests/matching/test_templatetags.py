"""Any app's template can show why a hit ranked where it did."""

import pytest

from django.template import Context, Template
from django.utils import translation

from matching.types import Hit, ScoreParts
from tests.factories.matching import OfferDocumentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hit():
    document = OfferDocumentFactory(funded_by_contract=True, seats_left=2)
    return Hit(document=document, score=0.35, parts=ScoreParts(distance_km=1.5))


def test_hit_explanation_renders_a_list_of_sentences(hit):
    template = Template("{% load matching_tags %}{% hit_explanation hit %}")
    with translation.override("zh-hans"):
        html = template.render(Context({"hit": hit}))
    assert '<ul class="explanation muted"' in html
    assert "<li>距离 1.5 公里</li>" in html
    assert "<li>剩余 2 个名额</li>" in html


def test_explain_filter_gives_the_sentences(hit):
    template = Template("{% load matching_tags %}{% for s in hit|explain %}[{{ s }}]{% endfor %}")
    with translation.override("en"):
        text = template.render(Context({"hit": hit}))
    assert "[1.5 km away]" in text
    assert "[Funded by a purchase-of-service contract]" in text
