"""The audit screens speak the reader's language: sentences, object names, labelled details."""

import csv
import io
import re
from pathlib import Path

import pytest

from django.urls import reverse
from django.utils import translation

from portal.accounts.models import Role
from portal.audit.actions import ACTIONS, action_label, detail_fields, object_type_label
from portal.audit.models import AuditEntry
from portal.audit.services import audit_record
from tests.factories.portal import OrganizationFactory, UserFactory, user_with_role

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
APPS = ["portal", "casework", "employment", "volunteers", "services_catalog", "matching", "cms"]
APPS += ["procurement", "reports"]
LITERAL = re.compile(r"""action=["']([a-z_]+\.[a-z_.]+)["']""")
HELPER = re.compile(r"""_audit_\w+\([^)]*?["']([a-z_]+\.[a-z_.]+)["']""", re.S)


def _codes_in_source() -> set[str]:
    codes: set[str] = set()
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            text = path.read_text(encoding="utf-8")
            if "audit_record" not in text and "_audit_" not in text:
                continue
            codes |= set(LITERAL.findall(text)) | set(HELPER.findall(text))
    return codes


def test_every_action_code_in_the_code_base_has_a_label():
    codes = _codes_in_source()
    assert "casework.person.read" in codes and "audit.export" in codes
    assert sorted(codes - set(ACTIONS)) == []


def test_dynamic_codes_have_a_label_for_every_state():
    from casework.models.reviews import ChangeKind
    from casework.services import REVIEW_TRANSITIONS
    from employment.vocabulary import ApplicationState, FollowUpOutcome
    from matching.models import TRANSITIONS
    from portal.accounts.receivers import MFA_EVENTS
    from procurement.models.contracts import CONTRACT_TRANSITIONS
    from procurement.models.ledger import INVOICE_TRANSITIONS
    from reports.services import OPINION_STEPS
    from volunteers.models import HoursStatus, SignUpStatus

    codes = {f"casework.referral.{name}" for name in TRANSITIONS}
    codes |= {f"employment.application.{state}" for state in ApplicationState.values}
    codes |= {f"employment.follow_up.{outcome}" for outcome in FollowUpOutcome.values}
    codes |= {f"volunteer.hours_{status}" for status in HoursStatus.values}
    codes |= {f"volunteer.signup_{status}" for status in SignUpStatus.values}
    codes |= {f"organization.{name}" for name in ("verify", "reject", "resubmit")}
    codes |= {f"casework.{kind}.request" for kind in ChangeKind.values}
    codes |= {
        f"casework.{kind}.{action}"
        for kind in [*ChangeKind.values, "duplicate"]
        for (_state, action) in REVIEW_TRANSITIONS
    }
    codes |= {f"account.{name}" for name in ("login", "login_failed", "lockout")}
    codes |= {f"account.{name}" for name in MFA_EVENTS.values()}
    codes |= {f"procurement.invoice_{name}" for name in INVOICE_TRANSITIONS}
    codes |= {f"procurement.contract_{name}" for name in CONTRACT_TRANSITIONS}
    codes |= {f"reports.opinion.{name}" for name in OPINION_STEPS}
    assert sorted(codes - set(ACTIONS)) == []


def test_actions_read_as_translated_sentences():
    with translation.override("zh-hans"):
        assert action_label("organization.verify") == "审核通过机构"
    with translation.override("en"):
        assert action_label("organization.verify") == "Verified an organization"


def test_an_unknown_code_falls_back_to_words():
    with translation.override("en"):
        assert action_label("procurement.invoice_paid") == "Procurement · invoice paid"


def test_object_types_read_as_model_names():
    with translation.override("en"):
        assert object_type_label("organizations.organization") == "organization"
        assert object_type_label("nothing.here") == "Nothing · here"


def test_details_are_labelled_fields_known_first():
    with translation.override("en"):
        fields = detail_fields({"zeta": 1, "reason": "错误", "sealed": True})
    assert fields == [("Reason", "错误"), ("Sealed juvenile record", "yes"), ("Zeta", "1")]


def test_the_screen_shows_sentences_names_and_details(english, settings):
    audit_record(
        actor=UserFactory(email="m@example.cn"),
        action="organization.reject",
        obj=OrganizationFactory(name="阳光社工"),
        detail={"reason": "证书不清晰"},
    )
    english.force_login(user_with_role(Role.OVERSIGHT))
    html = english.get(reverse("audit:list")).content.decode()
    assert "Rejected an organization&#x27;s registration" in html
    assert "阳光社工" in html and "Reason" in html and "证书不清晰" in html
    assert "organization.reject" not in html.split("<table", 1)[1]


def test_the_csv_has_one_column_per_detail_field(english):
    audit_record(actor=None, action="volunteer.screening", detail={"from": "applied", "to": "x"})
    audit_record(actor=None, action="volunteer.hours_rejected", detail={"hours": "2.5"})
    english.force_login(user_with_role(Role.OVERSIGHT))
    response = english.get(reverse("audit:export"))
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(content)))
    screening = next(row for row in rows if row["Action code"] == "volunteer.screening")
    assert screening["From"] == "applied" and screening["To"] == "x" and screening["Hours"] == ""
    assert screening["Action"] == "Moved a volunteer through screening"


def test_a_formula_in_an_object_name_is_not_live_in_the_csv(client):
    audit_record(actor=None, action="organization.update", object_repr='=HYPERLINK("x")')
    client.force_login(user_with_role(Role.OVERSIGHT))
    content = b"".join(client.get(reverse("audit:export")).streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK" in content


def test_browsing_the_log_is_itself_audited(client):
    reader = user_with_role(Role.OVERSIGHT)
    client.force_login(reader)
    client.get(reverse("audit:list"), {"action": "organization.verify"})
    entry = AuditEntry.objects.get(action="audit.list")
    assert entry.actor == reader and entry.detail == {"action": "organization.verify"}


def test_the_screen_does_not_grow_in_queries_with_its_length(client, django_assert_max_num_queries):
    client.force_login(user_with_role(Role.OVERSIGHT))
    for number in range(3):
        audit_record(actor=UserFactory(), action="casework.person.read", detail={"n": number})
    # The first request of a site also creates its menu and footer settings (which changes the
    # public generation, so the next request reads the frame again): not what is measured here.
    client.get(reverse("audit:list"))
    client.get(reverse("audit:list"))
    with django_assert_max_num_queries(25) as few:
        client.get(reverse("audit:list"))
    for number in range(40):
        audit_record(actor=UserFactory(), action="casework.person.read", detail={"n": number})
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("audit:list"))
