"""What to bring: a referral keeps the offer's list from when it was sent; the person's message,
the slip and both sides' referral pages say it, in the person's language where the list names it."""

import pytest

from django.urls import reverse
from django.utils import translation

from casework.models import NotificationChannel, SupervisedPerson
from casework.services import referral_create, referral_send
from matching.services import referral_transition
from matching.types import ThingsToBring
from portal import sms
from tests.factories.casework import category

pytestmark = pytest.mark.django_db

ID_AND_REPORT = ThingsToBring(documents=("identity_card", "cv"), other=("近期体检报告",))


@pytest.fixture(autouse=True)
def empty_sms_outbox():
    sms.outbox.clear()
    yield
    sms.outbox.clear()


@pytest.fixture
def bring_offer(offers, organization):
    return offers.add(organization_id=organization.pk, seats=3, things=ID_AND_REPORT)


def refer(person, caseworker, document, *, send=True):
    return referral_create(
        actor=caseworker,
        person=person,
        offer_key=document.key,
        need_category=category(),
        shared_fields=["first_name"],
        send=send,
    )


def test_a_sent_referral_keeps_what_to_bring_when_the_offer_changes_later(
    person, caseworker, offers, bring_offer
):
    referral = refer(person, caseworker, bring_offer)

    offers.bring(bring_offer, ThingsToBring(documents=("bank_card",), other=("工作服",)))
    referral.refresh_from_db()

    with translation.override("zh-hans"):
        assert referral.things_to_bring == ["身份证", "个人简历", "近期体检报告"]
    with translation.override("en"):
        assert referral.things_to_bring == ["Identity card", "CV", "近期体检报告"]


def test_a_draft_takes_the_offers_list_as_it_is_when_sent(person, caseworker, offers, bring_offer):
    draft = refer(person, caseworker, bring_offer, send=False)
    offers.bring(bring_offer, ThingsToBring(documents=("bank_card",)))

    sent = referral_send(actor=caseworker, referral=draft)

    assert sent.documents_to_bring == ["bank_card"] and sent.other_things_to_bring == []


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("zh-hans", "以及：身份证、个人简历、近期体检报告。"),
        ("en", "and: Identity card, CV, 近期体检报告. "),
    ],
)
def test_the_accepted_message_says_what_to_bring_in_the_persons_language(
    person,
    caseworker,
    provider,
    bring_offer,
    django_capture_on_commit_callbacks,
    language,
    expected,
):
    SupervisedPerson.objects.filter(pk=person.pk).update(
        notification_channel=NotificationChannel.SMS, preferred_language=language
    )
    referral = refer(person, caseworker, bring_offer)
    with django_capture_on_commit_callbacks(execute=True):
        referral_transition(referral=referral, action="accept", side="provider", actor=provider)

    [message] = sms.outbox
    assert expected in message.body
    assert referral.person_code in message.body


def test_the_message_says_nothing_else_when_the_offer_lists_nothing(
    person, sent_referral, provider, django_capture_on_commit_callbacks
):
    SupervisedPerson.objects.filter(pk=person.pk).update(
        notification_channel=NotificationChannel.SMS, preferred_language="en"
    )
    with django_capture_on_commit_callbacks(execute=True):
        referral_transition(
            referral=sent_referral, action="accept", side="provider", actor=provider
        )

    [message] = sms.outbox
    assert "and: nothing else." in message.body


def test_the_slip_lists_what_to_bring_and_names_the_person_code(
    client, person, caseworker, bring_offer
):
    SupervisedPerson.objects.filter(pk=person.pk).update(preferred_language="en")
    referral = refer(person, caseworker, bring_offer)
    client.force_login(caseworker)

    page = client.get(reverse("casework:referral_slip", args=[referral.pk])).content.decode()

    assert "What to bring" in page and "Identity card" in page and "近期体检报告" in page
    assert "Person code (pseudonymous)" in page and "Referral code" not in page


def test_the_provider_sees_what_the_person_was_asked_to_bring(
    client, person, caseworker, provider, bring_offer
):
    referral = refer(person, caseworker, bring_offer)
    client.force_login(provider)

    page = client.get(reverse("casework:inbox_detail", args=[referral.pk])).content.decode()

    assert "请当事人携带" in page
    assert "身份证" in page and "近期体检报告" in page
    assert f"人员代码（化名）: {referral.person_code}" in page
