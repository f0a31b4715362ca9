"""The index rebuild reads volunteer opportunities in a fixed number of queries, not per page."""

from datetime import time

from django.db import connection
from django.test.utils import CaptureQueriesContext

from matching.registry import sources
from matching.selectors import offer_document
from tests.factories.volunteers import (
    ShiftFactory,
    SignUpFactory,
    VolunteerOpportunityPageFactory,
    in_days,
    section_for,
)
from volunteers.models import VolunteerOpportunityPage

OPPORTUNITIES = "volunteer_opportunity"


def _opportunities(count: int, section=None) -> list:
    """Live opportunities with two shifts to come (one confirmed sign-up) and one past shift;
    the first one published through a revision, the others saved live (faster)."""
    section = section or section_for()
    pages = []
    for number in range(count):
        if number == 0:
            page = VolunteerOpportunityPageFactory(section=section)
        else:
            page = VolunteerOpportunityPage(
                title=f"社区公益服务日 {number}",
                summary="协助社区矫正对象参加公益劳动。",
                body="<p>整理社区图书角。</p>",
                interest="public_welfare",
                address="建设路1号",
                jurisdiction=pages[0].jurisdiction,
                live=True,
            )
            section.add_child(instance=page)
        shift = ShiftFactory(opportunity=page, seats=3)
        ShiftFactory(opportunity=page, seats=2, start_time=time(14), end_time=time(16))
        ShiftFactory(opportunity=page, date=in_days(-7))
        SignUpFactory(shift=shift)
        pages.append(page)
    return pages


def _rebuild_queries() -> tuple[int, list]:
    source = sources()[OPPORTUNITIES]
    with CaptureQueriesContext(connection) as queries:
        documents = [source.to_document(page) for page in source.queryset()]
    return len(queries), documents


def test_rebuild_reads_1_or_50_opportunities_in_the_same_few_queries(db):
    first = _opportunities(1)[0]
    _rebuild_queries()  # once, for what is read once per process (the sites' root paths)
    taken_for_one, documents = _rebuild_queries()
    assert len(documents) == 1
    _opportunities(49, section=first.get_parent())
    taken_for_fifty, documents = _rebuild_queries()
    assert len([document for document in documents if document is not None]) == 50
    assert taken_for_fifty == taken_for_one <= 3  # pages with sections, categories, shifts


def test_rebuild_documents_are_the_documents_of_each_opportunity(db):
    pages = _opportunities(2)
    _taken, documents = _rebuild_queries()
    one_by_one = [offer_document(key=f"{OPPORTUNITIES}:{page.pk}") for page in pages]
    assert sorted(documents, key=lambda d: d.key) == sorted(one_by_one, key=lambda d: d.key)
    assert {document.seats_left for document in documents} == {4}
    assert all(document.organization_id and document.provider_name for document in documents)


def test_opportunity_with_only_past_shifts_stays_out_of_the_rebuild(db):
    past = ShiftFactory(date=in_days(-1)).opportunity
    _taken, documents = _rebuild_queries()
    assert documents == [None]
    assert offer_document(key=f"{OPPORTUNITIES}:{past.pk}") is None
