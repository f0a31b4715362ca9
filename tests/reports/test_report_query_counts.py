"""Every report page and export, the opinion page and a delivered report run as many queries for
one row as for fifty: the counting happens in the database, never once per row."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from django.utils import timezone

from casework.models import PersonReferral
from employment.models import FollowUp
from employment.vocabulary import ApplicationState
from matching.eligibility import CorrectionType
from matching.models import Category, ReferralEvent
from portal.organizations.models import CorrectionsAgency, Jurisdiction, JurisdictionLevel
from reports.definitions import REPORTS
from reports.models import ReportDelivery
from reports.periods import quarter
from reports.services import opinion_issue, opinion_transition, report_deliver
from tests.factories.casework import (
    AssessedNeedFactory,
    NeedsAssessmentFactory,
    SupervisedPersonFactory,
)
from tests.factories.employment import JobApplicationFactory, JobOfferPageFactory
from tests.factories.matching import ReferralFactory
from tests.factories.portal import JudicialOfficeFactory, UserFactory
from tests.factories.procurement import DeliveryFactory
from tests.factories.volunteers import (
    HoursEntryFactory,
    ShiftFactory,
    SignUpFactory,
    VolunteerOpportunityPageFactory,
    VolunteerProfileFactory,
)
from tests.reports.conftest import oversight_user
from tests.reports.test_query_counts import queries_for

pytestmark = pytest.mark.django_db
YEAR_2026 = {"jurisdiction": "410000", "period": "year", "year": "2026"}
OUTPUTS = ("", "csv", "xlsx")
TYPES = CorrectionType.values


def counties(count: int) -> list[Jurisdiction]:
    """`count` counties of Henan, each report row of its own."""
    return list(Jurisdiction.objects.filter(level=JurisdictionLevel.COUNTY).order_by("code"))[
        :count
    ]


def person_in(county: Jurisdiction, serial: int):
    office = JudicialOfficeFactory(agency__jurisdiction=county)
    return SupervisedPersonFactory(judicial_office=office, correction_type=TYPES[serial % 4])


def referral_of(person, category: Category, serial: int, accepted: bool = True):
    """A referral sent in June 2026 to a provider of its own, accepted (or still waiting)."""
    sent = timezone.make_aware(datetime(2026, 6, 1, 10)) + timedelta(hours=serial)
    referral = ReferralFactory(
        need_category=category,
        state="accepted" if accepted else "sent",
        sent_at=sent,
        answered_at=sent + timedelta(days=2) if accepted else None,
        provider_name=f"社工服务中心{serial}",
    )
    PersonReferral.objects.create(person=person, referral=referral)
    for before, after in (("draft", "sent"), ("sent", "accepted"))[: 2 if accepted else 1]:
        ReferralEvent.objects.create(referral=referral, from_state=before, to_state=after)
    return referral


def add_persons(first: int, count: int) -> None:
    for serial, county in enumerate(counties(first + count)[first:], start=first):
        person_in(county, serial)


def add_needs(first: int, count: int) -> None:
    categories = list(Category.objects.order_by("pk"))
    for serial, county in enumerate(counties(first + count)[first:], start=first):
        person = person_in(county, serial)
        category = categories[serial % len(categories)]
        assessment = NeedsAssessmentFactory(person=person, version=1, assessed_at=date(2026, 1, 5))
        AssessedNeedFactory(assessment=assessment, category=category)
        referral_of(person, category, serial, accepted=serial % 2 == 0)


def add_referrals(first: int, count: int) -> None:
    categories = list(Category.objects.order_by("pk"))
    for serial, county in enumerate(counties(first + count)[first:], start=first):
        person = person_in(county, serial)
        referral_of(person, categories[serial % len(categories)], serial, serial % 3 != 0)


def add_employment(first: int, count: int) -> None:
    jobs = [JobOfferPageFactory(jurisdiction=county) for county in counties(first + count)[first:]]
    for serial, job in enumerate(jobs, start=first):
        hired = serial % 2 == 0
        application = JobApplicationFactory(
            job=job,
            state=ApplicationState.HIRED if hired else ApplicationState.REFERRED,
            hired_on=date(2026, 2, 1) if hired else None,
        )
        if hired:
            FollowUp.objects.create(application=application, months=1, due_on=date(2026, 3, 3))


def add_procurement(first: int, count: int) -> None:
    for serial, county in enumerate(counties(first + count)[first:], start=first):
        agency = CorrectionsAgency.objects.get_or_create(
            jurisdiction=county, defaults={"name": f"{county.name}社区矫正管理局"}
        )[0]
        DeliveryFactory(
            line__contract__agency=agency,
            line__contract__ceiling=Decimal("10000.00"),
            delivered_on=date(2026, 3, 2 + serial % 20),
        )


def add_volunteers(first: int, count: int) -> None:
    for county in counties(first + count)[first:]:
        opportunity = VolunteerOpportunityPageFactory(jurisdiction_code=county.code)
        shift = ShiftFactory(opportunity=opportunity, date=date(2026, 5, 10), seats=5)
        volunteer = VolunteerProfileFactory(agency__jurisdiction=county)
        SignUpFactory(shift=shift, volunteer=volunteer)
        HoursEntryFactory(volunteer=volunteer, shift=shift, date=date(2026, 5, 10))


ADD = {
    "persons": add_persons,
    "needs": add_needs,
    "referrals": add_referrals,
    "employment": add_employment,
    "procurement": add_procurement,
    "volunteers": add_volunteers,
}


def test_every_report_has_rows_to_add():
    assert set(ADD) == set(REPORTS)


@pytest.mark.parametrize("slug", list(ADD))
def test_a_report_and_its_exports_read_as_much_for_fifty_rows_as_for_one(client, slug):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    url = f"/reports/{slug}/"
    ADD[slug](0, 1)
    few = [queries_for(client, url, {**YEAR_2026, "format": out} if out else YEAR_2026)
           for out in OUTPUTS]  # fmt: skip
    ADD[slug](1, 49)
    many = [queries_for(client, url, {**YEAR_2026, "format": out} if out else YEAR_2026)
            for out in OUTPUTS]  # fmt: skip

    # Later requests may read fewer (from caches), never more.
    assert [m <= f for m, f in zip(many, few, strict=True)] == [True] * len(OUTPUTS), (few, many)


def test_the_opinion_page_does_not_grow_with_its_history(client, manager, procurator):
    agency = CorrectionsAgency.objects.get(jurisdiction__code="410102")
    opinion = opinion_issue(
        actor=procurator,
        agency=agency,
        kind="suggestion",
        subject="事由",
        content="请整改。",
        deadline=timezone.localdate() + timedelta(days=30),
    )
    client.force_login(procurator)
    url = f"/reports/opinions/{opinion.pk}/"
    few = queries_for(client, url)
    for round_ in range(25):
        opinion_transition(opinion=opinion, action="respond", side="agency", actor=manager,
                           response=f"已整改{round_}")  # fmt: skip
        opinion_transition(opinion=opinion, action="reopen", side="procuratorate",
                           actor=procurator, note=f"未完成{round_}")  # fmt: skip

    assert queries_for(client, url) <= few


def test_a_delivered_report_does_not_grow_with_the_people_it_counts(client):
    unit = oversight_user("procuratorate", "410000")
    report_deliver(period=quarter(2026, 2))
    client.force_login(unit)
    delivery = ReportDelivery.objects.get(recipient=unit)
    url = f"/reports/inbox/{delivery.pk}/"
    add_needs(0, 1)
    few = queries_for(client, url)
    add_needs(1, 49)

    assert queries_for(client, url) <= few
