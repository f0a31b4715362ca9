"""Logged referrals: made outside the platform, recorded for complete outcome figures; no seat,
no notification, marked as logged everywhere."""

from datetime import date

import pytest

from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from casework.selectors import agency_aggregates
from casework.services import referral_log
from matching.models import OfferCapacity, OutcomeResult, ReferralState
from matching.selectors import referral_actions
from matching.services import Completion, LoggedReferral, referral_note_add
from tests.factories.casework import category, person_of
from tests.factories.portal import PASSWORD

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


def logged(**changes) -> LoggedReferral:
    values = {
        "provider_name": "郑州市心理援助热线",
        "offer_title": "电话心理援助",
        "need_category": category(),
        "referred_on": date(2026, 3, 2),
        "state": ReferralState.COMPLETED,
        "outcome": "接受了四次电话辅导",
        "completion": Completion(result=OutcomeResult.MET, sessions_attended=4),
    }
    return LoggedReferral(**(values | changes))


def test_a_logged_referral_counts_in_the_figures_but_takes_no_seat_and_mails_no_one(
    person, caseworker, agency, django_capture_on_commit_callbacks
):
    capacities = OfferCapacity.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        referral = referral_log(actor=caseworker, person=person, logged=logged())
    assert referral.is_logged and person_of(referral) == person
    assert (referral.state, referral.outcome_result, referral.sessions_attended) == (
        "completed",
        "met",
        4,
    )
    assert referral.sent_at.date() == date(2026, 3, 2)
    assert not referral.seat_held and OfferCapacity.objects.count() == capacities
    assert mail.outbox == []
    counts = dict((state, n) for state, _label, n in agency_aggregates()["referrals_by_state"])
    assert counts["completed"] == 1


def test_a_logged_referral_offers_no_actions_and_takes_no_notes(person, caseworker):
    referral = referral_log(actor=caseworker, person=person, logged=logged())
    assert referral_actions(referral, "caseworker") == []
    assert referral_actions(referral, "provider") == []
    with pytest.raises(ValidationError):
        referral_note_add(referral=referral, side="caseworker", actor=caseworker, text="补充")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"state": ReferralState.SENT}, "state"),
        ({"completion": Completion()}, "result"),
        ({"outcome": "身份证410102199005171234"}, "outcome"),
        ({"provider_name": ""}, "provider_name"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_recorded(person, caseworker, changes, field):
    with pytest.raises(ValidationError) as error:
        referral_log(actor=caseworker, person=person, logged=logged(**changes))
    assert field in error.value.message_dict
    assert not person.referrals.exists()


def test_caseworker_records_one_from_the_person_page_and_it_shows_as_logged(
    english, person, caseworker
):
    english.login(email=caseworker.email, password=PASSWORD)
    response = english.post(
        reverse("casework:referral_log", args=[person.pk]),
        {
            "provider_name": "郑州市心理援助热线",
            "offer_title": "电话心理援助",
            "need_category": category().pk,
            "referred_on": "2026-03-02",
            "state": "in_progress",
            "outcome": "",
        },
        follow=True,
    )
    assert "Logged: made outside the platform" in response.content.decode()
    listing = english.get(reverse("casework:referral_list")).content.decode()
    assert "电话心理援助" in listing and "Logged" in listing
    detail = english.get(reverse("casework:person_detail", args=[person.pk]))
    assert "Logged" in detail.content.decode()


def test_another_office_cannot_log_for_a_person_it_does_not_see(client, person, other_caseworker):
    client.login(email=other_caseworker.email, password=PASSWORD)
    response = client.get(reverse("casework:referral_log", args=[person.pk]))
    assert response.status_code == 404
