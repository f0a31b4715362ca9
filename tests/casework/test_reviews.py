"""Four eyes: clearing a sealed flag or transferring a person needs another person's approval,
a manager of the person's agency; nothing changes before, and every step is audited."""

from datetime import date

import pytest

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casework.models import ChangeKind, ExecutionTransfer, PersonChangeRequest, ReviewState
from casework.services import person_change_request, person_update, review_decide
from portal.accounts.models import Role
from portal.audit.models import AuditEntry
from tests.factories.casework import SupervisedPersonFactory
from tests.factories.portal import PASSWORD, StaffAssignmentFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


@pytest.fixture
def second_manager(agency):
    return StaffAssignmentFactory(
        agency=agency, judicial_office=None, user__role=Role.AGENCY_MANAGER
    ).user


def ask_transfer(actor, person, office):
    return person_change_request(
        actor=actor,
        person=person,
        kind=ChangeKind.TRANSFER,
        reason="迁居",
        to_agency=office.agency,
        to_office=office,
        transferred_on=date(2025, 7, 1),
    )


def ask_unseal(actor, person):
    return person_change_request(
        actor=actor, person=person, kind=ChangeKind.UNSEAL, reason="裁定撤销封存"
    )


def actions() -> list[str]:
    return list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))


def test_a_transfer_changes_nothing_until_the_manager_approves(
    person, caseworker, manager, office_b
):
    change = ask_transfer(caseworker, person, office_b)
    person.refresh_from_db()
    assert person.judicial_office != office_b
    assert not ExecutionTransfer.objects.exists()
    review_decide(actor=manager, review=change, action="approve", reason="材料齐全")
    person.refresh_from_db()
    assert person.judicial_office == office_b
    assert ExecutionTransfer.objects.get(person=person).to_office == office_b
    change.refresh_from_db()
    assert (change.state, change.decided_by) == (ReviewState.APPROVED, manager)
    assert actions()[-3:] == [
        "casework.transfer.request",
        "casework.person.transfer",
        "casework.transfer.approve",
    ]


def test_clearing_the_sealed_flag_waits_for_approval(sealed_person, caseworker, manager):
    change = ask_unseal(caseworker, sealed_person)
    sealed_person.refresh_from_db()
    assert sealed_person.is_juvenile
    review_decide(actor=manager, review=change, action="approve", reason="依法解除")
    sealed_person.refresh_from_db()
    assert not sealed_person.is_juvenile
    assert {"casework.unseal.request", "casework.person.unseal", "casework.unseal.approve"} <= set(
        actions()
    )


def test_a_rejection_changes_nothing_and_is_audited(sealed_person, caseworker, manager):
    change = ask_unseal(caseworker, sealed_person)
    review_decide(actor=manager, review=change, action="reject", reason="无裁定")
    sealed_person.refresh_from_db()
    assert sealed_person.is_juvenile
    assert actions()[-1] == "casework.unseal.reject"


def test_the_requester_can_never_approve_their_own_request(sealed_person, manager, second_manager):
    change = ask_unseal(manager, sealed_person)
    with pytest.raises(ValidationError, match="another manager"):
        review_decide(actor=manager, review=change, action="approve", reason="自批")
    sealed_person.refresh_from_db()
    assert sealed_person.is_juvenile
    review_decide(actor=second_manager, review=change, action="approve", reason="复核同意")
    sealed_person.refresh_from_db()
    assert not sealed_person.is_juvenile


@pytest.mark.parametrize(
    "who",
    [
        "caseworker",
        "office_colleague",
        "other_caseworker",
        "other_manager",
        "oversight",
        "provider",
        "volunteer",
    ],
)
def test_no_one_but_a_manager_of_the_persons_agency_decides(
    request, sealed_person, caseworker, who
):
    change = ask_unseal(caseworker, sealed_person)
    before = AuditEntry.objects.count()
    with pytest.raises(PermissionDenied):
        review_decide(
            actor=request.getfixturevalue(who), review=change, action="approve", reason="同意"
        )
    change.refresh_from_db()
    sealed_person.refresh_from_db()
    assert change.state == ReviewState.PENDING and sealed_person.is_juvenile
    assert AuditEntry.objects.count() == before


def test_a_decision_is_made_once(sealed_person, caseworker, manager, second_manager):
    change = ask_unseal(caseworker, sealed_person)
    review_decide(actor=manager, review=change, action="reject", reason="无裁定")
    with pytest.raises(ValidationError, match="already been decided"):
        review_decide(actor=second_manager, review=change, action="approve", reason="同意")
    sealed_person.refresh_from_db()
    assert sealed_person.is_juvenile


def test_a_decision_needs_a_reason_and_a_known_action(sealed_person, caseworker, manager):
    change = ask_unseal(caseworker, sealed_person)
    with pytest.raises(ValidationError):
        review_decide(actor=manager, review=change, action="approve", reason="  ")
    with pytest.raises(ValidationError):
        review_decide(actor=manager, review=change, action="delete", reason="同意")
    change.refresh_from_db()
    assert change.state == ReviewState.PENDING


