"""The referral state machine from casework's side: seats, eligibility at send, consent snapshot,
the person link, races and overdue flags."""

import io
from datetime import date, timedelta

import pytest

from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from casework.models import SupervisedPerson
from casework.services import referral_create, referral_send, referrals_flag_overdue
from matching.models import TRANSITIONS, OfferCapacity, Referral, ReferralEvent, ReferralState
from matching.services import Completion, referral_transition
from tests.factories.casework import SupervisedPersonFactory, category, person_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

S = ReferralState
DONE = Completion(result="met", sessions_attended=4)
ALLOWED = [
    (source, name)
    for name, transition in TRANSITIONS.items()
    for source in sorted(transition.sources)
]
FORBIDDEN = [
    (S.DRAFT, "accept"),
    (S.SENT, "start"),
    (S.SENT, "complete"),
    (S.ACCEPTED, "accept"),
    (S.DECLINED, "accept"),
    (S.COMPLETED, "withdraw"),
    (S.CLOSED, "send"),
    (S.WITHDRAWN, "start"),
    (S.NO_SHOW, "complete"),
    (S.IN_PROGRESS, "decline"),
]


def seats_taken(key):
    return OfferCapacity.objects.get(offer_key=key).seats_taken


@pytest.mark.parametrize(("source", "name"), ALLOWED)
def test_every_allowed_transition_moves_the_referral_and_records_an_event(
    referral_in, caseworker, source, name
):
    referral = referral_in(source)
    transition = TRANSITIONS[name]
    if name == "send":
        moved = referral_send(actor=caseworker, referral=referral)
    else:
        moved = referral_transition(
            referral=referral,
            action=name,
            side=transition.side,
            actor=caseworker,
            note="理由",
            completion=DONE,
        )
    assert moved.state == transition.target
    event = ReferralEvent.objects.filter(referral=referral).last()
    assert (event.from_state, event.to_state, event.actor) == (
        source,
        transition.target,
        caseworker,
    )


@pytest.mark.parametrize(("source", "name"), FORBIDDEN)
def test_forbidden_transition_gives_a_message_and_changes_nothing(
    referral_in, caseworker, source, name
):
    referral = referral_in(source)
    events = referral.events.count()
    with pytest.raises(ValidationError) as error:
        referral_transition(
            referral=referral,
            action=name,
            side=TRANSITIONS[name].side,
            actor=caseworker,
            note="x",
            completion=DONE,
        )
    assert "cannot be moved" in error.value.messages[0]
    referral.refresh_from_db()
    assert referral.state == source
    assert referral.events.count() == events


def test_caseworker_cannot_accept_in_the_providers_place(sent_referral, caseworker):
    with pytest.raises(ValidationError) as error:
        referral_transition(
            referral=sent_referral, action="accept", side="caseworker", actor=caseworker
        )
    assert "other side" in error.value.messages[0]
    sent_referral.refresh_from_db()
    assert sent_referral.state == S.SENT


def test_decline_and_complete_need_a_reason_and_an_outcome(referral_in, provider):
    referral = referral_in(S.SENT)
    with pytest.raises(ValidationError) as error:
        referral_transition(referral=referral, action="decline", side="provider", actor=provider)
    assert "note" in error.value.message_dict
    referral = referral_transition(
        referral=referral, action="decline", side="provider", actor=provider, note="名额已满"
    )
    assert referral.decline_reason == "名额已满"
    running = referral_in(S.IN_PROGRESS)
    with pytest.raises(ValidationError):
        referral_transition(
            referral=running,
            action="complete",
            side="provider",
            actor=provider,
            note=" ",
            completion=DONE,
        )
    done = referral_transition(
        referral=running,
        action="complete",
        side="provider",
        actor=provider,
        note="完成八次辅导",
        completion=DONE,
    )
    assert done.outcome == "完成八次辅导"


