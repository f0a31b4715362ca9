"""Possible duplicates when recording a person: named only when the caseworker may see them;
otherwise the same answer as a new person, and a review for the agency's managers."""

from datetime import date

import pytest

from django.core.exceptions import PermissionDenied
from django.urls import reverse

from casework.models import DuplicateReason, DuplicateReview, ReviewState, SupervisedPerson
from casework.selectors import duplicate_reason, one_edit_apart
from casework.services import person_update, review_decide
from portal.audit.models import AuditEntry
from tests.factories.casework import SupervisedPersonFactory, make_identity_number
from tests.factories.portal import PASSWORD, JudicialOfficeFactory

pytestmark = pytest.mark.django_db


def person_post(office, number, birth: date, **overrides):
    data = {
        "family_name": "陈",
        "given_name": "志强",
        "identity_number": number,
        "gender": "male",
        "birth_date": birth.isoformat(),
        "offense": "交通肇事罪",
        "correction_type": "probation",
        "start_date": "2025-01-01",
        "end_date": "2026-01-01",
        "judicial_office": office.pk,
        "supervision_level": "ordinary",
        "status": "under_supervision",
    }
    return data | overrides


def answer(client, office, number, birth, **overrides) -> tuple:
    """What the requester sees: the redirects (ids blanked), the messages and the templates."""
    response = client.post(
        reverse("casework:person_create"),
        person_post(office, number, birth, **overrides),
        follow=True,
    )
    created = SupervisedPerson.objects.order_by("-pk").first()
    chain = [(url.replace(str(created.pk), "ID"), code) for url, code in response.redirect_chain]
    shown = [str(message) for message in response.context["messages"]]
    templates = sorted({template.name for template in response.templates})
    return response.status_code, chain, shown, templates, "uplicate" in response.content.decode()


@pytest.fixture
def elsewhere(other_agency):
    """A person of another county."""
    birth = date(1986, 5, 13)
    return SupervisedPersonFactory(
        judicial_office=JudicialOfficeFactory(agency=other_agency),
        birth_date=birth,
        identity_number=make_identity_number(birth_date=birth, serial=41),
    )


def test_a_number_held_elsewhere_or_sealed_answers_as_a_number_never_recorded(
    english, office_colleague, office_a, elsewhere, sealed_person
):
    english.login(email=office_colleague.email, password=PASSWORD)
    new_birth = date(1987, 6, 14)
    answers = [
        answer(english, office_a, elsewhere.identity_number, elsewhere.birth_date),
        answer(english, office_a, sealed_person.identity_number, sealed_person.birth_date),
        answer(english, office_a, make_identity_number(birth_date=new_birth), new_birth),
    ]
    assert answers[0] == answers[1] == answers[2]
    assert answers[0][0] == 200 and answers[0][1][0][0] == "/casework/persons/ID/"
    assert answers[0][4] is False
    reviews = DuplicateReview.objects.order_by("pk")
    assert [review.matches.get().person for review in reviews] == [elsewhere, sealed_person]
    assert {review.agency for review in reviews} == {office_a.agency}
    assert AuditEntry.objects.filter(action="casework.duplicate.open").count() == 2


def test_a_number_the_caseworker_sees_is_named_with_a_link(english, caseworker, person, office_a):
    english.login(email=caseworker.email, password=PASSWORD)
    response = english.post(
        reverse("casework:person_create"),
        person_post(office_a, person.identity_number, person.birth_date),
    )
    assert response.status_code == 200
    assert "A person you can see" in str(response.context["form"].errors["identity_number"])
    assert response.context["duplicates"] == [person]
    assert reverse("casework:person_detail", args=[person.pk]) in response.content.decode()
    assert SupervisedPerson.objects.count() == 1


def test_same_name_and_birth_date_warns_until_the_caseworker_confirms(
    english, caseworker, person, office_a
):
    english.login(email=caseworker.email, password=PASSWORD)
    number = make_identity_number(birth_date=person.birth_date, serial=77)
    data = person_post(
        office_a,
        number,
        person.birth_date,
        family_name=person.family_name,
        given_name=person.given_name,
    )
    response = english.post(reverse("casework:person_create"), data)
    assert response.context["duplicates"] == [person]
    assert SupervisedPerson.objects.count() == 1
    response = english.post(reverse("casework:person_create"), data | {"confirmed_distinct": "on"})
    assert response.status_code == 302
    assert SupervisedPerson.objects.count() == 2
    assert not DuplicateReview.objects.exists()


def test_a_similar_name_elsewhere_goes_to_review_without_a_warning(
    client, caseworker, office_a, elsewhere
):
    client.login(email=caseworker.email, password=PASSWORD)
    number = make_identity_number(birth_date=elsewhere.birth_date, serial=88)
    data = person_post(
        office_a, number, elsewhere.birth_date, family_name="汪", given_name=elsewhere.given_name
    )
    response = client.post(reverse("casework:person_create"), data)
    assert response.status_code == 302
    match = DuplicateReview.objects.get().matches.get()
    assert (match.person, match.reason) == (elsewhere, DuplicateReason.SIMILAR_NAME)


