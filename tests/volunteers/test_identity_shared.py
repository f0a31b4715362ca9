"""A volunteer profile giving someone else's identity number: the same answer as any number, no
squatting, and the screening manager decides whose number it is."""

import re

import pytest

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from portal.accounts.models import Role
from portal.audit.models import AuditEntry
from tests.factories.portal import PASSWORD, CorrectionsAgencyFactory, UserFactory, jurisdiction
from tests.factories.volunteers import (
    ScreeningDocumentFactory,
    VolunteerProfileFactory,
    identity_number,
)
from volunteers.models import DocumentKind, ScreeningStatus, VolunteerProfile
from volunteers.services import screening_transition, volunteer_identity_confirm

pytestmark = pytest.mark.django_db

TAKEN, FREE = identity_number(401), identity_number(402)


def form_data(agency, number: str) -> dict:
    return {
        "real_name": "李娜",
        "phone": "13912345678",
        "identity_number": number,
        "agency": agency.pk,
        "jurisdictions": [jurisdiction("410102").pk],
        "skills": ["lawyer"],
        "interests": ["legal_aid"],
        "languages": ["zh"],
        "availability": ["sat-am"],
        "motivation": "",
    }


def answer_to(client, agency, number: str) -> tuple:
    """What a new volunteer sees on saving a profile with a number, and on the next pages."""
    user = UserFactory(role=Role.VOLUNTEER)
    client.login(email=user.email, password=PASSWORD)
    response = client.post(reverse("volunteers:profile"), form_data(agency, number), follow=True)
    pages = [client.get(reverse(name)).content.decode() for name in ("volunteers:home",)]
    masked = VolunteerProfile.objects.get(user=user).identity_number_masked
    body = response.content.decode() + "".join(pages)
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)
    body = body.replace(masked, "MASKED").replace(user.email, "EMAIL")
    client.logout()
    return response.status_code, response.redirect_chain, body


@pytest.fixture
def holder(agency):
    return VolunteerProfileFactory(agency=agency, number=TAKEN, status=ScreeningStatus.APPLIED)


def test_a_taken_number_answers_exactly_like_a_free_one(client, agency, holder):
    taken = answer_to(client, agency, TAKEN)
    free = answer_to(client, agency, FREE)
    assert taken[:2] == free[:2]
    assert taken[2] == free[2]
    assert "already registered" not in taken[2]


def test_a_taken_number_is_not_squatted_the_new_profile_waits_for_the_manager(
    client, agency, holder
):
    answer_to(client, agency, TAKEN)
    claimant = VolunteerProfile.objects.exclude(pk=holder.pk).get()
    holder.refresh_from_db()
    assert claimant.identity_shared and not holder.identity_shared
    assert AuditEntry.objects.filter(
        action="volunteer.identity_shared", object_id=str(claimant.pk)
    ).exists()


def test_a_shared_number_blocks_the_document_check_until_confirmed(agency, holder, manager):
    claimant = VolunteerProfileFactory(
        agency=agency, number=TAKEN, identity_shared=True, status=ScreeningStatus.APPLIED
    )
    for kind in DocumentKind.values:
        ScreeningDocumentFactory(volunteer=claimant, kind=kind)
    with pytest.raises(ValidationError, match="same identity number"):
        screening_transition(
            volunteer=claimant,
            to_status=ScreeningStatus.DOCUMENTS_CHECKED,
            reason="材料齐全",
            actor=manager,
        )
    volunteer_identity_confirm(volunteer=claimant, reason="当面核验身份证", actor=manager)
    claimant.refresh_from_db()
    holder.refresh_from_db()
    assert not claimant.identity_shared and holder.identity_shared
    screening_transition(
        volunteer=claimant,
        to_status=ScreeningStatus.DOCUMENTS_CHECKED,
        reason="材料齐全",
        actor=manager,
    )
    assert AuditEntry.objects.filter(action="volunteer.identity_confirmed").count() == 1


@pytest.mark.parametrize("who", ["other_manager", "caseworker", "provider_staff", "volunteer"])
def test_only_the_screening_manager_confirms_a_shared_number(request, agency, holder, who):
    claimant = VolunteerProfileFactory(agency=agency, number=TAKEN, identity_shared=True)
    actor = request.getfixturevalue(who)
    actor = actor.user if who == "volunteer" else actor
    with pytest.raises(PermissionDenied):
        volunteer_identity_confirm(volunteer=claimant, reason="核验", actor=actor)
    claimant.refresh_from_db()
    assert claimant.identity_shared
    assert not AuditEntry.objects.filter(action="volunteer.identity_confirmed").exists()


def test_confirming_an_unshared_number_or_without_reason_is_refused(agency, holder, manager):
    with pytest.raises(ValidationError, match="not shared"):
        volunteer_identity_confirm(volunteer=holder, reason="核验", actor=manager)
    claimant = VolunteerProfileFactory(agency=agency, number=TAKEN, identity_shared=True)
    with pytest.raises(ValidationError):
        volunteer_identity_confirm(volunteer=claimant, reason=" ", actor=manager)


def test_the_database_keeps_one_holder_per_number(agency, holder):
    with pytest.raises(IntegrityError), transaction.atomic():
        VolunteerProfileFactory(agency=agency, number=TAKEN)


def test_screening_page_shows_the_other_profile_within_scope_and_confirms(
    client, agency, holder, manager
):
    claimant = VolunteerProfileFactory(agency=agency, number=TAKEN, identity_shared=True)
    elsewhere = VolunteerProfileFactory(
        agency=CorrectionsAgencyFactory(jurisdiction=jurisdiction("410103")),
        number=TAKEN,
        identity_shared=True,
        real_name="外县志愿者",
    )
    client.login(email=manager.email, password=PASSWORD)
    page = client.get(reverse("volunteers:screening_detail", args=[claimant.pk])).content.decode()
    assert holder.real_name in page and elsewhere.real_name not in page
    assert str(elsewhere.agency) in page
    response = client.post(
        reverse("volunteers:identity_confirm", args=[claimant.pk]), {"reason": "当面核验"}
    )
    assert response.status_code == 302
    claimant.refresh_from_db()
    assert not claimant.identity_shared


def test_another_county_manager_cannot_confirm_through_the_screen(client, agency, other_manager):
    claimant = VolunteerProfileFactory(agency=agency, number=TAKEN, identity_shared=True)
    client.login(email=other_manager.email, password=PASSWORD)
    response = client.post(
        reverse("volunteers:identity_confirm", args=[claimant.pk]), {"reason": "核验"}
    )
    assert response.status_code == 404
    claimant.refresh_from_db()
    assert claimant.identity_shared