def test_accepting_takes_a_seat_and_leaving_returns_it_exactly_once(
    referral_in, provider, caseworker
):
    referral = referral_in(S.ACCEPTED, seats=2)
    assert seats_taken(referral.offer_key) == 1
    referral = referral_transition(
        referral=referral, action="start", side="provider", actor=provider
    )
    assert seats_taken(referral.offer_key) == 1
    referral = referral_transition(
        referral=referral, action="no_show", side="provider", actor=provider
    )
    assert seats_taken(referral.offer_key) == 0
    referral_transition(referral=referral, action="close", side="caseworker", actor=caseworker)
    assert seats_taken(referral.offer_key) == 0


@pytest.mark.parametrize("name", ["withdraw", "no_show"])
def test_seat_returns_when_an_accepted_referral_ends(referral_in, caseworker, name):
    referral = referral_in(S.ACCEPTED, seats=1)
    referral_transition(
        referral=referral,
        action=name,
        side=TRANSITIONS[name].side,
        actor=caseworker,
        note="原因",
        completion=DONE,
    )
    assert seats_taken(referral.offer_key) == 0


def test_completion_returns_the_seat(referral_in):
    referral = referral_in(S.COMPLETED, seats=1)
    assert seats_taken(referral.offer_key) == 0
    assert not Referral.objects.get(pk=referral.pk).seat_held


def test_accepting_a_full_offer_gives_a_message_and_changes_nothing(
    person, offers, organization, caseworker, provider
):
    document = offers.add(organization_id=organization.pk, seats=1)
    first = referral_create(
        actor=caseworker,
        person=person,
        offer_key=document.key,
        need_category=category(),
        shared_fields=[],
    )
    other = SupervisedPersonFactory(judicial_office=person.judicial_office)
    second = referral_create(
        actor=caseworker,
        person=other,
        offer_key=document.key,
        need_category=category(),
        shared_fields=[],
    )
    referral_transition(referral=first, action="accept", side="provider", actor=provider)
    with pytest.raises(ValidationError) as error:
        referral_transition(referral=second, action="accept", side="provider", actor=provider)
    assert "no seats left" in error.value.messages[0]
    second.refresh_from_db()
    assert second.state == S.SENT and not second.seat_held
    assert seats_taken(document.key) == 1


def test_sending_to_a_full_offer_is_refused_and_nothing_is_saved(
    person, offers, organization, caseworker
):
    document = offers.add(organization_id=organization.pk, seats=0)
    with pytest.raises(ValidationError) as error:
        referral_create(
            actor=caseworker,
            person=person,
            offer_key=document.key,
            need_category=category(),
            shared_fields=[],
        )
    assert "no seats left" in " ".join(error.value.messages)
    assert not Referral.objects.exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"genders": ("female",)}, "gender"),
        ({"correction_types": ("parole",)}, "correction type"),
        ({"supervision_levels": ("strict",)}, "supervision level"),
        ({"min_age": 50}, "age"),
        ({"accepts_adults": False, "accepts_juveniles": True}, "juveniles only"),
        ({"valid_until": date(2020, 1, 1)}, "expired"),
    ],
)
def test_referral_to_an_ineligible_offer_is_refused_with_the_reason(
    person, offers, organization, caseworker, fields, message
):
    document = offers.add(organization_id=organization.pk, **fields)
    with pytest.raises(ValidationError) as error:
        referral_create(
            actor=caseworker,
            person=person,
            offer_key=document.key,
            need_category=category(),
            shared_fields=[],
        )
    assert message in " ".join(error.value.messages)
    assert not Referral.objects.exists()


def test_eligibility_is_checked_again_when_a_draft_is_sent(
    person, offers, organization, caseworker
):
    document = offers.add(organization_id=organization.pk)
    draft = referral_create(
        actor=caseworker,
        person=person,
        offer_key=document.key,
        need_category=category(),
        shared_fields=[],
        send=False,
    )
    offers.change(document, genders=("female",))
    with pytest.raises(ValidationError):
        referral_send(actor=caseworker, referral=draft)
    draft.refresh_from_db()
    assert draft.state == S.DRAFT


def test_a_second_open_referral_to_the_same_offer_is_refused(
    sent_referral, person, offer, caseworker
):
    with pytest.raises(ValidationError) as error:
        referral_create(
            actor=caseworker,
            person=person,
            offer_key=offer.key,
            need_category=category(),
            shared_fields=[],
        )
    assert "already has an open referral" in error.value.messages[0]


