"""Notes on a referral from both sides, one timeline, and the referring caseworker's contact."""

import pytest

from django.core.exceptions import ValidationError
from django.urls import reverse

from matching.models import NOTE_MAX_LENGTH, ReferralNote, Side
from matching.selectors import referral_timeline
from matching.services import referral_note_add, referral_transition
from portal.audit.models import AuditEntry
from tests.factories.casework import person_of
from tests.factories.portal import PASSWORD

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


def test_both_sides_write_notes_that_read_as_one_timeline_with_the_events(
    sent_referral, caseworker, provider
):
    referral_note_add(
        referral=sent_referral, side=Side.CASEWORKER, actor=caseworker, text="周三可来"
    )
    referral_transition(referral=sent_referral, action="accept", side="provider", actor=provider)
    referral_note_add(
        referral=sent_referral, side=Side.PROVIDER, actor=provider, text="请带身份证明"
    )
    timeline = referral_timeline(sent_referral)
    assert [entry.text or entry.to_state for entry in timeline] == [
        "Draft",
        "Sent",
        "周三可来",
        "Accepted",
        "请带身份证明",
    ]
    assert [entry.side for entry in timeline if entry.is_note] == ["caseworker", "provider"]
    assert AuditEntry.objects.filter(action="casework.referral.note").count() == 2


@pytest.mark.parametrize(
    "text",
    ["他的身份证号是410102199005171234", "号码 4101 0219 9005 1712 34", "410102900517123"],
)
def test_a_note_shaped_like_an_identity_number_is_refused_and_nothing_is_saved(
    sent_referral, provider, text
):
    with pytest.raises(ValidationError) as error:
        referral_note_add(referral=sent_referral, side=Side.PROVIDER, actor=provider, text=text)
    assert "identity number" in " ".join(error.value.messages)
    assert not ReferralNote.objects.exists()


def test_a_note_over_the_length_limit_is_refused(sent_referral, provider):
    with pytest.raises(ValidationError):
        referral_note_add(
            referral=sent_referral,
            side=Side.PROVIDER,
            actor=provider,
            text="字" * (NOTE_MAX_LENGTH + 1),
        )
    assert not ReferralNote.objects.exists()


def test_provider_sees_the_caseworkers_contact_and_adds_a_note_in_the_inbox(
    client, sent_referral, caseworker, provider
):
    caseworker.phone = "0371-66886688"
    caseworker.save()
    client.login(email=provider.email, password=PASSWORD)
    url = reverse("casework:inbox_detail", args=[sent_referral.pk])
    page = client.get(url).content.decode()
    assert caseworker.email in page and "0371-66886688" in page
    client.post(reverse("casework:inbox_note", args=[sent_referral.pk]), {"text": "已电话联系"})
    note = ReferralNote.objects.get()
    assert (note.side, note.author, note.text) == ("provider", provider, "已电话联系")
    person = person_of(sent_referral)
    page = client.get(url).content.decode()
    assert "已电话联系" in page
    assert person.identity_number not in page and person.family_name not in page


def test_caseworker_note_form_refuses_an_identity_number_with_a_message(
    english, sent_referral, caseworker
):
    english.login(email=caseworker.email, password=PASSWORD)
    response = english.post(
        reverse("casework:referral_note", args=[sent_referral.pk]),
        {"text": "身份证410102199005171234"},
        follow=True,
    )
    assert "identity number" in response.content.decode()
    assert not ReferralNote.objects.exists()


def test_another_provider_cannot_add_a_note(client, sent_referral, other_provider):
    client.login(email=other_provider.email, password=PASSWORD)
    response = client.post(reverse("casework:inbox_note", args=[sent_referral.pk]), {"text": "x"})
    assert response.status_code == 404
    assert not ReferralNote.objects.exists()
