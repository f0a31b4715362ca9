"""Journey d: an employer interviews, offers and hires a referred person, then records the 1, 3
and 6-month follow-ups (the first working day lies seven months back, so all three are due);
the last one on a 360 px phone."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from django.utils import timezone

from employment.models import FollowUp
from employment.vocabulary import ApplicationState, FollowUpOutcome
from tests.e2e.journeys import no_sideways_scroll
from tests.factories.employment import (
    EmployerFactory,
    JobApplicationFactory,
    JobOfferPageFactory,
    employer_section,
    employer_staff,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

STEPS = ["schedule_interview", "offer", "hire"]


def test_employer_hires_a_referred_person_and_records_the_follow_ups(journey):
    employer = EmployerFactory()
    staff = employer_staff(employer)
    job = JobOfferPageFactory(title="数控车床操作工", section=employer_section(employer))
    application = JobApplicationFactory(job=job)
    first_day = timezone.localdate() - timedelta(days=212)

    page = journey.log_in(staff)
    page.get_by_role("link", name=journey.t("Job applications")).first.click()
    page.get_by_role("link", name=application.referral.person_code).click()
    for action in STEPS:
        journey.field(page, "action").select_option(action)
        if action == "schedule_interview":
            interview = first_day - timedelta(days=7)
            journey.field(page, "interview at").fill(f"{interview:%Y-%m-%d}T10:00")
            journey.field(page, "interview place").fill("公司人事部")
        if action == "hire":
            journey.field(page, "start date").fill(f"{first_day:%Y-%m-%d}")
        page.get_by_role("button", name=journey.t("Save"), exact=True).click()
    application.refresh_from_db()
    assert application.state == ApplicationState.HIRED
    follow_ups = list(FollowUp.objects.filter(application=application).order_by("months"))
    assert [f.months for f in follow_ups] == [1, 3, 6]

    phone = journey.page(narrow=True)
    phone.context.add_cookies(page.context.cookies())
    for follow_up, screen in zip(follow_ups, (page, page, phone), strict=True):
        journey.go(screen, "/jobs/follow-ups/")
        legend = journey.t(
            "%(months)s-month follow-up, due %(due)s",
            months=follow_up.months,
            due=f"{follow_up.due_on:%Y-%m-%d}",
        )
        form = screen.get_by_role("group", name=legend)
        form.get_by_label(journey.say(FollowUpOutcome.STILL_EMPLOYED.label)).check()
        form.get_by_role("button", name=journey.t("Record follow-up")).click()
        expect(screen.get_by_role("group", name=legend)).to_have_count(0)
    no_sideways_scroll(phone)
    outcomes = FollowUp.objects.filter(application=application).values_list("outcome", flat=True)
    assert set(outcomes) == {FollowUpOutcome.STILL_EMPLOYED}
