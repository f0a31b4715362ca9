"""Job offer and entrepreneurship pages: editor validation, moderation and offer documents."""

from datetime import timedelta

import pytest

from django.urls import reverse
from django.utils import timezone

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from employment.documents import entrepreneurship_document, job_offer_document
from employment.models import JobOfferPage
from matching.models import OfferCapacity
from matching.selectors import offer_document
from portal.organizations.services import MODERATION_WORKFLOW, section_ensure
from tests.factories.employment import (
    EntrepreneurshipSupportPageFactory,
    JobOfferPageFactory,
)
from tests.factories.portal import OrganizationFactory

pytestmark = pytest.mark.django_db


def job_form_data(**overrides) -> dict:
    today = timezone.localdate()
    data = {
        "title": "电焊工",
        "slug": "welder",
        "category": "manufacturing",
        "description": rich_text("<p>钢结构焊接</p>"),
        "positions": "3",
        "working_hours": "full_time",
        "wage_min": "4000",
        "wage_max": "6000",
        "valid_from": today.isoformat(),
        "valid_until": (today + timedelta(days=30)).isoformat(),
        "jurisdiction": "",
        "disclosure_policy": "after_offer",
        "accepted_correction_types": ["probation"],
        "accepted_offence_categories": ["traffic"],
        "comments": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def add_url(section) -> str:
    return reverse("wagtailadmin_pages:add", args=("employment", "jobofferpage", section.pk))


@pytest.fixture
def zhongyuan():
    from tests.factories.portal import jurisdiction

    return jurisdiction("410102")


def test_employer_staff_saves_a_job_offer_draft_in_their_section(client, section, staff, zhongyuan):
    client.force_login(staff)
    response = client.post(add_url(section), job_form_data(jurisdiction=zhongyuan.pk))
    assert response.status_code == 302
    page = JobOfferPage.objects.get(slug="welder")
    assert page.organization == section.organization
    assert (page.latitude, page.longitude) == (zhongyuan.latitude, zhongyuan.longitude)
    assert not page.live


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"wage_min": "7000", "wage_max": "5000"}, "wage_max", "maximum wage cannot be below"),
        ({"positions": "-2"}, "positions", "at least 1"),
        ({"positions": "0"}, "positions", "at least 1"),
        ({"valid_from": "2020-01-01"}, "valid_from", "in the past"),
        ({"valid_until": "2020-01-01"}, "valid_until", "in the past"),
        ({"wage_min": "-1"}, "wage_min", "cannot be negative"),
    ],
)
def test_bad_job_offer_input_is_explained_and_nothing_is_saved(
    client, english, section, staff, zhongyuan, overrides, field, message
):
    english.force_login(staff)
    data = job_form_data(jurisdiction=zhongyuan.pk, **overrides)
    response = english.post(add_url(section), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert message in " ".join(errors[field])
    assert not JobOfferPage.objects.exists()


def test_validity_ending_before_it_starts_is_refused(client, english, section, staff, zhongyuan):
    english.force_login(staff)
    today = timezone.localdate()
    data = job_form_data(
        jurisdiction=zhongyuan.pk,
        valid_from=(today + timedelta(days=10)).isoformat(),
        valid_until=(today + timedelta(days=5)).isoformat(),
    )
    response = english.post(add_url(section), data)
    assert "cannot be before its start" in " ".join(response.context["form"].errors["valid_until"])
    assert not JobOfferPage.objects.exists()


def test_bad_input_message_is_in_chinese_by_default(client, section, staff, zhongyuan):
    client.force_login(staff)
    response = client.post(
        add_url(section), job_form_data(jurisdiction=zhongyuan.pk, wage_min="9000", wage_max="100")
    )
    assert "最高工资" in " ".join(response.context["form"].errors["wage_max"])


def test_job_offers_cannot_be_added_to_a_social_organization_section():
    social = section_ensure(organization=OrganizationFactory())
    assert not JobOfferPage.can_create_at(social)


def test_staff_of_another_employer_cannot_add_to_this_section(client, section, zhongyuan):
    from tests.factories.employment import EmployerFactory, employer_staff

    client.force_login(employer_staff(EmployerFactory()))
    client.post(add_url(section), job_form_data(jurisdiction=zhongyuan.pk))
    assert not JobOfferPage.objects.exists()


def test_job_offer_goes_to_agency_approval(section, staff):
    page = JobOfferPageFactory(section=section, live=False)
    assert page.get_workflow().name.original == MODERATION_WORKFLOW
    assert not page.permissions_for_user(staff).can_publish()


def test_published_job_offer_publishes_its_positions_as_seats(job):
    capacity = OfferCapacity.objects.get(offer_key=f"job:{job.pk}")
    assert capacity.seats_total == job.positions


def test_job_offer_document_carries_employer_place_and_fair_chance_terms(job):
    document = job_offer_document(job)
    assert document.kind == "job"
    assert document.organization_id == job.organization_id
    assert document.jurisdiction_code == "410102"
    assert set(document.correction_types) == {"probation", "parole"}
    assert "employment-guidance" in document.categories
    assert "数控车床" in document.text
    assert offer_document(key=f"job:{job.pk}") == document


def test_unpublished_job_offer_has_no_document(section):
    assert job_offer_document(JobOfferPageFactory(section=section, live=False)) is None


def test_entrepreneurship_support_is_an_offer_kind_with_incubator_seats(section):
    page = EntrepreneurshipSupportPageFactory(section=section)
    document = entrepreneurship_document(page)
    assert document.kind == "entrepreneurship"
    assert document.categories == ("entrepreneurship-support",)
    capacity = OfferCapacity.objects.get(offer_key=f"entrepreneurship:{page.pk}")
    assert capacity.seats_total == 5


def test_place_choices_name_the_city_and_the_county(client, section, staff):
    client.force_login(staff)
    form = client.get(add_url(section)).context["form"]
    labels = [label for _value, label in form.fields["jurisdiction"].choices]
    assert "郑州市中原区" in labels
    assert not any(label.endswith("街道") for label in labels)


def test_entrepreneurship_page_shows_its_kinds_of_support(english, section):
    page = EntrepreneurshipSupportPageFactory(section=section, title="青年创业孵化基地")
    content = english.get(page.url).content.decode()
    assert "青年创业孵化基地" in content
    assert "Incubator places" in content and "Business guidance and mentoring" in content
