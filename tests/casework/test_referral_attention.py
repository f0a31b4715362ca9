"""The caseworker hears of the provider's answers, sees what needs attention, and is reminded
again and again until someone acts."""

from datetime import timedelta

import pytest

from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from casework.services import referrals_remind
from matching.models import OutcomeResult, Referral, ReferralState
from matching.selectors import referrals_needing_attention
from matching.services import Completion, referral_transition
from tests.factories.casework import person_of
from tests.factories.portal import PASSWORD

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]
S = ReferralState


@pytest.mark.parametrize(
    ("state", "hears"),
    [(S.ACCEPTED, True), (S.DECLINED, True), (S.NO_SHOW, True), (S.WITHDRAWN, False)],
)
def test_the_referring_caseworker_is_mailed_the_providers_answers(
    referral_in, caseworker, django_capture_on_commit_callbacks, state, hears
):
    with django_capture_on_commit_callbacks(execute=True):
        referral = referral_in(state)
    to_caseworker = [m for m in mail.outbox if m.to == [caseworker.email]]
    assert bool(to_caseworker) is hears
    if hears:
        assert referral.person_code in to_caseworker[-1].subject
        assert person_of(referral).identity_number not in to_caseworker[-1].body


def test_completion_is_mailed_in_chinese_by_default(
    referral_in, caseworker, provider, django_capture_on_commit_callbacks, settings
):
    referral = referral_in(S.IN_PROGRESS)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        referral_transition(
            referral=referral,
            action="complete",
            side="provider",
            actor=provider,
            note="完成",
            completion=Completion(result=OutcomeResult.PARTLY_MET, sessions_attended=3),
        )
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert "已完成" in mail.outbox[-1].subject


def test_completion_records_the_structured_outcome_and_refuses_without_a_result(
    referral_in, provider
):
    referral = referral_in(S.IN_PROGRESS)
    with pytest.raises(ValidationError) as error:
        referral_transition(
            referral=referral, action="complete", side="provider", actor=provider, note="完成"
        )
    assert "result" in error.value.message_dict
    done = referral_transition(
        referral=referral,
        action="complete",
        side="provider",
        actor=provider,
        note="完成",
        completion=Completion(result=OutcomeResult.NOT_MET, sessions_attended=2),
    )
    assert (done.outcome_result, done.sessions_attended) == ("not_met", 2)


def test_needing_attention_means_declined_completed_no_show_or_overdue(referral_in):
    made = {state: referral_in(state) for state in S.values}
    Referral.objects.filter(pk=made[S.SENT].pk).update(overdue_flagged_at=timezone.now())
    needing = set(referrals_needing_attention(Referral.objects.all()))
    expected = {made[s] for s in (S.DECLINED, S.COMPLETED, S.NO_SHOW, S.SENT)}
    assert needing == expected


def test_the_dashboard_lists_what_needs_attention(english, referral_in, caseworker):
    declined = referral_in(S.DECLINED)
    accepted = referral_in(S.ACCEPTED)
    english.login(email=caseworker.email, password=PASSWORD)
    page = english.get(reverse("casework:referral_list") + "?attention=true").content.decode()
    assert declined.offer_title in page and accepted.offer_title not in page
    assert "Referrals needing attention" in english.get("/dashboard/").content.decode()


def test_reminders_repeat_at_the_interval_until_someone_acts(referral_in, caseworker, settings):
    settings.REFERRAL_REMINDER_DAYS = 2
    referral = referral_in(S.DECLINED)
    mail.outbox.clear()
    assert referrals_remind() == 1
    assert mail.outbox[-1].to == [caseworker.email]
    assert referral.person_code in mail.outbox[-1].body
    assert referrals_remind() == 0
    Referral.objects.filter(pk=referral.pk).update(reminded_at=timezone.now() - timedelta(days=3))
    assert referrals_remind() == 1
    referral_transition(referral=referral, action="close", side="caseworker", actor=caseworker)
    Referral.objects.filter(pk=referral.pk).update(reminded_at=None)
    assert referrals_remind() == 0


def test_the_reminder_command_reports_what_it_did(referral_in, capsys):
    referral_in(S.COMPLETED)
    call_command("remind_referrals")
    assert "Reminded of 1 referral(s)." in capsys.readouterr().out
