"""Screens: who may open what, lists whose queries do not grow, exports read back, print pages."""

import io
import re
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from django.urls import reverse

from portal.audit.models import AuditEntry
from portal.organizations.models import CorrectionsAgency, Jurisdiction, JurisdictionLevel
from procurement.models import AgencyBudget, Contract, InvoiceState, PerCapitaStandard
from procurement.services.ledger import invoice_generate, invoice_submit
from procurement.views import contracts
from tests.factories.portal import PASSWORD, CorrectionsAgencyFactory
from tests.factories.procurement import ContractFactory, ContractLineFactory, DeliveryFactory

MARCH = date(2026, 3, 1)


def login(client, user):
    assert client.login(email=user.email, password=PASSWORD)
    return client


@pytest.fixture
def invoice(world):
    for day in (2, 3, 4):
        DeliveryFactory(line=world.line, referral=world.referral, delivered_on=date(2026, 3, day))
    invoice = invoice_generate(actor=world.staff, contract=world.contract, period=MARCH)
    return invoice_submit(actor=world.staff, invoice=invoice)


@pytest.mark.parametrize("who", ["manager", "staff", "oversight"])
def test_contract_readers_see_the_contract(client, world, who):
    response = login(client, getattr(world, who)).get(
        reverse("procurement:contract_detail", args=[world.contract.pk])
    )
    assert response.status_code == 200
    assert world.contract.number in response.text


@pytest.mark.parametrize("who", ["other_staff", "manager_b", "caseworker_b"])
def test_strangers_do_not_find_the_contract(client, world, who):
    response = login(client, getattr(world, who)).get(
        reverse("procurement:contract_detail", args=[world.contract.pk])
    )
    assert response.status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, world):
    response = client.get(reverse("procurement:contract_list"))
    assert response.status_code == 302


@pytest.mark.parametrize("who", ["oversight", "staff", "manager_b"])
def test_only_the_manager_may_apply_contract_steps(client, world, who):
    response = login(client, getattr(world, who)).post(
        reverse("procurement:contract_step", args=[world.contract.pk, "close"])
    )
    assert response.status_code in (403, 404)
    world.contract.refresh_from_db()
    assert world.contract.state == "active"


def test_manager_closes_the_contract_from_its_page(client, world):
    response = login(client, world.manager).post(
        reverse("procurement:contract_step", args=[world.contract.pk, "close"])
    )
    assert response.status_code == 302
    world.contract.refresh_from_db()
    assert world.contract.state == "closed"


def test_oversight_cannot_review_an_invoice(client, world, invoice):
    line = invoice.lines.first()
    response = login(client, world.oversight).post(
        reverse("procurement:invoice_review", args=[invoice.pk]), {f"reject_{line.pk}": "x"}
    )
    assert response.status_code == 403
    invoice.refresh_from_db()
    assert invoice.state == InvoiceState.SUBMITTED


def test_manager_rejects_a_line_from_the_invoice_page(client, world, invoice):
    line = invoice.lines.order_by("pk").first()
    login(client, world.manager).post(
        reverse("procurement:invoice_review", args=[invoice.pk]), {f"reject_{line.pk}": "重复记录"}
    )
    invoice.refresh_from_db()
    line.refresh_from_db()
    assert (invoice.state, line.status, invoice.total) == (
        "approved",
        "rejected",
        Decimal("400.00"),
    )


def test_payment_with_a_reversed_or_missing_date_gives_a_message_and_changes_nothing(
    client, world, invoice
):
    client = login(client, world.manager)
    client.post(reverse("procurement:invoice_review", args=[invoice.pk]), {})
    response = client.post(
        reverse("procurement:invoice_pay", args=[invoice.pk]),
        {"paid_on": "not a date", "treasury_reference": "GK"},
        follow=True,
    )
    invoice.refresh_from_db()
    assert invoice.state == InvoiceState.APPROVED
    assert "有效" in response.text  # Django's translated "Enter a valid date."


def test_contract_form_refuses_dates_the_wrong_way_round_in_chinese(client, world):
    response = login(client, world.manager).post(
        reverse("procurement:contract_create"),
        {
            "number": "ZY-X", "title": "x", "organization": world.provider.pk, "budget_year": 2026,
            "funding_source": "general_budget", "ceiling": "abc", "start_date": "2026-12-31",
            "end_date": "2026-01-01",
        },
    )  # fmt: skip
    assert response.status_code == 200
    assert not Contract.objects.filter(number="ZY-X").exists()
    assert "结束日期不得早于开始日期" in response.text
    assert "输入一个数字" in response.text


