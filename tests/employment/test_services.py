"""The application pipeline, who may move it, hires within positions, and follow-ups."""

from datetime import date

import pytest

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from employment.models import ApplicationEvent, FollowUp, JobApplication
from employment.services import application_open, application_transition, follow_up_record
from employment.vocabulary import ApplicationState, FollowUpOutcome
from matching.models import ReferralState, Side
from matching.services import capacity_set, referral_transition
from portal.audit.models import AuditEntry
from tests.factories.employment import (
    EmployerFactory,
    JobApplicationFactory,
    employer_staff,
    offered_pair,
)
from tests.factories.matching import ReferralFactory

pytestmark = pytest.mark.django_db


def codes(error_info) -> list[str]:
    return [error.code for error in error_info.value.error_list]


def move(application, action, actor, **details):
    return application_transition(
        application_id=application.pk, action=action, actor=actor, details=details
    )


def hire(application, actor):
    move(application, "schedule_interview", actor, interview_at=timezone.now())
    move(application, "offer", actor)
    return move(application, "hire", actor, hired_on=date(2026, 1, 31))


def test_sent_referral_to_a_job_opens_an_application_with_the_caseworker(job, caseworker):
    referral = ReferralFactory(
        offer_key=f"job:{job.pk}", offer_kind="job", state="sent", created_by=caseworker
    )
    application = application_open(referral)
    assert application == JobApplication.objects.get(referral=referral)
    assert application.job_id == job.pk
    assert application.state == ApplicationState.REFERRED
    assert application.created_by == caseworker


def test_referral_to_another_kind_of_offer_opens_no_application(job, caseworker):
    referral = ReferralFactory(offer_key=f"service:{job.pk}", state="sent", created_by=caseworker)
    assert application_open(referral) is None
    assert not JobApplication.objects.exists()


def test_application_keeps_no_copy_of_the_referral(application):
    fields = {field.name for field in JobApplication._meta.get_fields()}
    assert not fields & {"referral_state", "referral_code", "shared", "referral_id"}
    assert application.referral.person_code


def test_withdrawn_referral_ends_the_application_and_refuses_further_steps(
    application, caseworker, staff
):
    referral_transition(
        referral=application.referral,
        action="withdraw",
        side=Side.CASEWORKER,
        actor=caseworker,
        note="本人已就业",
    )
    application.refresh_from_db()
    assert not application.is_open
    with pytest.raises(ValidationError):
        move(application, "schedule_interview", staff, interview_at=timezone.now())
    application.refresh_from_db()
    assert application.state == ApplicationState.REFERRED


def test_employer_moves_application_through_the_pipeline_and_the_referral_follows(
    application, staff
):
    hire(application, staff)
    application.refresh_from_db()
    assert application.state == ApplicationState.HIRED
    assert application.referral.state == ReferralState.COMPLETED
    assert list(application.referral.events.values_list("to_state", "actor")) == [
        (ReferralState.ACCEPTED, staff.pk),
        (ReferralState.IN_PROGRESS, staff.pk),
        (ReferralState.COMPLETED, staff.pk),
    ]
    assert list(application.events.values_list("to_state", flat=True)) == [
        ApplicationState.INTERVIEW_SCHEDULED,
        ApplicationState.OFFERED,
        ApplicationState.HIRED,
    ]
    assert AuditEntry.objects.filter(action="employment.application.hired").exists()


def test_rejection_after_interview_completes_the_referral_with_the_reason(application, staff):
    move(application, "schedule_interview", staff, interview_at=timezone.now())
    move(application, "reject", staff, note="缺少叉车证")
    application.refresh_from_db()
    assert application.state == ApplicationState.NOT_HIRED
    assert application.outcome_reason == "缺少叉车证"
    assert application.referral.state == ReferralState.COMPLETED
    assert application.referral.outcome == "缺少叉车证"