def test_similar_names_are_one_character_apart_or_share_the_family_name():
    assert one_edit_apart("王建国", "王建军") and one_edit_apart("王建国", "王建")
    assert not one_edit_apart("王建国", "李建军")
    born = date(1990, 1, 1)
    base = SupervisedPersonFactory.build(family_name="王", given_name="建国", birth_date=born)
    for family, given, birth, expected in [
        ("王", "建国", born, DuplicateReason.NAME_AND_BIRTH_DATE),
        ("王", "小明", born, DuplicateReason.SIMILAR_NAME),
        ("汪", "建国", born, DuplicateReason.SIMILAR_NAME),
        ("李", "小明", born, None),
        ("王", "建国", date(1990, 1, 2), None),
    ]:
        other = SupervisedPersonFactory.build(
            family_name=family, given_name=given, birth_date=birth
        )
        assert duplicate_reason(base, other) == expected


def test_changing_the_number_to_one_held_elsewhere_saves_and_opens_a_review(
    person, caseworker, elsewhere
):
    person_update(
        actor=caseworker,
        person=person,
        identity_number=elsewhere.identity_number,
        birth_date=elsewhere.birth_date,
    )
    assert DuplicateReview.objects.get().matches.get().person == elsewhere


@pytest.fixture
def review(client, office_colleague, office_a, elsewhere, sealed_person):
    """Two persons recorded by a caseworker who sees neither the sealed record with the same
    name and birth date nor the other county's record with the same number."""
    client.login(email=office_colleague.email, password=PASSWORD)
    number = make_identity_number(birth_date=sealed_person.birth_date, serial=99)
    client.post(
        reverse("casework:person_create"),
        person_post(
            office_a, number, sealed_person.birth_date, family_name="赵", given_name="少年"
        ),
    )
    SupervisedPersonFactory(
        judicial_office=elsewhere.judicial_office, birth_date=sealed_person.birth_date
    )
    client.post(
        reverse("casework:person_create"),
        person_post(office_a, elsewhere.identity_number, elsewhere.birth_date),
    )
    client.logout()
    return DuplicateReview.objects.order_by("pk")


def test_the_manager_sees_own_agency_matches_in_full_and_others_by_agency_only(
    client, manager, review, sealed_person, elsewhere
):
    client.login(email=manager.email, password=PASSWORD)
    listed = client.get(reverse("casework:review_list"))
    assert list(listed.context["duplicates"]) == list(review)
    own = client.get(reverse("casework:duplicate_review", args=[review[0].pk]))
    assert own.context["matches"][0]["person"] == sealed_person
    other = client.get(reverse("casework:duplicate_review", args=[review[1].pk]))
    page = other.content.decode()
    assert other.context["matches"][0]["person"] is None
    assert str(elsewhere.agency) in page and elsewhere.given_name not in page
    assert elsewhere.offense not in page


def test_only_the_requesters_agency_managers_open_a_review(
    client, review, other_manager, caseworker
):
    url = reverse("casework:duplicate_review", args=[review[0].pk])
    client.login(email=other_manager.email, password=PASSWORD)
    assert client.get(url).status_code == 404
    client.login(email=caseworker.email, password=PASSWORD)
    assert client.get(url).status_code == 403


def test_the_manager_decides_once_and_it_is_audited(client, review, manager, office_colleague):
    with pytest.raises(PermissionDenied):
        review_decide(actor=office_colleague, review=review[0], action="approve", reason="x")
    client.login(email=manager.email, password=PASSWORD)
    url = reverse("casework:duplicate_review", args=[review[0].pk])
    response = client.post(url, {"action": "approve", "reason": "不同人：身份证号不同"})
    assert response.status_code == 302
    decided = review[0]
    decided.refresh_from_db()
    assert (decided.state, decided.decided_by) == (ReviewState.APPROVED, manager)
    assert AuditEntry.objects.filter(action="casework.duplicate.approve").count() == 1
    response = client.post(url, {"action": "reject", "reason": "再改"})
    assert response.status_code == 200
    decided.refresh_from_db()
    assert decided.state == ReviewState.APPROVED


def test_a_possible_duplicate_mails_the_agencys_managers_and_names_no_one(
    client,
    caseworker,
    manager,
    other_manager,
    office_a,
    elsewhere,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    client.login(email=caseworker.email, password=PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("casework:person_create"),
            person_post(office_a, elsewhere.identity_number, elsewhere.birth_date),
        )

    (mail,) = mailoutbox
    assert mail.to == [manager.email]
    assert reverse("casework:review_list") in mail.body
    text = mail.subject + mail.body
    assert "陈志强" not in text and elsewhere.given_name not in text
    assert str(elsewhere.agency) not in text
