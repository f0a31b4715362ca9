"""Factories for the service catalog: offers in a verified organization's section."""

from datetime import time

import factory

from matching.models import Category
from portal.organizations.models import Jurisdiction
from portal.organizations.services import section_ensure
from services_catalog.models import (
    CostKind,
    DeliveryMode,
    OfferLocation,
    OfferScheduleSlot,
    ServiceOfferPage,
)
from tests.factories.portal import OrganizationFactory


def section_for(organization=None):
    """The Wagtail section of an organization (a new verified one by default)."""
    return section_ensure(organization=organization or OrganizationFactory())


class ServiceOfferPageFactory(factory.Factory):
    """An offer page under a provider section; live unless `live=False`."""

    class Meta:
        model = ServiceOfferPage

    title = factory.Sequence(lambda n: f"心理健康辅导服务{n}")
    summary = "为社区矫正对象提供一对一心理咨询与情绪疏导。"
    description = "<p>由持证心理咨询师提供个体咨询，帮助缓解焦虑、抑郁情绪，重建生活信心。</p>"
    delivery_modes = factory.LazyFunction(lambda: [DeliveryMode.ON_SITE])
    languages = factory.LazyFunction(lambda: ["zh"])
    cost = CostKind.FREE
    contact_name = "王老师"
    contact_phone = "0371-66668888"
    section = factory.LazyFunction(section_for)
    live = True

    @classmethod
    def _create(cls, model_class, *args, section, live, **kwargs):
        categories = kwargs.pop("categories", None)
        jurisdiction_code = kwargs.pop("jurisdiction_code", "410102")
        offer = model_class(*args, live=False, **kwargs)
        offer.categories = list(
            categories or Category.objects.filter(slug="psychological-counseling")
        )
        jurisdiction = Jurisdiction.objects.get(code=jurisdiction_code)
        offer.locations = [
            OfferLocation(
                name="服务站",
                address="建设路1号",
                jurisdiction=jurisdiction,
                latitude=jurisdiction.latitude,
                longitude=jurisdiction.longitude,
            )
        ]
        offer.schedule = [OfferScheduleSlot(weekday=1, opens=time(9), closes=time(17))]
        section.add_child(instance=offer)
        revision = offer.save_revision()
        if live:
            revision.publish()
            offer.refresh_from_db()
        return offer
