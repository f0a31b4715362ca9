import threading
from datetime import time

import pytest

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections
from django.urls import reverse

from tests.factories.portal import PASSWORD
from tests.factories.volunteers import (
    ShiftFactory,
    SignUpFactory,
    VolunteerOpportunityPageFactory,
    VolunteerProfileFactory,
    in_days,
)
from volunteers.models import ScreeningStatus, SignUp, SignUpStatus
from volunteers.services import screening_transition, signup_cancel, signup_create

CONFIRMED, WAITLISTED, CANCELLED = (
    SignUpStatus.CONFIRMED,
    SignUpStatus.WAITLISTED,
    SignUpStatus.CANCELLED,
)


@pytest.fixture
def shift(db):
    return ShiftFactory(seats=1)


def test_volunteer_takes_a_free_seat(shift, volunteer):
    assert signup_create(shift=shift, volunteer=volunteer).status == CONFIRMED


def test_full_shift_is_refused_unless_the_volunteer_asks_to_wait(shift):
    signup_create(shift=shift, volunteer=VolunteerProfileFactory())
    late = VolunteerProfileFactory()
    with pytest.raises(ValidationError, match="full"):
        signup_create(shift=shift, volunteer=late)
    assert not SignUp.objects.filter(volunteer=late).exists()
    assert signup_create(shift=shift, volunteer=late, waitlist=True).status == WAITLISTED


def test_cancelling_a_confirmed_seat_promotes_the_first_in_line(shift):
    first = signup_create(shift=shift, volunteer=VolunteerProfileFactory())
    second = signup_create(shift=shift, volunteer=VolunteerProfileFactory(), waitlist=True)
    third = signup_create(shift=shift, volunteer=VolunteerProfileFactory(), waitlist=True)
    signup_cancel(signup=first, actor=first.volunteer.user)
    statuses = {s.pk: s.status for s in SignUp.objects.all()}
    assert statuses == {first.pk: CANCELLED, second.pk: CONFIRMED, third.pk: WAITLISTED}


def test_cancelling_a_waiting_place_promotes_nobody(shift):
    signup_create(shift=shift, volunteer=VolunteerProfileFactory())
    waiting = signup_create(shift=shift, volunteer=VolunteerProfileFactory(), waitlist=True)
    behind = signup_create(shift=shift, volunteer=VolunteerProfileFactory(), waitlist=True)
    signup_cancel(signup=waiting, actor=waiting.volunteer.user)
    behind.refresh_from_db()
    assert behind.status == WAITLISTED


def test_nobody_may_cancel_another_volunteers_signup(shift, volunteer):
    signup = signup_create(shift=shift, volunteer=volunteer)
    with pytest.raises(PermissionDenied):
        signup_cancel(signup=signup, actor=VolunteerProfileFactory().user)


def test_overlapping_signup_is_refused_with_the_other_shift_named(volunteer):
    morning = ShiftFactory(date=in_days(3), start_time=time(9), end_time=time(12))
    signup_create(shift=morning, volunteer=volunteer)
    overlapping = ShiftFactory(date=in_days(3), start_time=time(11), end_time=time(14))
    with pytest.raises(ValidationError, match="overlaps") as error:
        signup_create(shift=overlapping, volunteer=volunteer)
    assert morning.opportunity.title in error.value.messages[0]
    afternoon = ShiftFactory(date=in_days(3), start_time=time(12), end_time=time(15))
    assert signup_create(shift=afternoon, volunteer=volunteer).status == CONFIRMED


def test_signing_up_twice_for_one_shift_is_refused(volunteer):
    shift = ShiftFactory(seats=3)
    signup_create(shift=shift, volunteer=volunteer)
    with pytest.raises(ValidationError, match="already signed up"):
        signup_create(shift=shift, volunteer=volunteer)


@pytest.mark.parametrize(
    "status",
    [ScreeningStatus.APPLIED, ScreeningStatus.TRAINING_COMPLETED, ScreeningStatus.SUSPENDED],
)
def test_volunteers_not_approved_cannot_sign_up(shift, status):
    with pytest.raises(ValidationError, match="Only approved"):
        signup_create(shift=shift, volunteer=VolunteerProfileFactory(status=status))


def test_past_and_unpublished_shifts_take_no_signups(volunteer):
    with pytest.raises(ValidationError, match="already started"):
        signup_create(shift=ShiftFactory(date=in_days(-1)), volunteer=volunteer)
    draft = ShiftFactory(opportunity=VolunteerOpportunityPageFactory(live=False))
    with pytest.raises(ValidationError, match="not published"):
        signup_create(shift=draft, volunteer=volunteer)


