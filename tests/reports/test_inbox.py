"""The committee's inbox: each member unit gets the quarter's report once, with its sections."""

from datetime import date

import pytest

from django.core import mail
from django.core.management import call_command

from reports.models import ReportDelivery
from reports.periods import quarter
from reports.services import report_deliver
from tests.reports.conftest import oversight_user

pytestmark = pytest.mark.django_db


def test_each_unit_gets_its_own_sections_once_with_an_email(django_capture_on_commit_callbacks):
    labour = oversight_user("human_resources", "410100")
    procurator = oversight_user("procuratorate", "410000")

    with django_capture_on_commit_callbacks(execute=True):
        assert report_deliver(period=quarter(2026, 2)) == 2
    assert report_deliver(period=quarter(2026, 2)) == 0

    assert ReportDelivery.objects.get(recipient=labour).sections == ["employment"]
    assert "persons" in ReportDelivery.objects.get(recipient=procurator).sections
    assert len(mail.outbox) == 2


def test_a_unit_reads_only_its_own_deliveries_and_sections(client):
    labour = oversight_user("human_resources", "410100")
    other = oversight_user("public_security", "410100")
    report_deliver(period=quarter(2026, 2))
    mine = ReportDelivery.objects.get(recipient=labour)
    client.force_login(labour)

    page = client.get(f"/reports/inbox/{mine.pk}/").content.decode()
    theirs = ReportDelivery.objects.get(recipient=other)

    assert "就业安置与稳岗" in page
    main = page.split("<main")[1].split("</main>")[0]
    assert "社区矫正对象" not in main
    assert client.get(f"/reports/inbox/{theirs.pk}/").status_code == 404


def test_the_command_delivers_the_yearly_report_to_the_peoples_congress():
    congress = oversight_user("peoples_congress", "410000")
    oversight_user("procuratorate", "410000")

    call_command("reports_deliver", "--year", "2025")

    delivery = ReportDelivery.objects.get()
    assert delivery.recipient == congress
    assert (delivery.period_start, delivery.period_end) == (date(2025, 1, 1), date(2025, 12, 31))
