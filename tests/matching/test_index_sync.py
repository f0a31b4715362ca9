"""The index follows the data: save, delete, publish, unpublish and seat changes."""

import pytest
from django_tasks import default_task_backend

from wagtail.models import Page

from matching.registry import OfferSource, register, unregister
from matching.selectors import offer_key, offer_search
from matching.services import capacity_set, index_offer, seat_release, seat_take
from matching.types import MatchQuery, OfferDocument
from portal.organizations.models import VerificationStatus
from tests.factories.portal import OrganizationFactory

pytestmark = pytest.mark.django_db


def indexed(kind: str) -> dict[str, OfferDocument]:
    result = offer_search(query=MatchQuery(limit=100))
    return {hit.document.key: hit.document for hit in result.hits if hit.document.kind == kind}


def test_saving_an_offer_indexes_it(organization_source):
    organization = OrganizationFactory(name="郑州心理服务中心")
    assert indexed(organization_source)[offer_key(organization_source, organization.pk)]


def test_editing_an_offer_replaces_its_document(organization_source):
    organization = OrganizationFactory()
    organization.name = "洛阳就业帮扶中心"
    organization.save()
    key = offer_key(organization_source, organization.pk)
    assert indexed(organization_source)[key].title == "洛阳就业帮扶中心"


def test_offer_that_stops_being_indexable_leaves_the_index(organization_source):
    organization = OrganizationFactory()
    organization.status = VerificationStatus.UNVERIFIED
    organization.save()
    assert indexed(organization_source) == {}


def test_deleting_an_offer_removes_it(organization_source):
    organization = OrganizationFactory()
    organization.delete()
    assert indexed(organization_source) == {}


def test_unregistered_models_are_not_indexed():
    OrganizationFactory()
    assert offer_search(query=MatchQuery()).total == 0


def test_seat_changes_reindex_the_offer(organization_source):
    organization = OrganizationFactory()
    key = offer_key(organization_source, organization.pk)
    capacity_set(offer_key=key, seats_total=2)
    assert indexed(organization_source)[key].seats_left == 2
    seat_take(offer_key=key)
    assert indexed(organization_source)[key].seats_left == 1
    seat_take(offer_key=key)
    assert key not in indexed(organization_source)
    seat_release(offer_key=key)
    assert indexed(organization_source)[key].seats_left == 1


def test_indexing_is_queued_as_a_background_task(organization_source, settings):
    organization = OrganizationFactory()
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    key = offer_key(organization_source, organization.pk)
    organization.name = "新名称社会工作服务中心"
    organization.save()
    assert indexed(organization_source)[key].title != "新名称社会工作服务中心"
    assert [result.kwargs for result in default_task_backend.results] == [{"key": key}]


def test_index_offer_for_an_unknown_key_is_harmless():
    index_offer(key="nothing:1")
    index_offer(key="service:not-a-number")
    assert offer_search(query=MatchQuery()).total == 0


def page_document(page: Page) -> OfferDocument | None:
    if not page.live:
        return None
    return OfferDocument(
        key=offer_key("test_page", page.pk),
        kind="test_page",
        source_id=page.pk,
        title=page.title,
        text="",
        url=page.url_path,
        provider_name="",
    )


@pytest.fixture
def page_source():
    register(
        OfferSource(
            kind="test_page",
            model=Page,
            queryset=lambda: Page.objects.live().filter(depth__gt=1),
            to_document=page_document,
        )
    )
    yield "test_page"
    unregister("test_page")


@pytest.fixture
def draft_page(page_source):
    return Page.get_first_root_node().add_child(
        instance=Page(title="心理咨询服务", slug="counseling", live=False)
    )


def test_publishing_a_page_indexes_it_and_unpublishing_removes_it(draft_page):
    key = offer_key("test_page", draft_page.pk)
    assert key not in indexed("test_page")
    draft_page.save_revision().publish()
    assert indexed("test_page")[key].title == "心理咨询服务"
    draft_page.refresh_from_db()
    draft_page.unpublish()
    assert key not in indexed("test_page")


def test_publishing_an_edit_updates_the_title(draft_page):
    draft_page.save_revision().publish()
    draft_page.title = "法治教育讲座"
    draft_page.save_revision().publish()
    assert indexed("test_page")[offer_key("test_page", draft_page.pk)].title == "法治教育讲座"