def test_suspension_cancels_future_signups_and_frees_the_seat(shift, manager, agency):
    volunteer = VolunteerProfileFactory(agency=agency)
    signup = signup_create(shift=shift, volunteer=volunteer)
    waiting = signup_create(shift=shift, volunteer=VolunteerProfileFactory(), waitlist=True)
    screening_transition(
        volunteer=volunteer, to_status=ScreeningStatus.SUSPENDED, reason="投诉核查", actor=manager
    )
    signup.refresh_from_db()
    waiting.refresh_from_db()
    assert (signup.status, waiting.status) == (CANCELLED, CONFIRMED)


def test_opportunity_screen_signs_up_and_joins_waiting_list(english, shift, volunteer):
    SignUpFactory(shift=shift)
    english.login(email=volunteer.user.email, password=PASSWORD)
    detail = reverse("volunteers:opportunity_detail", args=[shift.opportunity_id])
    assert "Join the waiting list" in english.get(detail).content.decode()
    response = english.post(reverse("volunteers:shift_signup", args=[shift.pk]), follow=True)
    assert "This shift is full" in response.content.decode()
    english.post(reverse("volunteers:shift_signup", args=[shift.pk]), {"waitlist": "1"})
    assert SignUp.objects.get(volunteer=volunteer).status == WAITLISTED


def test_volunteer_cancels_from_my_shifts(client, shift, volunteer):
    signup = signup_create(shift=shift, volunteer=volunteer)
    client.login(email=volunteer.user.email, password=PASSWORD)
    client.post(reverse("volunteers:signup_cancel", args=[signup.pk]))
    signup.refresh_from_db()
    assert signup.status == CANCELLED


def test_volunteers_not_yet_approved_see_opportunities_but_cannot_take_a_shift(db, english):
    applicant = VolunteerProfileFactory(status=ScreeningStatus.APPLIED)
    shift = ShiftFactory()
    english.login(email=applicant.user.email, password=PASSWORD)
    detail = reverse("volunteers:opportunity_detail", args=[shift.opportunity_id])
    page = english.get(detail).content.decode()
    assert "Only approved volunteers" in page
    assert reverse("volunteers:shift_signup", args=[shift.pk]) not in page
    assert english.post(reverse("volunteers:shift_signup", args=[shift.pk])).status_code == 403


def test_opportunity_list_shows_live_opportunities_with_shifts_to_come(client, volunteer):
    upcoming = ShiftFactory(opportunity__title="敬老院陪伴")
    ShiftFactory(opportunity__title="往期活动", date=in_days(-10))
    ShiftFactory(opportunity=VolunteerOpportunityPageFactory(title="草稿活动", live=False))
    client.login(email=volunteer.user.email, password=PASSWORD)
    page = client.get(reverse("volunteers:opportunities")).content.decode()
    assert upcoming.opportunity.title in page
    assert "往期活动" not in page and "草稿活动" not in page


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_signups_never_overfill_a_shift_and_queue_the_rest():
    shift = ShiftFactory(seats=2)
    volunteers = [VolunteerProfileFactory() for _ in range(8)]
    barrier = threading.Barrier(len(volunteers))
    errors = []

    def sign_up(volunteer):
        try:
            barrier.wait()
            signup_create(shift=shift, volunteer=volunteer, waitlist=True)
        except Exception as error:  # noqa: BLE001 - collected and asserted on below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sign_up, args=(v,)) for v in volunteers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert SignUp.objects.filter(shift=shift, status=CONFIRMED).count() == 2
    assert SignUp.objects.filter(shift=shift, status=WAITLISTED).count() == 6


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_cancellations_promote_each_waiting_volunteer_once():
    shift = ShiftFactory(seats=3)
    confirmed = [signup_create(shift=shift, volunteer=VolunteerProfileFactory()) for _ in range(3)]
    for _ in range(4):
        signup_create(shift=shift, volunteer=VolunteerProfileFactory(), waitlist=True)
    barrier = threading.Barrier(len(confirmed))

    def cancel(signup):
        try:
            barrier.wait()
            signup_cancel(signup=signup, actor=signup.volunteer.user)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=cancel, args=(s,)) for s in confirmed]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert SignUp.objects.filter(shift=shift, status=CONFIRMED).count() == 3
    assert SignUp.objects.filter(shift=shift, status=WAITLISTED).count() == 1


def test_promoted_volunteer_is_told_by_email(shift, mailoutbox, django_capture_on_commit_callbacks):
    first = signup_create(shift=shift, volunteer=VolunteerProfileFactory())
    waiting = signup_create(shift=shift, volunteer=VolunteerProfileFactory(), waitlist=True)
    with django_capture_on_commit_callbacks(execute=True):
        signup_cancel(signup=first, actor=first.volunteer.user)
    assert [message.to for message in mailoutbox] == [[waiting.volunteer.user.email]]
    assert shift.opportunity.title in mailoutbox[0].subject
