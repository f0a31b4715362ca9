"""The objects and users of the authorization matrix: one county's person, referral, contract and
volunteer records, a caseworker of another county, and one user of every role."""

from dataclasses import dataclass, field
from datetime import date

from casework.models import ChangeKind, DuplicateReview
from casework.services import person_change_request, referral_create
from matching.models import Side
from matching.services import referral_transition
from portal.accounts.models import OversightProfile, Role
from portal.accounts.services import site_editors_group
from procurement.models import Contract
from tests.factories.casework import SupervisedPersonFactory, category
from tests.factories.employment import EmployerFactory, JobOfferPageFactory, employer_staff
from tests.factories.portal import (
    AgencyManagerAssignmentFactory,
    CorrectionsAgencyFactory,
    JudicialOfficeFactory,
    MembershipFactory,
    OrganizationFactory,
    StaffAssignmentFactory,
    UserFactory,
    jurisdiction,
)
from tests.factories.procurement import ContractFactory, ContractLineFactory, DeliveryFactory
from tests.factories.services_catalog import ServiceOfferPageFactory, section_for
from tests.factories.volunteers import (
    HoursEntryFactory,
    ScreeningDocumentFactory,
    ShiftFactory,
    SignUpFactory,
    VolunteerOpportunityPageFactory,
    VolunteerProfileFactory,
)

MISSING = 999999  # an id no object has: screens of objects the world does not build answer 404


@dataclass
class MatrixWorld:
    """Every user of the matrix by role, and the id each URL segment is filled with."""

    users: dict[str, object] = field(default_factory=dict)
    ids: dict[str, int] = field(default_factory=dict)


def _staff(agency, office, other_office) -> dict[str, object]:
    editor = UserFactory(role=Role.SITE_EDITOR)
    site_editors_group().user_set.add(editor)
    oversight = UserFactory(role=Role.OVERSIGHT)
    OversightProfile.objects.create(
        user=oversight, kind="procuratorate", jurisdiction=jurisdiction("410100")
    )
    return {
        "caseworker": StaffAssignmentFactory(judicial_office=office).user,
        "caseworker_other": StaffAssignmentFactory(judicial_office=other_office).user,
        "agency_manager": AgencyManagerAssignmentFactory(agency=agency).user,
        "oversight": oversight,
        "site_editor": editor,
        "superuser": UserFactory(is_superuser=True, is_staff=True),
    }


def _marketplace(agency, organization):
    employer = EmployerFactory()
    mentor = VolunteerProfileFactory(agency=agency, interests=["mentoring", "public_welfare"])
    section = section_for(organization)
    opportunity = VolunteerOpportunityPageFactory(section=section)
    signup = SignUpFactory(shift=ShiftFactory(opportunity=opportunity), volunteer=mentor)
    offers = {
        "service": ServiceOfferPageFactory(section=section, accepts_juveniles=True),
        "job": JobOfferPageFactory(section=section_for(employer)),
        "mentor": mentor,
    }
    users = {"employer_staff": employer_staff(employer), "volunteer": mentor.user}
    ids = {
        "opportunities": opportunity.pk,
        "shifts": signup.shift.pk,
        "signups": signup.pk,
        "hours": HoursEntryFactory(volunteer=mentor, opportunity=opportunity).pk,
        "documents": ScreeningDocumentFactory(volunteer=mentor).pk,
        "mentors": mentor.pk,
        "screening": mentor.pk,
        "organizations": organization.pk,
    }
    return offers, users, ids


def _referrals(caseworker, person, offers, provider) -> dict[str, int]:
    made = {
        kind: referral_create(
            actor=caseworker,
            person=person,
            offer_key=f"{kind}:{offer.pk}",
            need_category=category(
                "employment-guidance" if kind == "job" else "psychological-counseling"
            ),
            shared_fields=["first_name"],
        )
        for kind, offer in offers.items()
    }
    referral_transition(
        referral=made["service"], action="accept", side=Side.PROVIDER, actor=provider
    )
    mentee = made["mentor"].pk
    return {"referrals": made["service"].pk, "inbox": made["service"].pk, "mentees": mentee}


def _procurement(agency, organization) -> dict[str, int]:
    contract = ContractFactory(agency=agency, organization=organization)
    delivery = DeliveryFactory(line=ContractLineFactory(contract=contract))
    assert Contract.objects.filter(pk=contract.pk).exists()
    return {"contracts": contract.pk, "deliveries": delivery.pk, "budgets": agency.pk}


def _reviews(caseworker, person) -> dict[str, int]:
    """A transfer awaiting approval and a possible duplicate, for the manager's review screens."""
    change = person_change_request(
        actor=caseworker,
        person=person,
        kind=ChangeKind.TRANSFER,
        reason="迁居",
        to_agency=person.agency,
        transferred_on=date(2026, 1, 1),
    )
    duplicate = DuplicateReview.objects.create(
        person=person, agency=person.agency, requested_by=caseworker
    )
    return {"changes": change.pk, "duplicates": duplicate.pk}


def build_world() -> MatrixWorld:
    """One county (410102) with an office, its caseworker, manager and records; another county."""
    agency = CorrectionsAgencyFactory(jurisdiction=jurisdiction("410102"))
    office = JudicialOfficeFactory(
        agency=agency, jurisdiction=agency.jurisdiction.children.order_by("code")[0]
    )
    other_agency = CorrectionsAgencyFactory(jurisdiction=jurisdiction("410103"))
    other_office = JudicialOfficeFactory(
        agency=other_agency, jurisdiction=other_agency.jurisdiction.children.order_by("code")[0]
    )
    world = MatrixWorld(users=_staff(agency, office, other_office))
    organization = OrganizationFactory()
    provider = MembershipFactory(organization=organization, user__role=Role.PROVIDER_STAFF).user
    world.users["provider_staff"] = provider
    offers, users, ids = _marketplace(agency, organization)
    world.users.update(users)
    person = SupervisedPersonFactory(
        judicial_office=office, caseworkers=[world.users["caseworker"]]
    )
    world.ids = (
        ids
        | {"persons": person.pk}
        | _referrals(world.users["caseworker"], person, offers, provider)
        | _procurement(agency, organization)
        | _reviews(world.users["caseworker"], person)
    )
    return world
