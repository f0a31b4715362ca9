import pytest

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from portal.audit.models import AuditEntry
from tests.factories.portal import PASSWORD, jurisdiction
from tests.factories.volunteers import ScreeningDocumentFactory, VolunteerProfileFactory
from volunteers.models import DocumentKind, ScreeningStatus, ScreeningStep
from volunteers.services import (
    SCREENING_TRANSITIONS,
    screening_next_statuses,
    screening_transition,
)

S = ScreeningStatus
MANAGER_STEPS = [pair for pair, who in SCREENING_TRANSITIONS.items() if "manager" in who]


def with_documents(volunteer):
    ScreeningDocumentFactory(volunteer=volunteer, kind=DocumentKind.IDENTITY)
    ScreeningDocumentFactory(volunteer=volunteer, kind=DocumentKind.NO_CRIMINAL_RECORD)
    return volunteer


def test_pipeline_covers_every_status_and_retires_from_any():
    froms = {from_status for from_status, _to in SCREENING_TRANSITIONS}
    assert froms == set(S.values) - {S.RETIRED}
    assert all((status, S.RETIRED) in SCREENING_TRANSITIONS for status in froms)
    assert (S.APPLIED, S.APPROVED) not in SCREENING_TRANSITIONS


@pytest.mark.parametrize(("from_status", "to_status"), MANAGER_STEPS)
def test_agency_manager_makes_each_transition_with_reason_recorded_and_audited(
    manager, agency, from_status, to_status
):
    volunteer = with_documents(VolunteerProfileFactory(agency=agency, status=from_status))
    step = screening_transition(
        volunteer=volunteer, to_status=to_status, reason="核实无误", actor=manager
    )
    volunteer.refresh_from_db()
    assert volunteer.status == to_status
    assert (step.from_status, step.to_status, step.reason, step.actor) == (
        from_status,
        to_status,
        "核实无误",
        manager,
    )
    entry = AuditEntry.objects.get(action="volunteer.screening", object_id=str(volunteer.pk))
    assert entry.detail == {"from": from_status, "to": to_status, "reason": "核实无误"}


@pytest.mark.parametrize(("from_status", "to_status"), MANAGER_STEPS)
def test_manager_of_another_agency_may_make_no_transition(
    other_manager, agency, from_status, to_status
):
    volunteer = with_documents(VolunteerProfileFactory(agency=agency, status=from_status))
    with pytest.raises(PermissionDenied):
        screening_transition(
            volunteer=volunteer, to_status=to_status, reason="x", actor=other_manager
        )
    volunteer.refresh_from_db()
    assert volunteer.status == from_status


@pytest.mark.parametrize(
    "to_status", [S.DOCUMENTS_CHECKED, S.TRAINING_COMPLETED, S.APPROVED, S.ACTIVE]
)
def test_volunteer_cannot_advance_their_own_screening(volunteer, to_status):
    volunteer.status = {
        S.DOCUMENTS_CHECKED: S.APPLIED,
        S.TRAINING_COMPLETED: S.DOCUMENTS_CHECKED,
        S.APPROVED: S.TRAINING_COMPLETED,
        S.ACTIVE: S.APPROVED,
    }[to_status]
    volunteer.save()
    with_documents(volunteer)
    with pytest.raises(PermissionDenied):
        screening_transition(
            volunteer=volunteer, to_status=to_status, reason="我已完成", actor=volunteer.user
        )


def test_caseworker_cannot_screen_volunteers(caseworker, volunteer):
    with pytest.raises(PermissionDenied):
        screening_transition(
            volunteer=volunteer, to_status=S.SUSPENDED, reason="x", actor=caseworker
        )


def test_volunteer_may_retire_themselves(volunteer):
    screening_transition(
        volunteer=volunteer, to_status=S.RETIRED, reason="工作调动", actor=volunteer.user
    )
    volunteer.refresh_from_db()
    assert volunteer.status == S.RETIRED


def test_retired_volunteer_cannot_be_moved_again(manager, agency):
    volunteer = VolunteerProfileFactory(agency=agency, status=S.RETIRED)
    with pytest.raises(ValidationError):
        screening_transition(volunteer=volunteer, to_status=S.ACTIVE, reason="x", actor=manager)


def test_skipping_a_step_is_refused(manager, agency):
    volunteer = with_documents(VolunteerProfileFactory(agency=agency, status=S.APPLIED))
    with pytest.raises(ValidationError, match="cannot move"):
        screening_transition(volunteer=volunteer, to_status=S.APPROVED, reason="x", actor=manager)
    assert not ScreeningStep.objects.exists()