def test_contract_form_gives_each_refusal_once(client, world):
    response = login(client, world.manager).post(
        reverse("procurement:contract_create"),
        {
            "number": "ZY-Y", "title": "x", "organization": world.provider.pk, "budget_year": 2026,
            "funding_source": "general_budget", "ceiling": "100", "start_date": "2026-12-31",
            "end_date": "2026-01-01",
        },
    )  # fmt: skip
    assert response.text.count("结束日期不得早于开始日期") == 1
    assert not Contract.objects.filter(number="ZY-Y").exists()


def test_service_item_with_neither_offer_nor_category_is_refused_once_in_chinese(client, world):
    contract = ContractFactory(agency=world.agency_a, organization=world.provider, state="draft")
    response = login(client, world.manager).post(
        reverse("procurement:line_create", args=[contract.pk]),
        {"description": "x", "unit": "session", "unit_price": "10", "max_quantity": "1"},
    )
    assert response.status_code == 200
    assert response.text.count("请选择一个服务项目或一个服务类别") == 1
    assert not contract.lines.exists()


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_invoice_export_reads_back_and_is_audited(client, world, invoice, fmt):
    response = login(client, world.manager).get(
        reverse("procurement:invoice_list"), {"format": fmt}
    )
    assert response.status_code == 200
    if fmt == "xlsx":
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = list(sheet.iter_rows(values_only=True))
        assert rows[1][0] == invoice.number
        assert Decimal(str(rows[1][4])) == Decimal("600.00")
    else:
        assert invoice.number in response.content.decode("utf-8-sig")
    assert AuditEntry.objects.filter(action="procurement.invoices_export").exists()


def test_formula_like_text_is_not_a_formula_in_the_xlsx(client, world):
    Contract.objects.filter(pk=world.contract.pk).update(title='=HYPERLINK("http://x","y")')
    response = login(client, world.manager).get(
        reverse("procurement:contract_list"), {"format": "xlsx"}
    )
    cell = load_workbook(io.BytesIO(response.content)).active["B2"]
    assert cell.data_type == "s"
    assert cell.value.startswith("=HYPERLINK")


def test_invoice_lines_export_reads_back(client, world, invoice):
    response = login(client, world.staff).get(
        reverse("procurement:invoice_detail", args=[invoice.pk]), {"format": "xlsx"}
    )
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert len(rows) == 4
    assert {row[2] for row in rows[1:]} == {world.referral.person_code}


def test_printable_invoice_and_contract_summary(client, world, invoice):
    client = login(client, world.manager)
    invoice_page = client.get(reverse("procurement:invoice_print", args=[invoice.pk]))
    contract_page = client.get(reverse("procurement:contract_print", args=[world.contract.pk]))
    assert invoice.number in invoice_page.text and "600.00" in invoice_page.text
    assert "procurement/procurement.css" in contract_page.text
    assert world.contract.number in contract_page.text
    for page in (invoice_page, contract_page):  # the kernel's print button, one handler
        assert 'data-action="print"' in page.text and "portal/js/print.js" in page.text


def test_budget_page_shows_the_numbers_in_a_table_and_the_chart_data(client, world):
    response = login(client, world.manager).get(
        reverse("procurement:budget_detail", args=[world.agency_a.pk, 2026])
    )
    assert response.status_code == 200
    assert 'id="procurement-charts"' in response.text
    assert "portal/vendor/echarts/echarts.min.js" in response.text
    assert "2026-12" in response.text


def test_other_agencys_manager_cannot_open_the_budget_page(client, world):
    response = login(client, world.manager_b).get(
        reverse("procurement:budget_detail", args=[world.agency_a.pk, 2026])
    )
    assert response.status_code == 403


def _more_contracts(world, count: int) -> None:
    for _ in range(count):
        line = ContractLineFactory(
            contract=ContractFactory(agency=world.agency_a, organization=world.provider)
        )
        DeliveryFactory(line=line, referral=world.referral)
        line.contract.invoices.create(number=f"{line.contract.number}-1", period=MARCH)


