"""The matching demo seeder indexes every offer, and running it twice changes nothing."""

import pytest

from matching.demo import seed_offer_index
from matching.selectors import index_status
from portal.demo import DemoContext
from tests.factories.portal import OrganizationFactory

pytestmark = pytest.mark.django_db


def test_demo_indexes_every_offer_and_is_idempotent(organization_source):
    OrganizationFactory.create_batch(2)
    lines: list[str] = []
    context = DemoContext(write=lines.append, show_passwords=False)
    seed_offer_index(context)
    seed_offer_index(context)
    assert index_status()[organization_source] == 2
    assert len(lines) == 2
