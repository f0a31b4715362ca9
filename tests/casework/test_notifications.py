"""Providers hear of a referral when it is sent, in the site language and by code only."""

import pytest

from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import translation

from casework.services import referral_create
from tests.factories.casework import category
from tests.factories.portal import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def refer(person, document, caseworker, *, send=True):
    return referral_create(
        actor=caseworker,
        person=person,
        offer_key=document.key,
        need_category=category(),
        shared_fields=["first_name"],
        send=send,
    )


def test_sending_mails_every_member_of_the_provider_once_after_commit(
    django_capture_on_commit_callbacks, person, offer, caseworker, provider, organization
):
    colleague = MembershipFactory(organization=organization).user
    stranger = MembershipFactory().user
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        referral = refer(person, offer, caseworker)
        assert mail.outbox == []
    # After commit: the provider's mail, and the referral_moved news (nobody else is mailed).
    assert len(callbacks) == 2
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([provider.email, colleague.email])
    assert stranger.email not in recipients and caseworker.email not in recipients
    body = mail.outbox[0].body
    assert person.referral_code in body and f"/casework/inbox/{referral.pk}/" in body


def test_the_mail_is_in_the_site_language_and_names_no_one(
    django_capture_on_commit_callbacks, settings, person, offer, caseworker, provider
):
    settings.SITE_URL = "https://portal.example.cn"
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        refer(person, offer, caseworker)
    message = mail.outbox[0]
    assert message.subject == f"新的转介 {person.referral_code}"
    assert category().name in message.body
    assert "https://portal.example.cn/casework/inbox/" in message.body
    for private in [
        person.family_name,
        person.given_name,
        person.identity_number,
        person.identity_number_masked,
        person.offense,
    ]:
        assert private not in message.subject + message.body


def test_an_offer_of_a_volunteer_mails_its_owner(
    django_capture_on_commit_callbacks, offers, person, caseworker
):
    mentor = UserFactory()
    document = offers.add(organization_id=None, owner_user_id=mentor.pk, seats=2)
    with django_capture_on_commit_callbacks(execute=True):
        refer(person, document, caseworker)
    assert [message.to for message in mail.outbox] == [[mentor.email]]


def test_a_draft_mails_no_one(django_capture_on_commit_callbacks, person, offer, caseworker):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        refer(person, offer, caseworker, send=False)
    assert callbacks == [] and mail.outbox == []


def test_a_send_refused_inside_the_transaction_mails_no_one(
    django_capture_on_commit_callbacks, offers, organization, person, caseworker, provider
):
    full = offers.add(organization_id=organization.pk, seats=0)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        refer(person, full, caseworker)
    assert mail.outbox == [] and not person.referrals.exists()