def test_a_person_no_longer_supervised_cannot_be_referred(person, offer, caseworker):
    SupervisedPerson.objects.filter(pk=person.pk).update(status="ended")
    person.refresh_from_db()
    with pytest.raises(ValidationError):
        referral_create(
            actor=caseworker,
            person=person,
            offer_key=offer.key,
            need_category=category(),
            shared_fields=[],
        )


def test_shared_fields_hold_only_the_code_the_need_and_what_was_consented(
    person, offer, caseworker
):
    referral = referral_create(
        actor=caseworker,
        person=person,
        offer_key=offer.key,
        need_category=category(),
        shared_fields=["phone"],
    )
    shared = referral.shared_with_provider()
    assert set(shared) == {"referral_code", "need", "phone"}
    assert shared["referral_code"] == person.referral_code
    values = " ".join(str(value) for value in shared.values())
    assert person.given_name not in values
    assert person.identity_number not in values and person.offense not in values


def test_unknown_shared_field_is_refused(person, offer, caseworker):
    with pytest.raises(ValidationError):
        referral_create(
            actor=caseworker,
            person=person,
            offer_key=offer.key,
            need_category=category(),
            shared_fields=["identity_number"],
        )
    assert not Referral.objects.exists()


def test_sending_takes_a_snapshot_of_the_consented_values_and_no_identity(
    person, offer, caseworker
):
    referral = referral_create(
        actor=caseworker,
        person=person,
        offer_key=offer.key,
        need_category=category(),
        shared_fields=["first_name", "age"],
    )
    assert referral.person_code == person.referral_code
    age = person.age_on(timezone.localdate())
    assert referral.shared_values == {"first_name": person.given_name, "age": age}
    SupervisedPerson.objects.filter(pk=person.pk).update(given_name="改名")
    referral.refresh_from_db()
    assert referral.shared_with_provider()["first_name"] == person.given_name
    stored = " ".join(
        str(value) for value in Referral.objects.values().get(pk=referral.pk).values()
    )
    assert person.identity_number not in stored and person.offense not in stored
    assert person.family_name not in stored


def test_the_referral_is_linked_to_its_person_on_caseworks_side(sent_referral, person):
    assert person_of(sent_referral) == person
    assert list(person.referrals.all()) == [sent_referral]


def test_a_transition_racing_another_is_refused_and_changes_nothing(sent_referral, provider):
    referral_transition(referral=sent_referral, action="accept", side="provider", actor=provider)
    with pytest.raises(ValidationError) as error:
        referral_transition(
            referral=sent_referral,
            action="decline",
            side="provider",
            actor=provider,
            note="满了",
            expected_state=S.SENT,
        )
    assert "in the meantime" in error.value.messages[0]
    sent_referral.refresh_from_db()
    assert sent_referral.state == S.ACCEPTED


def test_an_unknown_action_is_refused(sent_referral, provider):
    with pytest.raises(ValidationError) as error:
        referral_transition(
            referral=sent_referral, action="approve", side="provider", actor=provider
        )
    assert "does not exist" in error.value.messages[0]


def test_overdue_referrals_are_flagged_once_and_both_sides_are_told(
    sent_referral, person, caseworker, provider, settings
):
    Referral.objects.filter(pk=sent_referral.pk).update(
        sent_at=timezone.now() - timedelta(days=settings.REFERRAL_RESPONSE_DAYS + 1)
    )
    output = io.StringIO()
    call_command("flag_overdue_referrals", stdout=output)
    assert output.getvalue().startswith("Flagged 1 referral(s)")
    sent_referral.refresh_from_db()
    assert sent_referral.overdue_flagged_at is not None
    recipients = {address for message in mail.outbox for address in message.to}
    assert {caseworker.email, provider.email} <= recipients
    body = mail.outbox[0].body
    assert person.referral_code in body
    assert person.identity_number not in body
    call_command("flag_overdue_referrals", stdout=output)
    assert "Flagged 0 referral(s)" in output.getvalue()


def test_recent_referrals_are_not_flagged(sent_referral):
    assert referrals_flag_overdue() == 0
    sent_referral.refresh_from_db()
    assert sent_referral.overdue_flagged_at is None
