"""Factories for the kernel: users, jurisdictions, agencies, offices, organizations."""

import time

import factory
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from factory.django import DjangoModelFactory

from django.conf import settings

from portal.accounts.models import OversightKind, OversightProfile, Role, User
from portal.accounts.roles import requires_mfa
from portal.organizations.models import (
    CorrectionsAgency,
    JudicialOffice,
    Jurisdiction,
    Membership,
    MembershipRole,
    Organization,
    OrganizationKind,
    StaffAssignment,
    VerificationStatus,
)
from portal.organizations.validators import credit_code_check_character

PASSWORD = "correct-horse-battery-staple"


def make_credit_code(serial: int, division: str = "410100") -> str:
    """A valid unified social credit code for a social organization (authority 5, category 1)."""
    body = f"51{division}{serial:09d}"[:17]
    return body + credit_code_check_character(body)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.cn")
    last_name = "张"
    first_name = factory.Sequence(lambda n: f"用户{n}")
    role = Role.VOLUNTEER
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create:
            from allauth.account.models import EmailAddress

            EmailAddress.objects.update_or_create(
                user=self, email=self.email, defaults={"verified": True, "primary": True}
            )
            self.save()

    @factory.post_generation
    def mfa(self, create, extracted, **kwargs):
        """Staff who reach personal data have set up MFA; `mfa=False` makes one who has not."""
        if create and extracted is not False and requires_mfa(self):
            mfa_enroll(self)


def mfa_enroll(user: User, secret: str = "") -> str:
    """Give a user a real TOTP authenticator, as staff have once MFA is set up; its secret."""
    existing = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if existing is not None:
        return existing.data["secret"]
    secret = secret or generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def totp_code(secret: str) -> str:
    """The code an authenticator app shows now for the secret (for logging in through the form)."""
    period = getattr(settings, "MFA_TOTP_PERIOD", 30)
    return format_hotp_value(hotp_value(secret, int(time.time()) // period))


def jurisdiction(code: str) -> Jurisdiction:
    """A division from the loaded GB/T 2260 data (migrations load all of Henan)."""
    return Jurisdiction.objects.get(code=code)


class CorrectionsAgencyFactory(DjangoModelFactory):
    class Meta:
        model = CorrectionsAgency
        django_get_or_create = ("jurisdiction",)

    jurisdiction = factory.LazyFunction(lambda: jurisdiction("410102"))
    name = factory.LazyAttribute(lambda o: f"{o.jurisdiction.full_name}社区矫正管理局")


class JudicialOfficeFactory(DjangoModelFactory):
    class Meta:
        model = JudicialOffice
        django_get_or_create = ("jurisdiction",)

    agency = factory.SubFactory(CorrectionsAgencyFactory)
    jurisdiction = factory.LazyAttribute(
        lambda o: o.agency.jurisdiction.children.order_by("code").first()
    )
    name = factory.LazyAttribute(lambda o: f"{o.jurisdiction.name}司法所")


class OrganizationFactory(DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"河南阳光社会工作服务中心{n}")
    kind = OrganizationKind.SOCIAL_ORGANIZATION
    credit_code = factory.Sequence(lambda n: make_credit_code(n + 1))
    legal_representative = "李明"
    jurisdiction = factory.LazyFunction(lambda: jurisdiction("410102"))
    address = "郑州市中原区建设路1号"
    phone = "0371-12345678"
    status = VerificationStatus.VERIFIED


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory, role=Role.PROVIDER_STAFF)
    organization = factory.SubFactory(OrganizationFactory)
    role = MembershipRole.OWNER


class StaffAssignmentFactory(DjangoModelFactory):
    class Meta:
        model = StaffAssignment

    user = factory.SubFactory(UserFactory, role=Role.CASEWORKER)
    judicial_office = factory.SubFactory(JudicialOfficeFactory)
    agency = factory.LazyAttribute(lambda o: o.judicial_office.agency)


class AgencyManagerAssignmentFactory(DjangoModelFactory):
    """An agency manager: assigned to an agency, without a judicial office."""

    class Meta:
        model = StaffAssignment

    user = factory.SubFactory(UserFactory, role=Role.AGENCY_MANAGER)
    agency = factory.SubFactory(CorrectionsAgencyFactory)
    judicial_office = None


class OversightProfileFactory(DjangoModelFactory):
    """An oversight user: a province-level procuratorate unless told otherwise."""

    class Meta:
        model = OversightProfile

    user = factory.SubFactory(UserFactory, role=Role.OVERSIGHT)
    kind = OversightKind.PROCURATORATE
    jurisdiction = factory.LazyFunction(lambda: jurisdiction("410000"))


def user_with_role(role: str, **kwargs) -> User:
    """A user of any role, with the workplace or organization that role needs."""
    if role == Role.CASEWORKER:
        return StaffAssignmentFactory(**kwargs).user
    if role == Role.AGENCY_MANAGER:
        return AgencyManagerAssignmentFactory(**kwargs).user
    if role == Role.OVERSIGHT:
        return OversightProfileFactory(**kwargs).user
    if role in (Role.PROVIDER_STAFF, Role.EMPLOYER_STAFF):
        kind = (
            OrganizationKind.EMPLOYER
            if role == Role.EMPLOYER_STAFF
            else OrganizationKind.SOCIAL_ORGANIZATION
        )
        return MembershipFactory(user__role=role, organization__kind=kind, **kwargs).user
    return UserFactory(role=role, **kwargs)
