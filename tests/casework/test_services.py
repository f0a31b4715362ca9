"""Persons, identity numbers, transfers, and versioned assessments and plans."""

from datetime import date

import pytest

from django.core.exceptions import ValidationError
from django.db import connection

from casework.models import ExecutionTransfer, NeedsAssessment, SupervisedPerson
from casework.selectors import person_query, persons_visible_to
from casework.services import (
    GoalInput,
    NeedInput,
    assessment_create,
    person_create,
    person_transfer,
    person_update,
    plan_create,
)
from portal.audit.models import AuditEntry
from portal.identity import identity_check_character
from tests.factories.casework import category, make_identity_number

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

BIRTH = date(1988, 8, 8)


def person_fields(office, **overrides):
    fields = {
        "family_name": "李",
        "given_name": "卫东",
        "gender": "male",
        "birth_date": BIRTH,
        "offense": "诈骗罪",
        "correction_type": "parole",
        "start_date": date(2025, 3, 1),
        "end_date": date(2026, 3, 1),
        "agency": office.agency,
        "judicial_office": office,
        "supervision_level": "strict",
    }
    fields.update(overrides)
    return fields


def create(caseworker, office, number=None, **overrides):
    number = number or make_identity_number(birth_date=BIRTH, serial=7)
    return person_create(
        actor=caseworker,
        identity_number=number,
        caseworkers=[caseworker],
        **person_fields(office, **overrides),
    )


def test_identity_number_is_encrypted_at_rest_masked_and_found_by_exact_number(
    caseworker, office_a
):
    number = make_identity_number(birth_date=BIRTH, serial=7)
    person = create(caseworker, office_a, number)
    with connection.cursor() as cursor:
        cursor.execute("SELECT identity_number_encrypted FROM casework_supervisedperson")
        stored = cursor.fetchone()[0]
    assert number not in stored
    assert person.identity_number == number
    assert person.identity_number_masked == number[:6] + "********" + number[-4:]
    visible = persons_visible_to(caseworker)
    assert list(person_query(visible, number)) == [person]
    assert (
        list(person_query(visible, number[:-1] + "0" if number[-1] != "0" else number[:-1] + "1"))
        == []
    )


def test_wrong_check_digit_is_refused_with_a_message_on_the_field(caseworker, office_a):
    number = make_identity_number(birth_date=BIRTH, serial=7)
    wrong = number[:17] + ("1" if number[17] != "1" else "2")
    with pytest.raises(ValidationError) as error:
        create(caseworker, office_a, wrong)
    assert "check character" in str(error.value.message_dict["identity_number"])
    assert not SupervisedPerson.objects.exists()


def test_birth_date_that_does_not_match_the_number_is_refused(caseworker, office_a):
    with pytest.raises(ValidationError) as error:
        create(caseworker, office_a, birth_date=date(1988, 8, 9))
    assert "birth_date" in error.value.message_dict
    assert not SupervisedPerson.objects.exists()


def test_gender_that_does_not_match_the_number_is_refused(caseworker, office_a):
    with pytest.raises(ValidationError) as error:
        create(caseworker, office_a, gender="female")
    assert "gender" in error.value.message_dict
    assert not SupervisedPerson.objects.exists()


def test_end_before_start_is_refused(caseworker, office_a):
    with pytest.raises(ValidationError) as error:
        create(caseworker, office_a, start_date=date(2025, 3, 1), end_date=date(2025, 2, 1))
    assert "end_date" in error.value.message_dict
    assert not SupervisedPerson.objects.exists()


def test_the_same_identity_number_cannot_be_recorded_twice(caseworker, office_a):
    create(caseworker, office_a)
    with pytest.raises(ValidationError) as error:
        create(caseworker, office_a, given_name="另一人")
    assert "identity_number" in error.value.message_dict
    assert SupervisedPerson.objects.count() == 1