@pytest.mark.parametrize(
    "name", ["procurement:contract_list", "procurement:delivery_list", "procurement:invoice_list"]
)
def test_list_queries_do_not_grow_with_the_list(client, world, django_assert_max_num_queries, name):
    client = login(client, world.manager)
    _more_contracts(world, 2)
    with django_assert_max_num_queries(30) as few:
        client.get(reverse(name))
    _more_contracts(world, 12)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse(name))


def test_caseworker_confirms_from_the_delivery_page(client, world):
    delivery = DeliveryFactory(line=world.line, referral=world.referral, state="recorded")
    client = login(client, world.caseworker)
    page = client.get(reverse("procurement:delivery_detail", args=[delivery.pk]))
    assert "确认" in page.text
    client.post(reverse("procurement:delivery_confirm", args=[delivery.pk]))
    delivery.refresh_from_db()
    assert delivery.state == "confirmed"


def test_caseworker_of_another_county_does_not_see_the_delivery(client, world):
    delivery = DeliveryFactory(line=world.line, referral=world.referral, state="recorded")
    response = login(client, world.caseworker_b).post(
        reverse("procurement:delivery_confirm", args=[delivery.pk])
    )
    assert response.status_code == 404
    delivery.refresh_from_db()
    assert delivery.state == "recorded"


def _delivery_post(world, **changes):
    data = {
        "referral": world.referral.pk, "line": world.line.pk, "delivered_on": "2026-03-02",
        "starts_at": "09:00", "ends_at": "10:00", "staff_name": "李老师", "place": "司法所",
        "notes": "",
    }  # fmt: skip
    return {**data, **changes}


def test_provider_records_a_delivery_from_the_screen(client, world):
    client = login(client, world.staff)
    url = reverse("procurement:delivery_create", args=[world.contract.pk])
    assert world.referral.person_code in client.get(url).text
    response = client.post(url, _delivery_post(world))
    assert response.status_code == 302
    assert world.contract.deliveries.get().state == "recorded"


def test_overlapping_delivery_on_the_screen_is_refused_in_chinese(client, world):
    client = login(client, world.staff)
    url = reverse("procurement:delivery_create", args=[world.contract.pk])
    client.post(url, _delivery_post(world))
    response = client.post(url, _delivery_post(world, starts_at="09:30", ends_at="10:30"))
    assert response.status_code == 200
    assert "该转介的另一条服务记录与此时间重叠" in response.text
    assert world.contract.deliveries.count() == 1


def test_staff_of_another_provider_cannot_open_the_delivery_form(client, world):
    response = login(client, world.other_staff).get(
        reverse("procurement:delivery_create", args=[world.contract.pk])
    )
    assert response.status_code == 404


def _more_agencies(count: int) -> None:
    counties = Jurisdiction.objects.filter(level=JurisdictionLevel.COUNTY).exclude(
        pk__in=CorrectionsAgency.objects.values("jurisdiction")
    )
    for county in list(counties.order_by("code")[:count]):
        agency = CorrectionsAgencyFactory(jurisdiction=county)
        ContractFactory(agency=agency)
        AgencyBudget.objects.create(
            agency=agency, year=2026, standard=Decimal("100.00"), average_persons=Decimal("10"),
            computed_amount=Decimal("1000.00"),
        )  # fmt: skip
        PerCapitaStandard.objects.create(
            jurisdiction=agency.jurisdiction, year=2026, amount=Decimal("100.00")
        )


@pytest.mark.parametrize("name", ["procurement:budget_list", "procurement:standard_list"])
def test_budget_queries_do_not_grow_with_the_agencies(
    client, world, django_assert_max_num_queries, name
):
    client = login(client, world.oversight)
    _more_agencies(1)
    with django_assert_max_num_queries(30) as few:
        assert client.get(reverse(name), {"year": 2026}).status_code == 200
    _more_agencies(49)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse(name), {"year": 2026})
    if name == "procurement:budget_list":  # world's two agencies and the 50 added
        assert len(re.findall(r"budgets/\d+/2026/\"", response.text)) == 52


def _submitted_invoice(world, days: int, month: int):
    for day in range(1, days + 1):
        DeliveryFactory(
            line=world.line, referral=world.referral, delivered_on=date(2026, month, day)
        )
    invoice = invoice_generate(
        actor=world.staff, contract=world.contract, period=date(2026, month, 1)
    )
    return invoice_submit(actor=world.staff, invoice=invoice)


