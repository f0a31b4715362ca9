"""Factories for employment: employers with a section, job offers, applications."""

from datetime import timedelta
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from django.utils import timezone

from employment.models import EntrepreneurshipSupportPage, JobApplication, JobOfferPage
from employment.services import application_transition, offer_capacity_sync
from employment.vocabulary import DisclosurePolicy, JobCategory, SupportType, WorkingHours
from matching.eligibility import CorrectionType
from matching.models import Category, ReferralState
from portal.accounts.models import Role
from portal.organizations.models import MembershipRole, OrganizationKind
from portal.organizations.services import membership_create, section_ensure
from portal.organizations.validators import credit_code_check_character
from tests.factories.matching import ReferralFactory
from tests.factories.portal import OrganizationFactory, UserFactory, jurisdiction


def employer_credit_code(serial: int, division: str = "410100") -> str:
    """A valid unified social credit code of a company (authority 9, category 1)."""
    body = f"91{division}{serial:09d}"[:17]
    return body + credit_code_check_character(body)


class EmployerFactory(OrganizationFactory):
    name = factory.Sequence(lambda n: f"郑州宏达机械制造有限公司{n}")
    kind = OrganizationKind.EMPLOYER
    credit_code = factory.Sequence(lambda n: employer_credit_code(n + 1))


def employer_section(organization=None):
    """The Wagtail section of an employer (a new verified one by default)."""
    return section_ensure(organization=organization or EmployerFactory())


def employer_staff(organization, **kwargs):
    """A user working for an employer, editor of its section."""
    user = UserFactory(role=Role.EMPLOYER_STAFF, **kwargs)
    membership_create(organization=organization, user=user, role=MembershipRole.STAFF, actor=user)
    return user


def _publish(page, section, live: bool):
    section.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
        page.refresh_from_db()
    return page


class JobOfferPageFactory(factory.Factory):
    """A job offer under an employer's section; live unless `live=False`."""

    class Meta:
        model = JobOfferPage

    title = factory.Sequence(lambda n: f"数控车床操作工{n}")
    category = JobCategory.MANUFACTURING
    description = "<p>负责数控车床的日常操作与保养，公司提供岗前培训。</p>"
    positions = 2
    wage_min = Decimal("3500.00")
    wage_max = Decimal("5000.00")
    jurisdiction = factory.LazyFunction(lambda: jurisdiction("410102"))
    working_hours = WorkingHours.FULL_TIME
    requirements = "身体健康，能适应车间工作。"
    skills = "会看简单图纸者优先"
    disclosure_policy = DisclosurePolicy.AFTER_OFFER
    accepted_correction_types = factory.LazyFunction(
        lambda: [CorrectionType.PROBATION.value, CorrectionType.PAROLE.value]
    )
    valid_from = factory.LazyFunction(timezone.localdate)
    valid_until = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=60))
    section = factory.LazyFunction(employer_section)
    live = True

    @classmethod
    def _create(cls, model_class, *args, section, live, **kwargs):
        page = model_class(*args, organization=section.organization, live=False, **kwargs)
        return _publish(page, section, live)


class EntrepreneurshipSupportPageFactory(factory.Factory):
    """Entrepreneurship support under a provider's section; live unless `live=False`."""

    class Meta:
        model = EntrepreneurshipSupportPage

    title = factory.Sequence(lambda n: f"创业孵化扶持计划{n}")
    description = "<p>为有创业意愿的人员提供创业指导和孵化场地。</p>"
    support_types = factory.LazyFunction(
        lambda: [SupportType.GUIDANCE.value, SupportType.INCUBATOR.value]
    )
    incubator_places = 5
    jurisdiction = factory.LazyFunction(lambda: jurisdiction("410102"))
    valid_from = factory.LazyFunction(timezone.localdate)
    valid_until = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=90))
    section = factory.LazyFunction(employer_section)
    live = True

    @classmethod
    def _create(cls, model_class, *args, section, live, **kwargs):
        page = model_class(
            *args, organization=section.organization, agency=section.agency, live=False, **kwargs
        )
        return _publish(page, section, live)


class JobApplicationFactory(DjangoModelFactory):
    """An application as a sent referral opens it, with what the person shared."""

    class Meta:
        model = JobApplication

    job = factory.SubFactory(JobOfferPageFactory)
    created_by = factory.SubFactory(UserFactory, role=Role.CASEWORKER)
    referral = factory.SubFactory(
        ReferralFactory,
        offer_key=factory.LazyAttribute(lambda o: f"job:{o.factory_parent.job.pk}"),
        offer_kind="job",
        offer_title=factory.LazyAttribute(lambda o: o.factory_parent.job.title),
        provider_name=factory.LazyAttribute(lambda o: o.factory_parent.job.provider_name),
        organization=factory.LazyAttribute(lambda o: o.factory_parent.job.organization),
        need_category=factory.LazyFunction(
            lambda: Category.objects.get(slug="employment-guidance")
        ),
        state=ReferralState.SENT,
        sent_at=factory.LazyFunction(timezone.now),
        created_by=factory.SelfAttribute("..created_by"),
    )


def offered_pair(application, staff):
    """Two applications offered the job while it had two positions; then it keeps only one
    (accepted referrals hold their seats, so only a cut in positions lets a hire overflow)."""
    job = application.job
    job.positions = 2
    job.save()
    offer_capacity_sync(page=job)
    second = JobApplicationFactory(job=job)
    for each in (application, second):
        application_transition(
            application_id=each.pk,
            action="schedule_interview",
            actor=staff,
            details={"interview_at": timezone.now()},
        )
        application_transition(application_id=each.pk, action="offer", actor=staff)
    job.positions = 1
    job.save()
    return second
