"""The application pipeline, who may move it, hires within positions, and follow-ups."""

from datetime import date

import pytest

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from employment.models import ApplicationEvent, FollowUp, JobApplication
from employment.services import (
    application_record_referral,
    application_transition,
    follow_up_record,
    shared_for_employer,
)
from employment.vocabulary import ApplicationState, FollowUpOutcome
from matching.signals import provider_update, referral_changed
from portal.audit.models import AuditEntry
from tests.factories.employment import (
    EmployerFactory,
    JobApplicationFactory,
    employer_staff,
)

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
    referral_changed.send(
        sender=None,
        offer_key=f"job:{job.pk}",
        referral_id=77,
        referral_code="HN7K2Q",
        state="sent",
        shared={"referral_code": "HN7K2Q", "first_name": "小明", "phone": "13800000000"},
        actor=caseworker,
    )
    application = JobApplication.objects.get(referral_id=77)
    assert application.job_id == job.pk
    assert application.state == ApplicationState.REFERRED
    assert application.created_by == caseworker
    assert application.shared["phone"] == "13800000000"


def test_referral_to_another_kind_of_offer_opens_no_application(job, caseworker):
    result = application_record_referral(
        offer_key=f"service:{job.pk}",
        referral_id=78,
        referral_code="HN7K2Q",
        state="sent",
        shared={},
        actor=caseworker,
    )
    assert result is None
    assert not JobApplication.objects.exists()


def test_draft_referral_opens_no_application(job, caseworker):
    application_record_referral(
        offer_key=f"job:{job.pk}",
        referral_id=79,
        referral_code="HN7K2Q",
        state="draft",
        shared={},
        actor=caseworker,
    )
    assert not JobApplication.objects.exists()


def test_identity_number_offence_and_assessment_never_reach_the_employer():
    shared = shared_for_employer(
        {
            "first_name": "小明",
            "id_number": "410102199001011234",
            "offence": "盗窃",
            "assessment": "风险较低",
            "note": "身份证410102199001011237",
            "age": 35,
        }
    )
    assert shared == {"first_name": "小明", "age": 35}


def test_withdrawn_referral_withdraws_the_open_application(application, caseworker):
    application_record_referral(
        offer_key=f"job:{application.job_id}",
        referral_id=application.referral_id,
        referral_code=application.referral_code,
        state="withdrawn",
        shared={},
        actor=caseworker,
    )
    application.refresh_from_db()
    assert application.state == ApplicationState.WITHDRAWN
    assert application.events.get().to_state == ApplicationState.WITHDRAWN


def test_employer_moves_application_through_the_pipeline_and_casework_follows(
    application, staff, provider_events
):
    hire(application, staff)
    application.refresh_from_db()
    assert application.state == ApplicationState.HIRED
    assert [event for _id, event, _note in provider_events] == [
        "accepted",
        "in_progress",
        "completed",
    ]
    assert list(application.events.values_list("to_state", flat=True)) == [
        ApplicationState.INTERVIEW_SCHEDULED,
        ApplicationState.OFFERED,
        ApplicationState.HIRED,
    ]
    assert AuditEntry.objects.filter(action="employment.application.hired").exists()


def test_rejection_after_interview_completes_the_referral_with_the_reason(
    application, staff, provider_events
):
    move(application, "schedule_interview", staff, interview_at=timezone.now())
    move(application, "reject", staff, note="缺少叉车证")
    application.refresh_from_db()
    assert application.state == ApplicationState.NOT_HIRED
    assert application.outcome_reason == "缺少叉车证"
    assert provider_events[-2:] == [
        (application.referral_id, "in_progress", "缺少叉车证"),
        (application.referral_id, "completed", "缺少叉车证"),
    ]


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
    hire(application, staff)
    second = JobApplicationFactory(job=application.job)
    move(second, "schedule_interview", staff, interview_at=timezone.now())
    move(second, "offer", staff)
    with pytest.raises(ValidationError) as error:
        move(second, "hire", staff, hired_on=date(2026, 2, 1))
    assert codes(error) == ["positions_filled"]
    second.refresh_from_db()
    assert second.state == ApplicationState.OFFERED
    assert not FollowUp.objects.filter(application=second).exists()


def test_refusal_from_casework_undoes_the_step(application, staff):
    def refuse(sender, **kwargs):
        raise ValidationError("This referral was withdrawn.")

    provider_update.connect(refuse, weak=False)
    with pytest.raises(ValidationError):
        move(application, "schedule_interview", staff, interview_at=timezone.now())
    application.refresh_from_db()
    assert application.state == ApplicationState.REFERRED


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


def test_still_employed_cannot_be_recorded_long_before_it_is_due(application, staff):
    move(application, "schedule_interview", staff, interview_at=timezone.now())
    move(application, "offer", staff)
    move(application, "hire", staff, hired_on=timezone.localdate())
    six = application.follow_ups.get(months=6)
    with pytest.raises(ValidationError) as error:
        follow_up_record(follow_up_id=six.pk, actor=staff, outcome=FollowUpOutcome.STILL_EMPLOYED)
    assert codes(error) == ["not_due"]


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


def test_referral_declined_in_casework_closes_the_application_as_not_hired(application, caseworker):
    application_record_referral(
        offer_key=f"job:{application.job_id}",
        referral_id=application.referral_id,
        referral_code=application.referral_code,
        state="declined",
        shared={},
        actor=caseworker,
    )
    application.refresh_from_db()
    assert application.state == ApplicationState.NOT_HIRED
    assert application.outcome_reason