def test_one_pending_request_of_a_kind_and_only_for_a_sealed_record(
    sealed_person, person, caseworker
):
    ask_unseal(caseworker, sealed_person)
    with pytest.raises(ValidationError, match="already awaiting"):
        ask_unseal(caseworker, sealed_person)
    with pytest.raises(ValidationError, match="not sealed"):
        ask_unseal(caseworker, person)
    with pytest.raises(ValidationError):
        person_change_request(
            actor=caseworker, person=sealed_person, kind=ChangeKind.UNSEAL, reason=" "
        )
    assert PersonChangeRequest.objects.count() == 1


def test_the_edit_form_cannot_clear_the_sealed_flag(sealed_person, caseworker):
    with pytest.raises(ValidationError) as error:
        person_update(actor=caseworker, person=sealed_person, is_juvenile=False)
    assert "is_juvenile" in error.value.message_dict
    sealed_person.refresh_from_db()
    assert sealed_person.is_juvenile


def test_the_database_refuses_a_self_approved_request(sealed_person, caseworker):
    with pytest.raises(IntegrityError), transaction.atomic():
        PersonChangeRequest.objects.create(
            person=sealed_person,
            agency=sealed_person.agency,
            kind=ChangeKind.UNSEAL,
            reason="x",
            requested_by=caseworker,
            decided_by=caseworker,
            state=ReviewState.APPROVED,
        )


def test_screens_request_show_pending_list_and_decide(
    client, person, caseworker, manager, office_b
):
    client.login(email=caseworker.email, password=PASSWORD)
    response = client.post(
        reverse("casework:person_transfer", args=[person.pk]),
        {
            "to_agency": office_b.agency.pk,
            "to_office": office_b.pk,
            "transferred_on": "2025-07-01",
            "reason": "迁居",
        },
    )
    assert response["Location"] == reverse("casework:person_detail", args=[person.pk])
    detail = client.get(response["Location"])
    assert list(detail.context["pending_changes"])
    assert 'id="pending-changes"' in detail.content.decode()
    assert client.get(reverse("casework:review_list")).status_code == 403
    change = PersonChangeRequest.objects.get()
    client.login(email=manager.email, password=PASSWORD)
    assert list(client.get(reverse("casework:review_list")).context["changes"]) == [change]
    url = reverse("casework:change_review", args=[change.pk])
    response = client.post(url, {"action": "approve", "reason": "同意"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.judicial_office == office_b


def test_another_countys_manager_does_not_find_the_request(
    client, sealed_person, caseworker, other_manager
):
    change = ask_unseal(caseworker, sealed_person)
    client.login(email=other_manager.email, password=PASSWORD)
    url = reverse("casework:change_review", args=[change.pk])
    assert client.post(url, {"action": "approve", "reason": "同意"}).status_code == 404
    assert not list(client.get(reverse("casework:review_list")).context["changes"])
    sealed_person.refresh_from_db()
    assert sealed_person.is_juvenile


def test_unseal_screen_sends_the_request(client, sealed_person, caseworker):
    client.login(email=caseworker.email, password=PASSWORD)
    response = client.post(
        reverse("casework:person_unseal", args=[sealed_person.pk]), {"reason": "裁定"}
    )
    assert response.status_code == 302
    assert PersonChangeRequest.objects.get().kind == ChangeKind.UNSEAL
    sealed_person.refresh_from_db()
    assert sealed_person.is_juvenile


def _list_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("casework:review_list")).status_code == 200
    return len(queries)


def test_review_list_queries_do_not_grow_with_requests(
    client, office_a, caseworker, manager, office_b
):
    client.login(email=manager.email, password=PASSWORD)
    ask_transfer(caseworker, SupervisedPersonFactory(judicial_office=office_a), office_b)
    _list_queries(client)  # the session and the user's assignment are read on the first page
    one = _list_queries(client)
    for _ in range(5):
        ask_transfer(caseworker, SupervisedPersonFactory(judicial_office=office_a), office_b)
    assert _list_queries(client) <= one


def test_a_request_mails_the_agencys_other_managers_without_naming_the_person(
    sealed_person,
    manager,
    second_manager,
    other_manager,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        ask_unseal(manager, sealed_person)

    (mail,) = mailoutbox
    assert mail.to == [second_manager.email]
    assert mail.subject == "有一项复核等待您决定：解除封存标记"
    assert reverse("casework:review_list") in mail.body
    for private in (
        sealed_person.family_name + sealed_person.given_name,
        sealed_person.referral_code,
    ):
        assert private not in mail.subject + mail.body


def test_no_mail_leaves_before_the_request_is_saved(sealed_person, caseworker, manager, mailoutbox):
    with pytest.raises(ValidationError):
        person_change_request(
            actor=caseworker, person=sealed_person, kind=ChangeKind.UNSEAL, reason=" "
        )
    assert mailoutbox == []
