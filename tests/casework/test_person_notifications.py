"""The supervised person hears of an accepted referral in their language by their channel, or
gets a printed slip; nothing identifying leaves casework."""

import pytest

from django.core import mail
from django.urls import reverse

from casework.models import NotificationChannel, SupervisedPerson
from matching.services import referral_transition
from portal import sms
from portal.audit.models import AuditEntry
from tests.factories.portal import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_sms_outbox():
    sms.outbox.clear()
    yield
    sms.outbox.clear()


def accept(referral, provider, capture):
    with capture(execute=True):
        referral_transition(referral=referral, action="accept", side="provider", actor=provider)


def choose(person, channel, language="zh-hans", **fields):
    SupervisedPerson.objects.filter(pk=person.pk).update(
        notification_channel=channel, preferred_language=language, **fields
    )


@pytest.mark.parametrize(("language", "words"), [("zh-hans", "已接受"), ("en", "has accepted")])
def test_an_accepted_referral_is_texted_in_the_persons_language(
    person, sent_referral, provider, django_capture_on_commit_callbacks, language, words
):
    choose(person, NotificationChannel.SMS, language)
    accept(sent_referral, provider, django_capture_on_commit_callbacks)
    [message] = sms.outbox
    assert message.to == person.phone
    assert words in message.body and sent_referral.person_code in message.body
    assert sent_referral.offer_title in message.body
    for secret in (person.identity_number, person.offense, person.family_name):
        assert secret not in message.body
    assert AuditEntry.objects.filter(action="casework.referral.notify_person").exists()


def test_an_accepted_referral_is_mailed_when_the_person_chose_e_mail(
    person, sent_referral, provider, django_capture_on_commit_callbacks
):
    choose(person, NotificationChannel.EMAIL, "en", email="jianguo@example.cn")
    mail.outbox.clear()
    accept(sent_referral, provider, django_capture_on_commit_callbacks)
    to_person = [m for m in mail.outbox if m.to == ["jianguo@example.cn"]]
    assert len(to_person) == 1 and "was accepted" in to_person[0].subject
    assert person.identity_number not in to_person[0].body
    assert sms.outbox == []


def test_nothing_is_sent_to_a_person_who_chose_none(
    person, sent_referral, provider, django_capture_on_commit_callbacks
):
    choose(person, NotificationChannel.NONE, email="jianguo@example.cn")
    mail.outbox.clear()
    accept(sent_referral, provider, django_capture_on_commit_callbacks)
    assert sms.outbox == []
    assert not [m for m in mail.outbox if m.to == ["jianguo@example.cn"]]


def test_a_decline_is_not_texted_to_the_person(
    person, sent_referral, provider, django_capture_on_commit_callbacks
):
    choose(person, NotificationChannel.SMS)
    with django_capture_on_commit_callbacks(execute=True):
        referral_transition(
            referral=sent_referral, action="decline", side="provider", actor=provider, note="满"
        )
    assert sms.outbox == []


@pytest.mark.parametrize(("language", "title"), [("en", "Referral slip"), ("zh-hans", "转介单")])
def test_the_printable_slip_is_in_the_persons_language_and_holds_no_identity(
    client, person, sent_referral, caseworker, language, title
):
    choose(person, NotificationChannel.NONE, language)
    client.login(email=caseworker.email, password=PASSWORD)
    page = client.get(reverse("casework:referral_slip", args=[sent_referral.pk])).content.decode()
    assert title in page and sent_referral.person_code in page
    for secret in (person.identity_number, person.offense, person.identity_number_masked):
        assert secret not in page


def test_a_provider_cannot_print_a_slip(client, sent_referral, provider):
    client.login(email=provider.email, password=PASSWORD)
    response = client.get(reverse("casework:referral_slip", args=[sent_referral.pk]))
    assert response.status_code == 403


def test_the_sms_backend_is_chosen_by_settings(settings):
    settings.SMS_BACKEND = "portal.sms.ConsoleBackend"
    assert sms.send_sms(to="13800138000", body="测试")
    assert sms.outbox[-1] == sms.TextMessage(to="13800138000", body="测试")


def test_the_aliyun_adapter_signs_its_request(settings):
    settings.SMS_ALIYUN_ACCESS_KEY_ID = "testid"
    settings.SMS_ALIYUN_ACCESS_KEY_SECRET = "testsecret"  # noqa: S105
    settings.SMS_ALIYUN_SIGN_NAME = "河南社区矫正"
    settings.SMS_ALIYUN_TEMPLATE_CODE = "SMS_0001"
    query = sms.AliyunBackend()._signed_query(sms.TextMessage(to="13800138000", body="你好"))
    assert "Signature=" in query and "PhoneNumbers=13800138000" in query
    assert "testsecret" not in query
