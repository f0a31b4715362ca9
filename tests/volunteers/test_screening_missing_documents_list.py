"""The missing screening documents are listed as the reader's language writes a list."""

import pytest

from django.core.exceptions import ValidationError
from django.utils import translation

from tests.factories.volunteers import VolunteerProfileFactory
from volunteers.models import ScreeningStatus
from volunteers.services import screening_transition


def refusal(manager, agency) -> str:
    volunteer = VolunteerProfileFactory(agency=agency, status=ScreeningStatus.APPLIED)
    with pytest.raises(ValidationError) as refused:
        screening_transition(
            volunteer=volunteer,
            to_status=ScreeningStatus.DOCUMENTS_CHECKED,
            reason="check",
            actor=manager,
        )
    return " ".join(refused.value.messages)


def test_missing_documents_are_joined_with_a_comma_in_english(manager, agency):
    with translation.override("en"):
        message = refusal(manager, agency)

    assert "missing" in message and ", " in message
    assert "、" not in message


def test_missing_documents_are_joined_with_the_enumeration_comma_in_chinese(manager, agency):
    with translation.override("zh-hans"):
        message = refusal(manager, agency)

    assert "、" in message
