"""Fixtures of the matching tests: a temporary offer source over organizations, backends."""

import os
import uuid

import pytest

from matching.backends import get_backend
from matching.registry import OfferSource, register, sources, unregister
from matching.selectors import offer_key
from matching.types import OfferDocument
from portal.organizations.models import Organization, VerificationStatus

TEST_KIND = "test_org"


def organization_document(organization: Organization) -> OfferDocument | None:
    """Verified organizations stand in for offers in the index-sync tests."""
    if organization.status != VerificationStatus.VERIFIED:
        return None
    return OfferDocument(
        key=offer_key(TEST_KIND, organization.pk),
        kind=TEST_KIND,
        source_id=organization.pk,
        title=organization.name,
        text=organization.description,
        url=f"/organizations/{organization.pk}/",
        provider_name=organization.name,
        organization_id=organization.pk,
        jurisdiction_code=organization.jurisdiction.code,
    )


@pytest.fixture
def organization_source():
    """Register organizations as an offer source for one test, then forget them."""
    sources()
    register(
        OfferSource(
            kind=TEST_KIND,
            model=Organization,
            queryset=lambda: Organization.objects.filter(status=VerificationStatus.VERIFIED),
            to_document=organization_document,
        )
    )
    yield TEST_KIND
    unregister(TEST_KIND)


ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
BACKENDS = [
    "database",
    pytest.param(
        "elasticsearch",
        marks=[
            pytest.mark.elasticsearch,
            pytest.mark.skipif(not ELASTICSEARCH_URL, reason="ELASTICSEARCH_URL is not set"),
        ],
    ),
]


@pytest.fixture(params=BACKENDS)
def search_backend(request, settings):
    """Each search backend in turn (Elasticsearch only when ELASTICSEARCH_URL is set)."""
    if request.param == "elasticsearch":
        settings.MATCHING_BACKEND = "matching.backends.elasticsearch.ElasticsearchBackend"
        settings.ELASTICSEARCH_URL = ELASTICSEARCH_URL
        settings.ELASTICSEARCH_INDEX_PREFIX = f"test-{uuid.uuid4().hex[:12]}"
    else:
        settings.MATCHING_BACKEND = "matching.backends.database.DatabaseBackend"
    backend = get_backend()
    yield backend
    if request.param == "elasticsearch":
        backend.client.indices.delete(index=f"{backend.alias}-*")
