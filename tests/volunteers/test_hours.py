from datetime import time
from decimal import Decimal

import pytest

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tests.factories.portal import PASSWORD, MembershipFactory
from tests.factories.volunteers import (
    HoursEntryFactory,
    ShiftFactory,
    SignUpFactory,
    VolunteerOpportunityPageFactory,
    VolunteerProfileFactory,
    in_days,
    section_for,
)
from volunteers.models import HoursEntry, HoursStatus, ScreeningStatus
from volunteers.selectors import approved_hours, yearly_totals
from volunteers.services import hours_decide, hours_log


@pytest.fixture
def coordinator(db):
    """Staff of the organization whose section publishes the opportunity."""
    return MembershipFactory().user


@pytest.fixture
def served_shift(coordinator, volunteer):
    opportunity = VolunteerOpportunityPageFactory(
        section=section_for(coordinator.memberships.get().organization)
    )
    shift = ShiftFactory(
        opportunity=opportunity, date=in_days(-2), start_time=time(9), end_time=time(12)
    )
    SignUpFactory(shift=shift, volunteer=volunteer)
    return shift


def log_on(shift, volunteer, start=time(9), end=time(12), day=None):
    return hours_log(
        volunteer=volunteer, shift=shift, day=day or shift.date, start_time=start, end_time=end
    )


def test_hours_on_a_shift_are_counted_to_the_quarter_hour(served_shift, volunteer):
    entry = log_on(served_shift, volunteer, start=time(9, 15), end=time(11, 45))
    assert entry.hours == Decimal("2.50")
    assert entry.status == HoursStatus.PENDING
    assert entry.opportunity_id == served_shift.opportunity_id


@pytest.mark.parametrize(
    ("start", "end", "day_offset"),
    [(time(8), time(12), 0), (time(9), time(13), 0), (time(9), time(12), -1)],
)
def test_hours_outside_the_shift_time_are_refused(served_shift, volunteer, start, end, day_offset):
    day = in_days(-2 + day_offset)
    with pytest.raises(ValidationError, match="within its time"):
        log_on(served_shift, volunteer, start=start, end=end, day=day)
    assert not HoursEntry.objects.exists()


def test_hours_on_a_shift_the_volunteer_did_not_take_are_refused(served_shift):
    with pytest.raises(ValidationError, match="not confirmed"):
        log_on(served_shift, VolunteerProfileFactory())


def test_future_and_overlapping_hours_are_refused(served_shift, volunteer):
    log_on(served_shift, volunteer, start=time(9), end=time(10))
    with pytest.raises(ValidationError, match="overlapping"):
        log_on(served_shift, volunteer, start=time(9, 30), end=time(11))
    with pytest.raises(ValidationError, match="once they are served"):
        hours_log(
            volunteer=volunteer,
            day=in_days(2),
            start_time=time(9),
            end_time=time(10),
            activity="探访",
        )


def test_end_before_start_is_refused(volunteer):
    with pytest.raises(ValidationError) as error:
        hours_log(
            volunteer=volunteer,
            day=in_days(-1),
            start_time=time(10),
            end_time=time(9),
            activity="探访",
        )
    assert "end_time" in error.value.message_dict


def test_coordinator_approves_and_rejects_with_reason(served_shift, volunteer, coordinator):
    approved = log_on(served_shift, volunteer, start=time(9), end=time(10))
    rejected = log_on(served_shift, volunteer, start=time(10), end=time(12))
    hours_decide(entry=approved, approve=True, actor=coordinator)
    with pytest.raises(ValidationError):
        hours_decide(entry=rejected, approve=False, actor=coordinator, reason="")
    hours_decide(entry=rejected, approve=False, actor=coordinator, reason="当天未签到")
    rejected.refresh_from_db()
    assert (rejected.status, rejected.rejection_reason) == (HoursStatus.REJECTED, "当天未签到")
    with pytest.raises(ValidationError, match="already been decided"):
        hours_decide(entry=rejected, approve=True, actor=coordinator)


def test_only_the_coordinator_or_the_agency_manager_decides(
    served_shift, volunteer, manager, other_manager
):
    entry = log_on(served_shift, volunteer)
    for outsider in [volunteer.user, MembershipFactory().user, other_manager]:
        with pytest.raises(PermissionDenied):
            hours_decide(entry=entry, approve=True, actor=outsider)
    hours_decide(entry=entry, approve=True, actor=manager)


def test_activity_hours_outside_opportunities_go_to_the_screening_manager(
    volunteer, manager, coordinator
):
    entry = hours_log(
        volunteer=volunteer,
        day=in_days(-1),
        start_time=time(14),
        end_time=time(16),
        activity="入户帮教",
    )
    with pytest.raises(PermissionDenied):
        hours_decide(entry=entry, approve=True, actor=coordinator)
    assert hours_decide(entry=entry, approve=True, actor=manager).status == HoursStatus.APPROVED


