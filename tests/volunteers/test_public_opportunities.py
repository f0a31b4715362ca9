"""Volunteer opportunities are public; an account is asked for only to take a shift."""

import pytest

from django.urls import reverse

from tests.factories.volunteers import ShiftFactory, VolunteerProfileFactory

pytestmark = pytest.mark.django_db


def test_visitor_sees_the_opportunity_list_without_logging_in(client):
    shift = ShiftFactory(opportunity__title="敬老院陪伴")

    response = client.get(reverse("volunteers:opportunities"))

    assert response.status_code == 200
    assert shift.opportunity.title in response.content.decode()


def test_visitor_on_the_volunteering_menu_lands_on_the_opportunities(client):
    response = client.get(reverse("volunteers:home"))

    assert response.status_code == 302
    assert response.url == reverse("volunteers:opportunities")


def test_visitor_sees_shifts_and_is_asked_to_sign_up_not_given_a_button(client):
    shift = ShiftFactory(opportunity__title="敬老院陪伴", place="敬老院")

    response = client.get(reverse("volunteers:opportunity_detail", args=[shift.opportunity_id]))

    text = response.content.decode()
    assert response.status_code == 200
    assert "敬老院" in text
    assert reverse("account_signup") in text
    assert reverse("volunteers:shift_signup", args=[shift.pk]) not in text


def test_visitor_cannot_take_a_shift(client):
    shift = ShiftFactory()

    response = client.post(reverse("volunteers:shift_signup", args=[shift.pk]))

    assert response.status_code == 302
    assert reverse("account_login") in response.url
    assert shift.signups.count() == 0


def test_serving_volunteer_gets_the_sign_up_button(client):
    shift = ShiftFactory()
    profile = VolunteerProfileFactory()
    client.force_login(profile.user)

    response = client.get(reverse("volunteers:opportunity_detail", args=[shift.opportunity_id]))

    assert reverse("volunteers:shift_signup", args=[shift.pk]) in response.content.decode()


def test_opportunity_list_queries_do_not_grow_with_its_length(
    client, django_assert_max_num_queries
):
    for _ in range(3):
        ShiftFactory()
    with django_assert_max_num_queries(30) as few:
        client.get(reverse("volunteers:opportunities"))
    for _ in range(6):
        ShiftFactory()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("volunteers:opportunities"))
