"""Offer documents hold schedules, hours and mentor names as structured values; screens render
them in the reader's language (the index is filled once for every language)."""

from datetime import date, time

import pytest

from django.template import Context, Template
from django.utils import translation

from employment.vocabulary import WorkingHours
from matching.schedules import dated, display, joined, term, weekly
from matching.selectors import offer_document
from matching.types import OfferDocument
from tests.factories.employment import JobOfferPageFactory
from tests.factories.services_catalog import ServiceOfferPageFactory
from tests.factories.volunteers import ShiftFactory, VolunteerProfileFactory


def test_weekly_hours_render_in_english_and_chinese():
    value = joined(weekly(1, time(9), time(17)), weekly(3, time(14), time(16, 30)))

    with translation.override("en"):
        assert display(value) == "Monday 09:00–17:00; Wednesday 14:00–16:30"
    with translation.override("zh-hans"):
        assert display(value) == "星期一 09:00–17:00; 星期三 14:00–16:30"


def test_a_vocabulary_term_is_stored_untranslated_whatever_the_active_language():
    with translation.override("zh-hans"):
        value = term(WorkingHours.PART_TIME.label)

    assert value == "t:Part time"
    with translation.override("en"):
        assert display(value) == "Part time"
    with translation.override("zh-hans"):
        assert display(value) != "Part time"


def test_a_dated_shift_keeps_its_place_as_written():
    value = dated(date(2026, 12, 5), time(9), time(11, 30), "敬老院; 二楼")

    with translation.override("en"):
        assert display(value) == "December 5 (Saturday) 09:00–11:30 敬老院, 二楼"


def test_plain_text_from_older_documents_is_shown_unchanged():
    assert display("周一 上午") == "周一 上午"


@pytest.mark.django_db
def test_documents_hold_no_chinese_display_text_for_schedules():
    with translation.override("zh-hans"):
        service = offer_document(key=f"service:{ServiceOfferPageFactory().pk}")
        job = offer_document(key=f"job:{JobOfferPageFactory().pk}")
        mentor = VolunteerProfileFactory(real_name="孙志愿", availability=["sat-am"])
        mentor_doc = offer_document(key=f"mentor:{mentor.pk}")
        shift = ShiftFactory(date=date(2099, 1, 2), start_time=time(9), end_time=time(11))
        opportunity = offer_document(key=f"volunteer_opportunity:{shift.opportunity_id}")

    assert service.schedule == "w1|09:00-17:00"
    assert job.schedule == "t:Full time, day shifts"
    assert mentor_doc.schedule == "w6|t:morning"
    assert mentor_doc.title == "孙志愿"
    assert opportunity.schedule.startswith("2099-01-02|09:00-11:00")


def _document(**changes) -> OfferDocument:
    fields = {"key": "mentor:1", "kind": "mentor", "source_id": 1, "title": "孙志愿"}
    return OfferDocument(text="", url="/", provider_name="", **(fields | changes))


def test_templates_render_mentor_titles_and_schedules_in_english():
    template = Template(
        "{% load matching_tags %}{{ d|offer_title }} / {{ d.schedule|schedule_display }}"
    )
    document = _document(schedule="w6|t:morning")

    with translation.override("en"):
        assert (
            template.render(Context({"d": document}))
            == "Volunteer mentor 孙志愿 / Saturday morning"
        )
    with translation.override("zh-hans"):
        assert "孙志愿" in template.render(Context({"d": document}))
        assert "Volunteer mentor" not in template.render(Context({"d": document}))
