"""Casework fixtures: two offices of one agency, another agency, one user per role, offers."""

from datetime import date

import pytest

from django.utils import translation

from casework.services import referral_create, referral_send
from matching.models import TRANSITIONS, OutcomeResult, ReferralState
from matching.services import Completion, referral_transition
from portal.accounts.models import Role
from portal.organizations.models import OrganizationKind
from tests.factories.casework import (
    AssessedNeedFactory,
    NeedsAssessmentFactory,
    SupervisedPersonFactory,
    category,
)
from tests.factories.matching import OfferBook
from tests.factories.portal import (
    CorrectionsAgencyFactory,
    JudicialOfficeFactory,
    MembershipFactory,
    OrganizationFactory,
    StaffAssignmentFactory,
    UserFactory,
    jurisdiction,
)


@pytest.fixture
def offers(db):
    book = OfferBook()
    yield book
    book.restore()


@pytest.fixture
def agency(db):
    return CorrectionsAgencyFactory(jurisdiction=jurisdiction("410102"))


@pytest.fixture
def office_a(agency):
    townships = agency.jurisdiction.children.order_by("code")
    return JudicialOfficeFactory(agency=agency, jurisdiction=townships[0])


@pytest.fixture
def office_b(agency):
    townships = agency.jurisdiction.children.order_by("code")
    return JudicialOfficeFactory(agency=agency, jurisdiction=townships[1])


@pytest.fixture
def other_agency(db):
    return CorrectionsAgencyFactory(jurisdiction=jurisdiction("410302"))


@pytest.fixture
def caseworker(office_a):
    return StaffAssignmentFactory(judicial_office=office_a, user__role=Role.CASEWORKER).user


@pytest.fixture
def other_caseworker(office_b):
    return StaffAssignmentFactory(judicial_office=office_b, user__role=Role.CASEWORKER).user


@pytest.fixture
def office_colleague(office_a):
    """A caseworker of the same office who is not assigned to the persons."""
    return StaffAssignmentFactory(judicial_office=office_a, user__role=Role.CASEWORKER).user


@pytest.fixture
def manager(agency):
    return StaffAssignmentFactory(
        agency=agency, judicial_office=None, user__role=Role.AGENCY_MANAGER
    ).user


@pytest.fixture
def other_manager(other_agency):
    return StaffAssignmentFactory(
        agency=other_agency, judicial_office=None, user__role=Role.AGENCY_MANAGER
    ).user


@pytest.fixture
def oversight(db):
    return UserFactory(role=Role.OVERSIGHT)


@pytest.fixture
def organization(db):
    return OrganizationFactory()


@pytest.fixture
def provider(organization):
    return MembershipFactory(organization=organization, user__role=Role.PROVIDER_STAFF).user


@pytest.fixture
def other_provider(db):
    return MembershipFactory(user__role=Role.PROVIDER_STAFF).user


@pytest.fixture
def employer(db):
    employer = OrganizationFactory(kind=OrganizationKind.EMPLOYER)
    return MembershipFactory(organization=employer, user__role=Role.EMPLOYER_STAFF).user


@pytest.fixture
def volunteer(db):
    return UserFactory(role=Role.VOLUNTEER)


@pytest.fixture
def person(office_a, caseworker):
    person = SupervisedPersonFactory(judicial_office=office_a, caseworkers=[caseworker])
    AssessedNeedFactory(assessment=NeedsAssessmentFactory(person=person, version=1))
    return person


@pytest.fixture
def sealed_person(office_a, caseworker):
    person = SupervisedPersonFactory(
        judicial_office=office_a,
        caseworkers=[caseworker],
        is_juvenile=True,
        family_name="赵",
        given_name="少年",
        birth_date=date(2009, 3, 3),
        offense="寻衅滋事罪",
    )
    NeedsAssessmentFactory(person=person, version=1)
    return person


@pytest.fixture
def offer(offers, organization):
    return offers.add(organization_id=organization.pk, seats=3, title="心理疏导小组")


@pytest.fixture
def sent_referral(person, offer, caseworker):
    return referral_create(
        actor=caseworker,
        person=person,
        offer_key=offer.key,
        need_category=category(),
        shared_fields=["first_name"],
    )


@pytest.fixture
def referral_in(person, offers, organization, caseworker):
    """A referral of `person` to a fresh offer, moved to the given state by the table."""
    paths = {
        ReferralState.DRAFT: [],
        ReferralState.SENT: ["send"],
        ReferralState.ACCEPTED: ["send", "accept"],
        ReferralState.DECLINED: ["send", "decline"],
        ReferralState.IN_PROGRESS: ["send", "accept", "start"],
        ReferralState.COMPLETED: ["send", "accept", "start", "complete"],
        ReferralState.NO_SHOW: ["send", "accept", "no_show"],
        ReferralState.WITHDRAWN: ["send", "withdraw"],
        ReferralState.CLOSED: ["send", "withdraw", "close"],
    }

    def make(state, seats=5):
        document = offers.add(organization_id=organization.pk, seats=seats)
        referral = referral_create(
            actor=caseworker,
            person=person,
            offer_key=document.key,
            need_category=category(),
            shared_fields=["first_name"],
            send=False,
        )
        for name in paths[state]:
            if name == "send":
                referral = referral_send(actor=caseworker, referral=referral)
                continue
            referral = referral_transition(
                referral=referral,
                action=name,
                side=TRANSITIONS[name].side,
                actor=caseworker,
                note="说明",
                completion=Completion(result=OutcomeResult.MET, sessions_attended=6),
            )
        return referral

    return make


@pytest.fixture
def in_english():
    """Service messages in English, whatever the default language."""
    with translation.override("en"):
        yield
