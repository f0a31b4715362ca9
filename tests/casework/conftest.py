"""Casework fixtures: two offices of one agency, another agency, one user per role, offers."""

from dataclasses import replace
from datetime import date

import pytest

from django.utils import translation

from casework.models import TRANSITIONS, ReferralState
from casework.services import referral_create, referral_transition
from matching.registry import OfferSource, register, sources, unregister
from matching.services import capacity_set
from portal.accounts.models import Role
from portal.organizations.models import OrganizationKind
from tests.factories.casework import (
    AssessedNeedFactory,
    NeedsAssessmentFactory,
    SupervisedPersonFactory,
    category,
)
from tests.factories.matching import OfferDocumentFactory, index_documents
from tests.factories.portal import (
    CorrectionsAgencyFactory,
    JudicialOfficeFactory,
    MembershipFactory,
    OrganizationFactory,
    StaffAssignmentFactory,
    UserFactory,
    jurisdiction,
)


class _Query:
    def __init__(self, obj):
        self.obj = obj

    def first(self):
        return self.obj


class _Manager:
    def __init__(self, store):
        self.store = store

    def filter(self, pk):
        return _Query(self.store.get(pk))


class _TestOffer:
    """An offer object of a test source: the registry reads it like a model instance."""

    def __init__(self, document):
        self.pk = document.source_id
        self.document = document


class OfferBook:
    """Offers of any kind, declared through the matching registry and indexed like real ones."""

    def __init__(self):
        self.store: dict[int, _TestOffer] = {}
        self.previous: dict[str, OfferSource | None] = {}

    def _source(self, kind: str) -> None:
        if kind in self.previous:
            return
        self.previous[kind] = sources().get(kind)
        model = type(f"TestOffer_{kind}", (_TestOffer,), {"_default_manager": _Manager(self.store)})
        register(
            OfferSource(
                kind=kind,
                model=model,
                queryset=lambda: [o for o in self.store.values() if o.document.kind == kind],
                to_document=lambda obj: obj.document,
            )
        )

    def add(self, *, seats: int | None = None, **fields):
        document = OfferDocumentFactory(**fields)
        self._source(document.kind)
        self.store[document.source_id] = _TestOffer(document)
        index_documents(document)
        if seats is not None:
            capacity_set(offer_key=document.key, seats_total=seats)
        return document

    def change(self, document, **fields):
        changed = replace(document, **fields)
        self.store[document.source_id] = _TestOffer(changed)
        index_documents(changed)
        return changed

    def restore(self) -> None:
        for kind, source in self.previous.items():
            unregister(kind)
            if source is not None:
                register(source)


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
            side = TRANSITIONS[name].side
            referral = referral_transition(
                referral=referral, name=name, side=side, actor=caseworker, note="说明"
            )
        return referral

    return make


@pytest.fixture
def in_english():
    """Service messages in English, whatever the default language."""
    with translation.override("en"):
        yield
