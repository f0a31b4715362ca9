"""Offer validation: dates, ages, audience, cost and schedule, with messages naming the field."""

from datetime import date, time
from decimal import Decimal

import pytest

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from portal.organizations.models import Jurisdiction
from services_catalog.models import CostKind, OfferLocation, OfferScheduleSlot
from tests.factories.services_catalog import ServiceOfferPageFactory

pytestmark = pytest.mark.django_db


def errors_of(instance) -> dict:
    with pytest.raises(ValidationError) as raised:
        instance.full_clean()
    return raised.value.message_dict


def test_end_date_before_start_date_is_rejected_on_valid_until():
    offer = ServiceOfferPageFactory(live=False)
    offer.valid_from, offer.valid_until = date(2026, 6, 1), date(2026, 5, 1)
    assert "valid_until" in errors_of(offer)


def test_minimum_age_above_maximum_is_rejected_on_max_age():
    offer = ServiceOfferPageFactory(live=False)
    offer.min_age, offer.max_age = 30, 18
    assert errors_of(offer)["max_age"] == [_("The maximum age must not be below the minimum age.")]


def test_offer_must_accept_adults_or_juveniles():
    offer = ServiceOfferPageFactory(live=False)
    offer.accepts_adults = offer.accepts_juveniles = False
    assert "accepts_adults" in errors_of(offer)


def test_fee_needs_an_amount_and_free_offers_have_none():
    offer = ServiceOfferPageFactory(live=False)
    offer.cost = CostKind.FEE
    assert "fee_amount" in errors_of(offer)
    offer.cost, offer.fee_amount = CostKind.FREE, Decimal("20.00")
    assert "fee_amount" in errors_of(offer)


def test_delivery_modes_must_come_from_the_list():
    offer = ServiceOfferPageFactory(live=False)
    offer.delivery_modes = ["teleport"]
    assert "delivery_modes" in errors_of(offer)


def test_valid_until_sets_the_wagtail_expiry_to_the_end_of_that_day():
    offer = ServiceOfferPageFactory(live=False)
    offer.valid_until = date(2030, 12, 31)
    offer.full_clean()
    assert offer.expire_at.date() == date(2030, 12, 31)


def test_schedule_slot_closing_before_opening_is_rejected_on_closes():
    slot = OfferScheduleSlot(
        page=ServiceOfferPageFactory(), weekday=1, opens=time(14), closes=time(9)
    )
    assert errors_of(slot) == {"closes": [_("The closing time must be after the opening time.")]}


def test_location_without_coordinates_takes_the_jurisdiction_centre():
    jurisdiction = Jurisdiction.objects.get(code="410102")
    location = OfferLocation(
        page=ServiceOfferPageFactory(), name="站点", address="路1号", jurisdiction=jurisdiction
    )
    location.full_clean()
    assert (location.latitude, location.longitude) == (
        jurisdiction.latitude,
        jurisdiction.longitude,
    )


def test_location_latitude_out_of_range_is_rejected():
    location = OfferLocation(
        page=ServiceOfferPageFactory(),
        name="站点",
        address="路1号",
        jurisdiction=Jurisdiction.objects.get(code="410102"),
        latitude=Decimal("100"),
        longitude=Decimal("101"),
    )
    assert "latitude" in errors_of(location)