def test_a_step_the_employer_took_in_the_inbox_is_not_taken_twice(application, staff):
    referral_transition(
        referral=application.referral, action="accept", side=Side.PROVIDER, actor=staff
    )
    move(application, "schedule_interview", staff, interview_at=timezone.now())
    application.refresh_from_db()
    assert application.referral.state == ReferralState.ACCEPTED
    assert application.referral.events.filter(to_state=ReferralState.ACCEPTED).count() == 1


def test_not_hired_needs_a_reason_and_changes_nothing_without_one(application, staff):
    with pytest.raises(ValidationError) as error:
        move(application, "reject", staff, note="  ")
    assert "note" in error.value.message_dict
    application.refresh_from_db()
    assert application.state == ApplicationState.REFERRED
    assert not ApplicationEvent.objects.exists()


def test_hire_cannot_skip_the_interview_and_offer(application, staff):
    with pytest.raises(ValidationError) as error:
        move(application, "hire", staff, hired_on=date(2026, 1, 31))
    assert codes(error) == ["transition_not_allowed"]
    application.refresh_from_db()
    assert application.state == ApplicationState.REFERRED


def test_closed_application_cannot_be_withdrawn(application, staff):
    move(application, "reject", staff, note="岗位已满")
    with pytest.raises(ValidationError):
        move(application, "withdraw", staff)


def test_staff_of_another_employer_cannot_move_the_application(application):
    stranger = employer_staff(EmployerFactory())
    with pytest.raises(PermissionDenied):
        move(application, "schedule_interview", stranger, interview_at=timezone.now())


def test_caseworker_cannot_move_the_application_they_referred(application, caseworker):
    with pytest.raises(PermissionDenied):
        move(application, "schedule_interview", caseworker, interview_at=timezone.now())


def test_hire_beyond_the_positions_is_refused_and_changes_nothing(application, staff):
    second = offered_pair(application, staff)
    move(application, "hire", staff, hired_on=date(2026, 1, 31))
    with pytest.raises(ValidationError) as error:
        move(second, "hire", staff, hired_on=date(2026, 2, 1))
    assert codes(error) == ["positions_filled"]
    second.refresh_from_db()
    assert second.state == ApplicationState.OFFERED
    assert not FollowUp.objects.filter(application=second).exists()


def test_no_further_referral_is_accepted_once_every_position_is_filled(application, staff):
    hire(application, staff)
    second = JobApplicationFactory(job=application.job)
    with pytest.raises(ValidationError) as error:
        move(second, "schedule_interview", staff, interview_at=timezone.now())
    assert codes(error) == ["offer_full"]
    second.refresh_from_db()
    assert second.state == ApplicationState.REFERRED


def test_a_step_the_referral_table_refuses_undoes_the_employers_step(application, staff):
    capacity_set(offer_key=application.referral.offer_key, seats_total=0)
    with pytest.raises(ValidationError) as error:
        move(application, "schedule_interview", staff, interview_at=timezone.now())
    assert codes(error) == ["offer_full"]
    application.refresh_from_db()
    assert application.state == ApplicationState.REFERRED
    assert application.referral.state == ReferralState.SENT
    assert not application.events.exists()


def test_hire_schedules_follow_ups_at_one_three_and_six_months(application, staff):
    hire(application, staff)
    due = dict(application.follow_ups.values_list("months", "due_on"))
    assert due == {1: date(2026, 2, 28), 3: date(2026, 4, 30), 6: date(2026, 7, 31)}


def test_person_who_left_needs_no_later_follow_ups(application, staff):
    hire(application, staff)
    first = application.follow_ups.get(months=1)
    follow_up_record(
        follow_up_id=first.pk, actor=staff, outcome=FollowUpOutcome.LEFT, left_reason="moved"
    )
    outcomes = dict(application.follow_ups.values_list("months", "outcome"))
    assert outcomes == {
        1: FollowUpOutcome.LEFT,
        3: FollowUpOutcome.NOT_NEEDED,
        6: FollowUpOutcome.NOT_NEEDED,
    }


