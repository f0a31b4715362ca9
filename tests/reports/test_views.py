"""Report screens: who may read them, bad input, exports and the audit trail."""

import io

import pytest
from openpyxl import load_workbook

from portal.accounts.models import Role
from portal.audit.models import AuditEntry
from tests.factories.casework import SupervisedPersonFactory
from tests.factories.portal import JudicialOfficeFactory, UserFactory, user_with_role

pytestmark = pytest.mark.django_db

Q2 = {"jurisdiction": "410102", "period": "quarter", "year": "2026", "quarter": "2"}


@pytest.fixture
def people():
    office = JudicialOfficeFactory()
    for _ in range(7):
        SupervisedPersonFactory(judicial_office=office)
    SupervisedPersonFactory(judicial_office=office, correction_type="parole", is_juvenile=True)
    return office


@pytest.mark.parametrize(
    "role", [Role.CASEWORKER, Role.PROVIDER_STAFF, Role.VOLUNTEER, Role.EMPLOYER_STAFF]
)
def test_roles_other_than_managers_and_oversight_are_refused(client, role):
    client.force_login(user_with_role(role))

    assert client.get("/reports/persons/").status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get("/reports/persons/")

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_manager_reads_own_county_and_the_read_is_audited(client, manager, people):
    client.force_login(manager)
    response = client.get("/reports/persons/", Q2)

    assert response.status_code == 200
    assert "&lt;5" in response.content.decode()
    entry = AuditEntry.objects.get(action="reports.report.read")
    assert entry.detail["jurisdiction"] == "410102"


def test_manager_cannot_choose_another_county(client, manager, people):
    client.force_login(manager)
    response = client.get("/reports/persons/", {**Q2, "jurisdiction": "410105"})

    assert response.status_code == 400
    assert not AuditEntry.objects.filter(action="reports.report.read").exists()


def test_a_period_the_wrong_way_round_gets_a_message_not_an_error(client, english, manager):
    client.force_login(manager)
    bad = {**Q2, "period": "range", "start": "2026-06-01", "end": "2026-01-01"}
    response = client.get("/reports/persons/", bad)

    assert response.status_code == 400
    assert "ends before it starts" in response.content.decode()


def test_the_message_is_in_chinese_by_default(client, manager):
    client.force_login(manager)
    bad = {**Q2, "period": "range", "start": "2026-06-01", "end": "2026-01-01"}

    assert "截止日不能早于起始日" in client.get("/reports/persons/", bad).content.decode()


def test_an_unknown_export_format_gets_a_message(client, english, manager):
    client.force_login(manager)
    response = client.get("/reports/persons/", {**Q2, "format": "pdf"})

    assert response.status_code == 400
    assert "CSV or XLSX" in response.content.decode()


def test_unknown_report_is_404(client, manager):
    client.force_login(manager)

    assert client.get("/reports/nothing/").status_code == 404


def test_xlsx_export_reads_back_with_the_same_suppressed_figures(client, manager, people):
    client.force_login(manager)
    response = client.get("/reports/persons/", {**Q2, "format": "xlsx"})

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None]
    assert "<5" in values
    assert 1 not in values
    assert AuditEntry.objects.filter(action="reports.report.export").exists()


def test_csv_export_has_the_heading_and_tables(client, manager, people):
    client.force_login(manager)
    response = client.get("/reports/persons/", {**Q2, "format": "csv"})

    text = response.content.decode("utf-8-sig")
    assert "410102" not in text.splitlines()[0]
    assert "<5" in text


def test_superuser_may_report_on_the_province(client, people):
    admin = UserFactory(role=Role.AGENCY_MANAGER, is_superuser=True)
    client.force_login(admin)
    response = client.get("/reports/persons/", {**Q2, "jurisdiction": "410000"})

    assert response.status_code == 200


@pytest.mark.parametrize("slug", ["persons", "employment", "volunteers"])
def test_every_report_renders_for_the_province(client, slug, people):
    client.force_login(UserFactory(role=Role.AGENCY_MANAGER, is_superuser=True))

    response = client.get(f"/reports/{slug}/", {**Q2, "jurisdiction": "410000"})

    assert response.status_code == 200