def test_a_reason_is_required(manager, agency):
    volunteer = with_documents(VolunteerProfileFactory(agency=agency, status=S.APPLIED))
    with pytest.raises(ValidationError) as error:
        screening_transition(
            volunteer=volunteer, to_status=S.DOCUMENTS_CHECKED, reason="  ", actor=manager
        )
    assert "reason" in error.value.message_dict
    volunteer.refresh_from_db()
    assert volunteer.status == S.APPLIED


def test_documents_cannot_be_checked_while_one_is_missing(manager, agency):
    volunteer = VolunteerProfileFactory(agency=agency, status=S.APPLIED)
    ScreeningDocumentFactory(volunteer=volunteer, kind=DocumentKind.IDENTITY)
    with pytest.raises(ValidationError, match="missing"):
        screening_transition(
            volunteer=volunteer, to_status=S.DOCUMENTS_CHECKED, reason="x", actor=manager
        )
    volunteer.refresh_from_db()
    assert volunteer.status == S.APPLIED


def test_next_statuses_depend_on_who_asks(manager, volunteer):
    assert set(screening_next_statuses(volunteer=volunteer, actor=manager)) == {
        S.SUSPENDED,
        S.RETIRED,
    }
    assert screening_next_statuses(volunteer=volunteer, actor=volunteer.user) == [S.RETIRED]


def test_manager_records_a_decision_on_the_screening_screen(client, manager, agency):
    volunteer = with_documents(VolunteerProfileFactory(agency=agency, status=S.APPLIED))
    client.login(email=manager.email, password=PASSWORD)
    url = reverse("volunteers:screening_detail", args=[volunteer.pk])
    response = client.post(url, {"to_status": S.DOCUMENTS_CHECKED, "reason": "证件齐全"})
    assert response.status_code == 302
    volunteer.refresh_from_db()
    assert volunteer.status == S.DOCUMENTS_CHECKED


def test_screening_screen_without_reason_shows_error_and_changes_nothing(english, manager, agency):
    volunteer = with_documents(VolunteerProfileFactory(agency=agency, status=S.APPLIED))
    english.login(email=manager.email, password=PASSWORD)
    url = reverse("volunteers:screening_detail", args=[volunteer.pk])
    response = english.post(url, {"to_status": S.DOCUMENTS_CHECKED, "reason": ""})
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    volunteer.refresh_from_db()
    assert volunteer.status == S.APPLIED


def test_manager_lists_only_volunteers_of_their_agency(client, manager, agency):
    mine = VolunteerProfileFactory(agency=agency, status=S.APPLIED, real_name="王芳")
    theirs = VolunteerProfileFactory(
        agency__jurisdiction=jurisdiction("410103"), status=S.APPLIED, real_name="赵强"
    )
    client.login(email=manager.email, password=PASSWORD)
    response = client.get(reverse("volunteers:screening_list"), {"status": S.APPLIED})
    assert mine.real_name in response.content.decode()
    assert theirs.real_name not in response.content.decode()
    assert client.get(reverse("volunteers:screening_detail", args=[theirs.pk])).status_code == 404


@pytest.mark.parametrize("who", ["volunteer", "caseworker", "provider_staff"])
def test_only_agency_managers_open_screening_screens(client, request, who, volunteer):
    user = request.getfixturevalue(who)
    user = getattr(user, "user", user)
    client.login(email=user.email, password=PASSWORD)
    assert client.get(reverse("volunteers:screening_list")).status_code == 403
    assert (
        client.get(reverse("volunteers:screening_detail", args=[volunteer.pk])).status_code == 403
    )


def test_volunteer_sees_status_and_what_is_missing(english, agency):
    volunteer = VolunteerProfileFactory(agency=agency, status=S.APPLIED)
    ScreeningDocumentFactory(volunteer=volunteer, kind=DocumentKind.IDENTITY)
    english.login(email=volunteer.user.email, password=PASSWORD)
    page = english.get(reverse("volunteers:home")).content.decode()
    assert "Applied" in page
    assert "Upload: No-criminal-record certificate" in page
    assert "Upload: Identity document" not in page


def test_volunteer_is_told_of_each_screening_decision(
    manager, agency, mailoutbox, django_capture_on_commit_callbacks
):
    volunteer = with_documents(VolunteerProfileFactory(agency=agency, status=S.APPLIED))
    with django_capture_on_commit_callbacks(execute=True):
        screening_transition(
            volunteer=volunteer, to_status=S.DOCUMENTS_CHECKED, reason="证件齐全", actor=manager
        )
    assert mailoutbox[0].to == [volunteer.user.email]
    assert "证件齐全" in mailoutbox[0].body
