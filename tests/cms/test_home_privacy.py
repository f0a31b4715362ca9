"""The public home page never shows a volunteer mentor (mentors are named by their real name)."""

import pytest

from cms.selectors import offers_featured
from matching.models import OfferIndexEntry
from matching.services import index_rebuild
from tests.factories.portal import CorrectionsAgencyFactory
from tests.factories.volunteers import VolunteerProfileFactory

pytestmark = pytest.mark.django_db


def test_featured_offers_leave_mentors_out():
    mentor = VolunteerProfileFactory(
        agency=CorrectionsAgencyFactory(), interests=["mentoring"], real_name="欧阳志远"
    )
    index_rebuild()
    assert OfferIndexEntry.objects.filter(kind="mentor").exists()

    featured = offers_featured(limit=12)

    assert all(document.kind != "mentor" for document in featured)
    assert all(mentor.real_name not in str(document) for document in featured)
