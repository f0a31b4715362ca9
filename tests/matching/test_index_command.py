"""`manage.py matching_index rebuild|status|verify`."""

from io import StringIO

import pytest

from django.core.management import call_command

from matching.backends import get_backend
from matching.models import OfferIndexEntry
from matching.selectors import offer_key
from matching.services import capacity_set
from portal.organizations.models import Organization, VerificationStatus
from tests.factories.matching import OfferDocumentFactory, index_documents
from tests.factories.portal import OrganizationFactory

pytestmark = pytest.mark.django_db


def run(*args) -> tuple[str, int]:
    out = StringIO()
    try:
        call_command("matching_index", *args, stdout=out, stderr=StringIO())
    except SystemExit as exit_:
        return out.getvalue(), int(exit_.code)
    return out.getvalue(), 0


@pytest.fixture
def organizations(organization_source):
    created = OrganizationFactory.create_batch(3)
    OrganizationFactory(status=VerificationStatus.UNVERIFIED)
    return created


def test_rebuild_indexes_every_indexable_offer_and_drops_the_rest(organizations):
    index_documents(OfferDocumentFactory(key="service:999", source_id=999))
    output, code = run("rebuild")
    assert code == 0
    assert "3" in output
    assert set(get_backend().fingerprints()) == {
        offer_key("test_org", organization.pk) for organization in organizations
    }


def test_status_counts_documents_by_kind(organizations):
    index_documents(OfferDocumentFactory(kind="job"))
    output, code = run("status")
    assert code == 0
    assert "test_org: 3" in output
    assert "job: 1" in output


def test_verify_passes_on_a_fresh_index(organizations):
    run("rebuild")
    output, code = run("verify")
    assert code == 0


def test_verify_finds_missing_stale_and_extra_documents(organizations):
    run("rebuild")
    first, second, third = organizations
    OfferIndexEntry.objects.filter(key=offer_key("test_org", first.pk)).delete()
    Organization.objects.filter(pk=second.pk).update(name="改名而未重建索引的中心")
    index_documents(OfferDocumentFactory(key="service:4242", source_id=4242))
    output, code = run("verify")
    assert code == 1
    assert f"  test_org:{first.pk}" in output
    assert f"  test_org:{second.pk}" in output
    assert "  service:4242" in output
    assert f"test_org:{third.pk}" not in output


def test_verify_finds_seat_changes_that_were_not_indexed(organizations, settings):
    run("rebuild")
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    capacity_set(offer_key=offer_key("test_org", organizations[0].pk), seats_total=4)
    output, code = run("verify")
    assert code == 1
    assert f"test_org:{organizations[0].pk}" in output


def test_repair_brings_every_disagreeing_offer_back_in_line(organizations):
    run("rebuild")
    first, second, _third = organizations
    OfferIndexEntry.objects.filter(key=offer_key("test_org", first.pk)).delete()
    Organization.objects.filter(pk=second.pk).update(name="改名而未重建索引的中心")
    index_documents(OfferDocumentFactory(key="service:4242", source_id=4242))
    output, code = run("repair")
    assert code == 0
    assert "3" in output
    assert run("verify")[1] == 0
