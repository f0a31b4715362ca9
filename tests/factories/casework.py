"""Factories for casework: supervised persons with valid identity numbers, needs, and the
person behind a referral."""

from datetime import date

import factory
from factory.django import DjangoModelFactory

from casework.models import AssessedNeed, NeedsAssessment, PersonReferral, SupervisedPerson
from matching.models import Category, Referral
from portal.identity import (
    encrypt_identity_number,
    identity_check_character,
    identity_lookup_hash,
    mask_identity_number,
)
from tests.factories.portal import JudicialOfficeFactory


def make_identity_number(
    *, birth_date: date, gender: str = "male", serial: int = 1, division: str = "410102"
) -> str:
    """A valid 18-character identity number: division, birth date, serial (odd: male), check."""
    sequence = (serial % 500) * 2 + (1 if gender == "male" else 0)
    body = f"{division}{birth_date:%Y%m%d}{sequence:03d}"
    return body + identity_check_character(body)


class SupervisedPersonFactory(DjangoModelFactory):
    class Meta:
        model = SupervisedPerson
        skip_postgeneration_save = True

    class Params:
        identity_number = factory.LazyAttributeSequence(
            lambda o, n: make_identity_number(birth_date=o.birth_date, gender=o.gender, serial=n)
        )

    family_name = "王"
    given_name = factory.Sequence(lambda n: f"建国{n}")
    gender = "male"
    birth_date = date(1990, 5, 17)
    phone = "13800138000"
    offense = "盗窃罪"
    correction_type = "probation"
    start_date = date(2025, 1, 1)
    end_date = date(2030, 12, 31)
    judicial_office = factory.SubFactory(JudicialOfficeFactory)
    agency = factory.LazyAttribute(lambda o: o.judicial_office.agency)
    supervision_level = "ordinary"
    identity_number_encrypted = factory.LazyAttribute(
        lambda o: encrypt_identity_number(o.identity_number)
    )
    identity_lookup_hash = factory.LazyAttribute(lambda o: identity_lookup_hash(o.identity_number))
    identity_number_masked = factory.LazyAttribute(
        lambda o: mask_identity_number(o.identity_number)
    )

    @factory.post_generation
    def caseworkers(self, create, extracted, **kwargs):
        if create and extracted:
            self.caseworkers.set(extracted)


def category(slug: str = "psychological-counseling") -> Category:
    """A category of the taxonomy loaded by the matching migrations."""
    return Category.objects.get(slug=slug)


class NeedsAssessmentFactory(DjangoModelFactory):
    class Meta:
        model = NeedsAssessment

    person = factory.SubFactory(SupervisedPersonFactory)
    version = factory.Sequence(lambda n: n + 1)
    assessed_at = date(2025, 2, 1)
    summary = "评估摘要：家庭支持不足"


class AssessedNeedFactory(DjangoModelFactory):
    class Meta:
        model = AssessedNeed

    assessment = factory.SubFactory(NeedsAssessmentFactory)
    category = factory.LazyFunction(category)
    priority = 5
    notes = "机密备注：曾有酗酒史"


def person_of(referral: Referral) -> SupervisedPerson:
    """The person a referral is for, through casework's side of the link."""
    return PersonReferral.objects.select_related("person").get(referral=referral).person
