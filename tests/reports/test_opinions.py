"""Supervision opinions: the procuratorate issues, the agency responds, the procuratorate
closes or reopens; each side only acts on its own step, and both see the history."""

from datetime import timedelta

import pytest

from django.core.exceptions import ValidationError
from django.utils import timezone

from portal.audit.models import AuditEntry
from portal.organizations.models import CorrectionsAgency
from reports.models import OpinionState, SupervisionOpinion
from reports.services import opinion_issue, opinion_transition
from tests.factories.portal import (
    AgencyManagerAssignmentFactory,
    CorrectionsAgencyFactory,
    jurisdiction,
)
from tests.reports.conftest import oversight_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def opinion(manager, procurator):
    agency = CorrectionsAgency.objects.get(jurisdiction__code="410102")
    return opinion_issue(
        actor=procurator,
        agency=agency,
        kind="suggestion",
        subject="矫正对象请假审批不规范",
        content="请核查请假审批记录并整改。",
        deadline=timezone.localdate() + timedelta(days=30),
    )


def test_the_procuratorate_issues_an_opinion_from_its_screen(client, manager, procurator):
    client.force_login(procurator)
    agency = CorrectionsAgency.objects.get(jurisdiction__code="410102")
    deadline = (timezone.localdate() + timedelta(days=10)).isoformat()
    data = {
        "agency": agency.pk,
        "kind": "correction",
        "subject": "未按期走访",
        "content": "请整改。",
        "deadline": deadline,
        "case_code": "",
    }

    response = client.post("/reports/opinions/new/", data)

    assert response.status_code == 302
    assert SupervisionOpinion.objects.get().state == OpinionState.ISSUED
    assert AuditEntry.objects.filter(action="reports.opinion.issue").exists()


def test_a_procuratorate_cannot_address_an_agency_outside_its_place(client, manager):
    other = oversight_user("procuratorate", "410300")
    client.force_login(other)
    agency = CorrectionsAgency.objects.get(jurisdiction__code="410102")
    data = {
        "agency": agency.pk,
        "kind": "correction",
        "subject": "x",
        "content": "y",
        "deadline": (timezone.localdate() + timedelta(days=3)).isoformat(),
    }

    response = client.post("/reports/opinions/new/", data)

    assert response.status_code == 200
    assert not SupervisionOpinion.objects.exists()


@pytest.mark.parametrize("kind", ["peoples_congress", "public_security", "human_resources"])
def test_other_bodies_cannot_issue_opinions(client, kind):
    client.force_login(oversight_user(kind))

    assert client.get("/reports/opinions/new/").status_code == 403


def test_an_identity_number_in_an_opinion_is_refused(client, manager, procurator):
    client.force_login(procurator)
    agency = CorrectionsAgency.objects.get(jurisdiction__code="410102")
    data = {
        "agency": agency.pk,
        "kind": "correction",
        "subject": "410102199001011234",
        "content": "y",
        "deadline": (timezone.localdate() + timedelta(days=3)).isoformat(),
    }

    client.post("/reports/opinions/new/", data)

    assert not SupervisionOpinion.objects.exists()


def test_the_agency_responds_and_the_procuratorate_closes(client, opinion, manager, procurator):
    client.force_login(manager)
    response = client.post(
        f"/reports/opinions/{opinion.pk}/", {"response": "已整改", "rectification": "补录审批"}
    )
    assert response.status_code == 302
    client.force_login(procurator)
    client.post(f"/reports/opinions/{opinion.pk}/", {"action": "close", "note": ""})

    opinion.refresh_from_db()
    assert opinion.state == OpinionState.CLOSED
    assert [e.to_state for e in opinion.events.all()] == ["issued", "responded", "closed"]


def test_reopening_needs_a_reason_and_changes_nothing_without_one(opinion, manager, procurator):
    opinion_transition(
        opinion=opinion, action="respond", side="agency", actor=manager, response="已整改"
    )

    with pytest.raises(ValidationError):
        opinion_transition(opinion=opinion, action="reopen", side="procuratorate", actor=procurator)

    opinion.refresh_from_db()
    assert opinion.state == OpinionState.RESPONDED


def test_a_side_cannot_take_the_other_sides_step(opinion, manager, procurator):
    with pytest.raises(ValidationError):
        opinion_transition(opinion=opinion, action="close", side="agency", actor=manager)
    with pytest.raises(ValidationError):
        opinion_transition(
            opinion=opinion,
            action="respond",
            side="procuratorate",
            actor=procurator,
            response="x",
        )

    opinion.refresh_from_db()
    assert opinion.state == OpinionState.ISSUED


def test_a_manager_of_another_agency_cannot_see_the_opinion(client, opinion):
    stranger = AgencyManagerAssignmentFactory(
        agency=CorrectionsAgencyFactory(jurisdiction=jurisdiction("410105"))
    ).user
    client.force_login(stranger)

    assert client.get(f"/reports/opinions/{opinion.pk}/").status_code == 404


def test_an_opinion_past_its_deadline_is_flagged_overdue(client, opinion, manager):
    SupervisionOpinion.objects.filter(pk=opinion.pk).update(
        deadline=timezone.localdate() - timedelta(days=1)
    )
    client.force_login(manager)

    response = client.get("/reports/opinions/")

    assert response.content.decode().count("badge-danger") == 1


def test_a_deadline_in_the_past_is_refused(manager, procurator):
    with pytest.raises(ValidationError):
        opinion_issue(
            actor=procurator,
            agency=CorrectionsAgency.objects.get(jurisdiction__code="410102"),
            kind="suggestion",
            subject="x",
            content="y",
            deadline=timezone.localdate() - timedelta(days=1),
        )
