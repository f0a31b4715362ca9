"""Factories for volunteers: profiles at any screening stage, opportunities with shifts, hours."""

from datetime import date, time, timedelta
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from django.utils import timezone

from portal.accounts.models import Role
from portal.identity import (
    encrypt_identity_number,
    identity_check_character,
    identity_lookup_hash,
    mask_identity_number,
)
from portal.organizations.models import Jurisdiction
from portal.organizations.services import section_ensure
from tests.factories.portal import CorrectionsAgencyFactory, OrganizationFactory, UserFactory
from volunteers.models import (
    DocumentKind,
    HoursEntry,
    ScreeningDocument,
    ScreeningStatus,
    Shift,
    SignUp,
    SignUpStatus,
    VolunteerOpportunityPage,
    VolunteerProfile,
)

PDF_BYTES = b"%PDF-1.4\n%test document\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def identity_number(serial: int, born: str = "19900307") -> str:
    """A valid identity number (GB 11643) registered in Zhongyuan district, Zhengzhou."""
    body = f"410102{born}{serial % 1000:03d}"
    return body + identity_check_character(body)


class VolunteerProfileFactory(DjangoModelFactory):
    class Meta:
        model = VolunteerProfile
        skip_postgeneration_save = True

    class Params:
        number = factory.Sequence(lambda n: identity_number(n, born=f"{1960 + n // 1000 % 40}0307"))

    user = factory.SubFactory(UserFactory, role=Role.VOLUNTEER)
    real_name = factory.Sequence(lambda n: f"志愿者{n}")
    phone = "13800138000"
    identity_number_encrypted = factory.LazyAttribute(lambda o: encrypt_identity_number(o.number))
    identity_number_masked = factory.LazyAttribute(lambda o: mask_identity_number(o.number))
    identity_number_hash = factory.LazyAttribute(lambda o: identity_lookup_hash(o.number))
    skills = factory.LazyFunction(lambda: ["social_worker"])
    interests = factory.LazyFunction(lambda: ["mentoring", "public_welfare"])
    languages = factory.LazyFunction(lambda: ["zh", "zh-henan"])
    availability = factory.LazyFunction(lambda: ["sat-am", "sun-pm"])
    agency = factory.SubFactory(CorrectionsAgencyFactory)
    status = ScreeningStatus.ACTIVE

    @factory.post_generation
    def jurisdictions(self, create, extracted, **kwargs):
        if create:
            self.jurisdictions.set(extracted or [Jurisdiction.objects.get(code="410102")])


class ScreeningDocumentFactory(DjangoModelFactory):
    class Meta:
        model = ScreeningDocument

    volunteer = factory.SubFactory(VolunteerProfileFactory)
    kind = DocumentKind.IDENTITY
    file = factory.django.FileField(filename="id.pdf", data=PDF_BYTES)
    original_name = "id.pdf"
    content_type = "application/pdf"
    size = len(PDF_BYTES)


def section_for(organization=None, agency=None):
    """The section of an organization (a new verified one by default) or of an agency."""
    if agency is not None:
        return section_ensure(agency=agency)
    return section_ensure(organization=organization or OrganizationFactory())


class VolunteerOpportunityPageFactory(factory.Factory):
    """An opportunity under a provider section; live unless `live=False`."""

    class Meta:
        model = VolunteerOpportunityPage

    title = factory.Sequence(lambda n: f"社区公益服务日{n}")
    summary = "协助社区矫正对象参加公益劳动。"
    body = "<p>整理社区图书角，清扫公共区域。</p>"
    interest = "public_welfare"
    address = "建设路1号"
    section = factory.LazyFunction(section_for)
    live = True

    @classmethod
    def _create(cls, model_class, *args, section, live, **kwargs):
        jurisdiction_code = kwargs.pop("jurisdiction_code", "410102")
        opportunity = model_class(*args, live=False, **kwargs)
        opportunity.jurisdiction = Jurisdiction.objects.get(code=jurisdiction_code)
        section.add_child(instance=opportunity)
        revision = opportunity.save_revision()
        if live:
            revision.publish()
            opportunity.refresh_from_db()
        return opportunity


def in_days(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)


class ShiftFactory(DjangoModelFactory):
    class Meta:
        model = Shift

    opportunity = factory.SubFactory(VolunteerOpportunityPageFactory)
    date = factory.LazyFunction(lambda: in_days(7))
    start_time = time(9)
    end_time = time(12)
    place = "中原区建设路社区服务站"
    seats = 2


class SignUpFactory(DjangoModelFactory):
    class Meta:
        model = SignUp

    shift = factory.SubFactory(ShiftFactory)
    volunteer = factory.SubFactory(VolunteerProfileFactory)
    status = SignUpStatus.CONFIRMED


class HoursEntryFactory(DjangoModelFactory):
    class Meta:
        model = HoursEntry

    volunteer = factory.SubFactory(VolunteerProfileFactory)
    activity = "普法宣传"
    date = factory.LazyFunction(lambda: in_days(-3))
    start_time = time(9)
    end_time = time(11, 30)
    hours = factory.LazyAttribute(lambda o: _hours(o.start_time, o.end_time))


def _hours(start: time, end: time) -> Decimal:
    return Decimal(((end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)) / 60).quantize(
        Decimal("0.01")
    )