def test_leaving_needs_a_reason(application, staff):
    hire(application, staff)
    first = application.follow_ups.get(months=1)
    with pytest.raises(ValidationError):
        follow_up_record(follow_up_id=first.pk, actor=staff, outcome=FollowUpOutcome.LEFT)
    first.refresh_from_db()
    assert first.is_pending


@pytest.mark.parametrize(
    ("outcome", "left_reason"),
    [(FollowUpOutcome.STILL_EMPLOYED, ""), (FollowUpOutcome.LEFT, "moved")],
)
def test_follow_up_cannot_be_recorded_before_it_opens(application, staff, outcome, left_reason):
    move(application, "schedule_interview", staff, interview_at=timezone.now())
    move(application, "offer", staff)
    move(application, "hire", staff, hired_on=timezone.localdate())
    one = application.follow_ups.get(months=1)
    with pytest.raises(ValidationError) as error:
        follow_up_record(follow_up_id=one.pk, actor=staff, outcome=outcome, left_reason=left_reason)
    assert codes(error) == ["not_due"]
    assert set(application.follow_ups.values_list("outcome", flat=True)) == {
        FollowUpOutcome.PENDING
    }
    assert not AuditEntry.objects.filter(action__startswith="employment.follow_up").exists()


def test_follow_up_opens_a_week_before_it_is_due():
    follow_up = FollowUp(months=3, due_on=date(2027, 3, 8))
    assert follow_up.opens_on == date(2027, 3, 1)
    assert not follow_up.is_open_on(date(2027, 2, 28))
    assert follow_up.is_open_on(date(2027, 3, 1))
    assert follow_up.is_open_on(date(2027, 4, 1))


def test_referring_caseworker_and_their_manager_record_follow_ups(
    application, staff, caseworker, manager
):
    hire(application, staff)
    one, three = application.follow_ups.order_by("months")[:2]
    follow_up_record(follow_up_id=one.pk, actor=caseworker, outcome=FollowUpOutcome.STILL_EMPLOYED)
    follow_up_record(follow_up_id=three.pk, actor=manager, outcome=FollowUpOutcome.STILL_EMPLOYED)
    one.refresh_from_db()
    assert one.recorded_by == caseworker
    assert AuditEntry.objects.filter(action="employment.follow_up.still_employed").count() == 2


def test_other_caseworker_cannot_record_a_follow_up(application, staff):
    from tests.factories.portal import UserFactory

    hire(application, staff)
    other = UserFactory(role="caseworker")
    with pytest.raises(PermissionDenied):
        follow_up_record(
            follow_up_id=application.follow_ups.first().pk,
            actor=other,
            outcome=FollowUpOutcome.STILL_EMPLOYED,
        )


def test_follow_up_is_recorded_once(application, staff):
    hire(application, staff)
    first = application.follow_ups.get(months=1)
    follow_up_record(follow_up_id=first.pk, actor=staff, outcome=FollowUpOutcome.STILL_EMPLOYED)
    with pytest.raises(ValidationError) as error:
        follow_up_record(
            follow_up_id=first.pk, actor=staff, outcome=FollowUpOutcome.LEFT, left_reason="moved"
        )
    assert codes(error) == ["recorded"]


def test_hire_leaves_one_seat_less_for_matching(application, staff):
    from matching.selectors import seats_left

    job = application.job
    assert seats_left(offer_key=f"job:{job.pk}") == 1
    hire(application, staff)
    assert seats_left(offer_key=f"job:{job.pk}") == 0


def test_referral_declined_in_the_inbox_closes_the_application(application, staff):
    referral_transition(
        referral=application.referral,
        action="decline",
        side=Side.PROVIDER,
        actor=staff,
        note="岗位已满",
    )
    application.refresh_from_db()
    assert not application.is_open
    with pytest.raises(ValidationError):
        move(application, "reject", staff, note="不合适")