def test_invoice_page_queries_do_not_grow_with_its_lines(
    client, world, django_assert_max_num_queries
):
    client = login(client, world.manager)
    short, long = _submitted_invoice(world, 2, 3), _submitted_invoice(world, 14, 4)
    with django_assert_max_num_queries(30) as few:
        assert client.get(reverse("procurement:invoice_detail", args=[short.pk])).status_code == 200
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("procurement:invoice_detail", args=[long.pk]))
    assert response.text.count('name="reject_') == 14


AMENDMENT = {
    "reason": "新增就业培训服务",
    "effective_date": "2026-03-01",
    "new-description": "就业技能培训",
    "new-category": "",
    "new-unit": "person_course",
    "new-unit_price": "800.00",
    "new-max_quantity": "10",
}


def test_manager_adds_a_service_item_by_amendment_on_the_screen(client, world, monkeypatch):
    monkeypatch.setattr(contracts, "provider_offers", lambda contract: [("service:4242", "培训班")])
    url = reverse("procurement:contract_amend", args=[world.contract.pk])
    response = login(client, world.manager).post(url, {**AMENDMENT, "new-offer": "service:4242"})
    assert response.status_code == 302
    line = world.contract.lines.get(offer_key="service:4242")
    assert (line.offer_title, line.unit_price) == ("培训班", Decimal("800.00"))
    assert world.contract.amendments.get().reason == "新增就业培训服务"
    page = client.get(reverse("procurement:contract_detail", args=[world.contract.pk]))
    assert f"服务内容 {line.pk}: 新增" in page.text


def test_amendment_screen_refuses_a_bad_item_in_chinese_and_changes_nothing(client, world):
    url = reverse("procurement:contract_amend", args=[world.contract.pk])
    response = login(client, world.manager).post(url, {**AMENDMENT, "new-unit_price": "8.005"})
    assert response.status_code == 200
    assert "请选择一个服务项目或一个服务类别" in response.text
    assert "确认小数不超过 2 位" in response.text
    assert world.contract.lines.count() == 1
    assert not world.contract.amendments.exists()


def test_amendment_without_a_new_item_does_not_ask_for_one(client, world):
    url = reverse("procurement:contract_amend", args=[world.contract.pk])
    response = login(client, world.manager).post(
        url, {"reason": "追加", "effective_date": "2026-03-01", "ceiling": "12000.00"}
    )
    assert response.status_code == 302
    world.contract.refresh_from_db()
    assert world.contract.ceiling == Decimal("12000.00")
    assert world.contract.lines.count() == 1
    page = client.get(reverse("procurement:contract_detail", args=[world.contract.pk]))
    assert "合同上限（元） 10000.00 → 12000.00" in page.text


@pytest.mark.parametrize("who", ["manager_b", "staff", "oversight", "caseworker"])
def test_only_the_agencys_manager_opens_the_amendment_screen(client, world, who):
    url = reverse("procurement:contract_amend", args=[world.contract.pk])
    response = login(client, getattr(world, who)).post(url, {**AMENDMENT, "new-category": "1"})
    assert response.status_code in {403, 404}
    assert world.contract.lines.count() == 1
    assert not world.contract.amendments.exists()


def test_screens_label_the_persons_pseudonymous_code_as_casework_does(client, world, invoice):
    client = login(client, world.manager)
    pages = [
        client.get(reverse("procurement:delivery_list")).text,
        client.get(reverse("procurement:invoice_detail", args=[invoice.pk])).text,
    ]
    for page in pages:
        assert "人员代码（化名）" in page and world.referral.person_code in page
        assert "转介编号" not in page


def test_delivery_list_filters_on_billed_derived_from_the_invoice_lines(client, world, invoice):
    unbilled = DeliveryFactory(
        line=world.line, referral=world.referral, delivered_on=date(2026, 4, 2)
    )
    client = login(client, world.manager)
    url = reverse("procurement:delivery_list")
    billed_page = client.get(url, {"is_billed": "true"}).text
    unbilled_page = client.get(url, {"is_billed": "false"}).text
    billed_link = reverse("procurement:delivery_detail", args=[invoice.lines.first().delivery_id])
    unbilled_link = reverse("procurement:delivery_detail", args=[unbilled.pk])
    assert billed_link in billed_page and unbilled_link not in billed_page
    assert unbilled_link in unbilled_page and billed_link not in unbilled_page
