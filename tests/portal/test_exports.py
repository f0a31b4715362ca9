"""Spreadsheet exports never carry a live formula (portal.exports), and every export uses them."""

import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest

from django.utils import timezone

from portal.accounts.models import Role
from portal.audit.services import audit_record
from portal.exports import csv_response, csv_streaming_response, safe_cell, xlsx_bytes
from tests.factories.portal import user_with_role

FORMULA = '=HYPERLINK("https://evil.example","click")'


@pytest.mark.parametrize("text", [FORMULA, "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "＝1+1"])
def test_formula_like_text_is_quoted(text):
    assert safe_cell(text) == f"'{text}"


@pytest.mark.parametrize("value", ["plain", "中文名称", "a=b", "", "410102"])
def test_ordinary_text_is_unchanged(value):
    assert safe_cell(value) == value


def test_typed_values_stay_typed_and_none_is_empty():
    assert safe_cell(-5) == -5 and safe_cell(Decimal("-1.50")) == Decimal("-1.50")
    assert safe_cell(date(2026, 1, 2)) == date(2026, 1, 2)
    assert safe_cell(None) == ""


def test_csv_response_quotes_formulas_and_starts_with_a_byte_order_mark():
    response = csv_response("x.csv", [["name", "n"], [FORMULA, -3]])
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeffname,n")
    assert "'=HYPERLINK" in body and ",-3" in body
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'


def test_streamed_csv_is_safe_too():
    response = csv_streaming_response("x.csv", [["@cmd"]])
    assert b"".join(response.streaming_content).decode() == "\ufeff'@cmd\r\n"


def test_xlsx_stores_formula_like_text_as_text():
    when = timezone.now()
    content = xlsx_bytes([["name", "amount", "when"], [FORMULA, Decimal("-2.50"), when]])
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    cell = sheet["A2"]
    assert cell.value == FORMULA and cell.data_type == "s" and cell.quotePrefix
    assert sheet["B2"].value == -2.5 and sheet["B2"].data_type == "n"
    assert sheet["C2"].is_date


def test_xlsx_drops_characters_a_workbook_cannot_hold():
    content = xlsx_bytes([["a\x01b"]])
    assert openpyxl.load_workbook(io.BytesIO(content)).active["A1"].value == "ab"


@pytest.mark.django_db
def test_audit_export_quotes_an_organization_named_like_a_formula(client):
    manager = user_with_role(Role.AGENCY_MANAGER)
    audit_record(actor=manager, action="organization.verify", object_repr=FORMULA)
    client.force_login(manager)
    response = client.get("/audit/export.csv")
    body = b"".join(response.streaming_content).decode()
    assert "'=HYPERLINK" in body
    assert ",=HYPERLINK" not in body and '"=HYPERLINK' not in body


@pytest.mark.django_db
def test_person_export_quotes_a_name_written_like_a_formula(client):
    from tests.factories.casework import SupervisedPersonFactory
    from tests.factories.portal import StaffAssignmentFactory

    assignment = StaffAssignmentFactory()
    SupervisedPersonFactory(
        judicial_office=assignment.judicial_office,
        caseworkers=[assignment.user],
        family_name="=cmd|' /C calc'!A0",
    )
    client.force_login(assignment.user)
    body = client.get("/casework/persons/export.csv").content.decode()
    assert "'=cmd" in body and ",=cmd" not in body