def test_office_of_another_agency_is_refused(caseworker, office_a, other_agency):
    from tests.factories.portal import JudicialOfficeFactory

    foreign = JudicialOfficeFactory(agency=other_agency)
    with pytest.raises(ValidationError) as error:
        create(caseworker, office_a, judicial_office=foreign)
    assert "judicial_office" in error.value.message_dict


def test_check_character_of_the_standard_example():
    assert identity_check_character("11010519491231002") == "X"


def test_update_keeps_the_stored_number_and_rechecks_it(caseworker, office_a):
    person = create(caseworker, office_a)
    with pytest.raises(ValidationError):
        person_update(actor=caseworker, person=person, birth_date=date(1990, 1, 1))
    person.refresh_from_db()
    assert person.birth_date == BIRTH
    person_update(actor=caseworker, person=person, supervision_level="lenient")
    person.refresh_from_db()
    assert person.supervision_level == "lenient"
    assert AuditEntry.objects.filter(
        action="casework.person.update", object_id=str(person.pk)
    ).exists()


def test_transfer_keeps_history_and_moves_the_person_out_of_the_old_office(
    person, caseworker, other_caseworker, office_b
):
    person_transfer(
        actor=caseworker,
        person=person,
        to_agency=office_b.agency,
        to_office=office_b,
        transferred_on=date(2025, 6, 1),
        reason="居住地变更",
    )
    person.refresh_from_db()
    assert person.judicial_office == office_b
    assert ExecutionTransfer.objects.get(person=person).from_office != office_b
    assert person not in persons_visible_to(caseworker)
    assert person in persons_visible_to(other_caseworker)


def test_transfer_to_the_same_place_is_refused(person, caseworker, office_a):
    with pytest.raises(ValidationError):
        person_transfer(
            actor=caseworker,
            person=person,
            to_agency=office_a.agency,
            to_office=office_a,
            transferred_on=date(2025, 6, 1),
            reason="无",
        )
    assert not ExecutionTransfer.objects.exists()


def test_a_new_assessment_is_a_new_version_and_the_old_one_stays(person, caseworker):
    first = person.assessments.get()
    second = assessment_create(
        actor=caseworker,
        person=person,
        assessed_at=date(2025, 9, 1),
        needs=[NeedInput(category=category("employment-guidance"), priority=4, notes="需要工作")],
    )
    assert second.version == first.version + 1
    assert NeedsAssessment.objects.filter(person=person).count() == 2
    assert list(first.needs.values_list("category__slug", flat=True)) == [
        "psychological-counseling"
    ]


def test_assessment_refuses_duplicate_categories_and_priority_out_of_range(person, caseworker):
    counseling = category()
    with pytest.raises(ValidationError):
        assessment_create(
            actor=caseworker,
            person=person,
            assessed_at=date(2025, 9, 1),
            needs=[
                NeedInput(category=counseling, priority=3),
                NeedInput(category=counseling, priority=2),
            ],
        )
    with pytest.raises(ValidationError):
        assessment_create(
            actor=caseworker,
            person=person,
            assessed_at=date(2025, 9, 1),
            needs=[NeedInput(category=counseling, priority=6)],
        )
    assert person.assessments.count() == 1


def test_plan_versions_and_review_dates(person, caseworker):
    goal = GoalInput(description="稳定就业", review_on=date(2025, 12, 1))
    first = plan_create(actor=caseworker, person=person, valid_from=date(2025, 3, 1), goals=[goal])
    second = plan_create(actor=caseworker, person=person, valid_from=date(2025, 6, 1), goals=[goal])
    assert (first.version, second.version) == (1, 2)
    with pytest.raises(ValidationError) as error:
        plan_create(
            actor=caseworker,
            person=person,
            valid_from=date(2026, 1, 1),
            goals=[GoalInput(description="x", review_on=date(2025, 1, 1))],
        )
    assert "goals" in error.value.message_dict
    assert person.plans.count() == 2