def test_yearly_totals_count_approved_and_pending_but_never_rejected(volunteer):
    this_year = in_days(0).year
    for status, start, end in [
        (HoursStatus.APPROVED, time(9), time(11)),
        (HoursStatus.APPROVED, time(13), time(14, 30)),
        (HoursStatus.PENDING, time(15), time(16)),
    ]:
        HoursEntryFactory(
            volunteer=volunteer,
            status=status,
            date=in_days(0).replace(month=1, day=10),
            start_time=start,
            end_time=end,
        )
    HoursEntryFactory(
        volunteer=volunteer,
        status=HoursStatus.REJECTED,
        rejection_reason="重复",
        date=in_days(0).replace(month=1, day=11),
    )
    HoursEntryFactory(
        volunteer=volunteer,
        status=HoursStatus.APPROVED,
        date=in_days(0).replace(year=this_year - 1, month=6, day=1),
    )
    totals = yearly_totals(volunteer)
    assert totals == [
        {"year": this_year, "approved": Decimal("3.50"), "pending": Decimal("1.00")},
        {"year": this_year - 1, "approved": Decimal("2.50"), "pending": Decimal("0.00")},
    ]
    assert [e.hours for e in approved_hours(volunteer, this_year)] == [
        Decimal("2.00"),
        Decimal("1.50"),
    ]


def test_certificate_lists_approved_hours_and_total(english, volunteer):
    day = in_days(0).replace(month=1, day=10)
    HoursEntryFactory(
        volunteer=volunteer, status=HoursStatus.APPROVED, activity="社区普法讲座", date=day
    )
    HoursEntryFactory(
        volunteer=volunteer,
        status=HoursStatus.PENDING,
        activity="待审活动",
        date=day,
        start_time=time(14),
        end_time=time(15),
    )
    english.login(email=volunteer.user.email, password=PASSWORD)
    page = english.get(reverse("volunteers:certificate", args=[day.year])).content.decode()
    assert "社区普法讲座" in page and "待审活动" not in page
    assert "served 2.50 approved hours" in page
    assert volunteer.identity_number_masked in page


def test_certificate_without_approved_hours_is_not_found(client, volunteer):
    client.login(email=volunteer.user.email, password=PASSWORD)
    assert client.get(reverse("volunteers:certificate", args=[2001])).status_code == 404


def test_hours_screen_logs_shift_hours_and_reports_bad_times(english, served_shift, volunteer):
    english.login(email=volunteer.user.email, password=PASSWORD)
    data = {
        "shift": served_shift.pk,
        "date": served_shift.date.isoformat(),
        "start_time": "08:00",
        "end_time": "10:00",
    }
    response = english.post(reverse("volunteers:hours"), data)
    assert response.status_code == 400
    assert "must lie within its time" in response.content.decode()
    assert (
        english.post(reverse("volunteers:hours"), data | {"start_time": "09:00"}).status_code == 302
    )
    assert HoursEntry.objects.get().hours == Decimal("1.00")


def test_coordinator_screen_lists_and_decides_pending_hours(
    client, served_shift, volunteer, coordinator
):
    entry = log_on(served_shift, volunteer)
    client.login(email=coordinator.email, password=PASSWORD)
    assert (
        volunteer.real_name in client.get(reverse("volunteers:coordinate_hours")).content.decode()
    )
    client.post(reverse("volunteers:hours_decide", args=[entry.pk]), {"approve": "1"})
    entry.refresh_from_db()
    assert entry.status == HoursStatus.APPROVED


def test_suspended_volunteer_cannot_log_hours(volunteer):
    volunteer.status = ScreeningStatus.SUSPENDED
    volunteer.save()
    with pytest.raises(ValidationError, match="Only approved"):
        hours_log(
            volunteer=volunteer,
            day=in_days(-1),
            start_time=time(9),
            end_time=time(10),
            activity="探访",
        )


def test_retired_volunteer_keeps_their_totals_but_logs_no_more_hours(english, volunteer):
    HoursEntryFactory(volunteer=volunteer, status=HoursStatus.APPROVED, date=in_days(-30))
    volunteer.status = ScreeningStatus.RETIRED
    volunteer.save()
    english.login(email=volunteer.user.email, password=PASSWORD)
    page = english.get(reverse("volunteers:hours")).content.decode()
    assert "2.50" in page and "Log hours" not in page
    data = {
        "activity": "探访",
        "date": in_days(-1).isoformat(),
        "start_time": "09:00",
        "end_time": "10:00",
    }
    assert english.post(reverse("volunteers:hours"), data).status_code == 403
    assert HoursEntry.objects.count() == 1
