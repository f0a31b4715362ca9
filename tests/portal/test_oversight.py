"""Oversight users of every kind read their jurisdiction's reports and audit trail and change
nothing anywhere; named case reviews open one case for a reason and a period, audited."""

import hashlib
from datetime import timedelta

import pytest

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from casework.selectors import persons_visible_to
from portal.accounts.models import OversightKind, Role, User
from portal.audit.models import AuditEntry, CaseReviewGrant
from portal.audit.services import (
    audit_record,
    case_review_grant,
    case_review_read_record,
    case_review_revoke,
    case_reviews_expire,
)
from tests.factories.casework import SupervisedPersonFactory
from tests.factories.portal import (
    CorrectionsAgencyFactory,
    OrganizationFactory,
    jurisdiction,
    user_with_role,
)
from tests.test_privacy_sweep import _client, sweep_urls, world  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

UNWATCHED = {"audit", "sessions", "django_tasks_db", "django_cache"}
POSTED = ({}, {"action": "accept", "reason": "检察监督", "note": "x", "to_status": "approved"})


def _fingerprint() -> dict[str, str]:
    """A hash of every row of every table the application writes, except the audit log."""
    prints = {}
    for model in apps.get_models():
        if model._meta.app_label in UNWATCHED or model._meta.proxy:
            continue
        rows = model._default_manager.order_by("pk").values_list()
        prints[model._meta.label] = hashlib.sha256(repr(list(rows)).encode()).hexdigest()
    return prints


def _changed(before: dict[str, str]) -> list[str]:
    after = _fingerprint()
    return sorted(label for label, value in after.items() if before.get(label) != value)


def test_oversight_of_every_kind_changes_nothing_at_any_url(world):  # noqa: F811
    exercised, _skipped = sweep_urls(world)
    urls = [url for found in exercised.values() for url in found] + ["/admin/", "/django-admin/"]
    assert len(urls) > 80
    for kind in OversightKind.values:
        client = _client(user_with_role(Role.OVERSIGHT, kind=kind))
        before = _fingerprint()
        statuses = {}
        for url in urls:
            statuses[url] = client.get(url).status_code
            for data in POSTED:
                client.post(url, data)
        assert _changed(before) == [], kind
        assert all(status < 500 for status in statuses.values()), kind
        assert statuses[reverse("audit:list")] == 200


@pytest.fixture
def zhongyuan():
    return CorrectionsAgencyFactory(jurisdiction=jurisdiction("410102"))


@pytest.fixture
def manager(zhongyuan):
    return user_with_role(Role.AGENCY_MANAGER, agency=zhongyuan)


@pytest.fixture
def procurator():
    """A procuratorate of Zhengzhou, whose city holds the Zhongyuan district."""
    return user_with_role(Role.OVERSIGHT, jurisdiction=jurisdiction("410100"))


@pytest.fixture
def person(zhongyuan):
    return SupervisedPersonFactory(judicial_office__agency=zhongyuan)


def _grant(manager, procurator, person, days=7):
    return case_review_grant(
        actor=manager,
        grantee=procurator,
        case_code=person.referral_code,
        reason="检察建议核查",
        ends_at=timezone.now() + timedelta(days=days),
    )


def test_oversight_reads_the_audit_trail_of_its_own_jurisdiction_only(client, procurator):
    audit_record(actor=None, action="organization.update", obj=OrganizationFactory())
    luoyang = OrganizationFactory(jurisdiction=jurisdiction("410311"))
    audit_record(actor=None, action="organization.update", obj=luoyang)
    client.force_login(procurator)
    rows = client.get(reverse("audit:list")).context["rows"]
    places = {row["entry"].jurisdiction_code for row in rows if row["entry"].jurisdiction_code}
    assert places == {"410102"}


def test_oversight_without_a_body_reads_nothing(client):
    from tests.factories.portal import UserFactory

    audit_record(actor=None, action="organization.update", obj=OrganizationFactory())
    client.force_login(UserFactory(role=Role.OVERSIGHT))
    assert list(client.get(reverse("audit:list")).context["rows"]) == []


def test_without_a_grant_oversight_sees_no_person(procurator, person):
    assert not persons_visible_to(procurator).exists()


def test_a_grant_opens_one_case_and_every_read_is_audited(client, manager, procurator, person):
    other = SupervisedPersonFactory(judicial_office=person.judicial_office)
    grant = _grant(manager, procurator, person)
    assert list(persons_visible_to(procurator)) == [person]
    client.force_login(procurator)
    response = client.get(reverse("casework:case_review", args=[person.referral_code]))
    assert response.status_code == 200 and person.family_name in response.content.decode()
    assert (
        client.get(reverse("casework:case_review", args=[other.referral_code])).status_code == 404
    )
    entries = AuditEntry.objects.filter(object_type="audit.casereviewgrant")
    assert [e.action for e in entries.order_by("sequence")] == [
        "case_review.grant",
        "case_review.read",
    ]
    read = entries.get(action="case_review.read")
    assert read.actor == procurator and read.detail["grant"] == grant.pk
    assert read.jurisdiction_code == "410102"


def test_a_grant_never_opens_a_sealed_record(manager, procurator, zhongyuan):
    sealed = SupervisedPersonFactory(judicial_office__agency=zhongyuan, is_juvenile=True)
    _grant(manager, procurator, sealed)
    assert not persons_visible_to(procurator).exists()


def test_a_grant_for_another_agencys_code_opens_nothing(manager, procurator):
    erqi = CorrectionsAgencyFactory(jurisdiction=jurisdiction("410103"))
    elsewhere = SupervisedPersonFactory(judicial_office__agency=erqi)
    _grant(manager, procurator, elsewhere)
    assert not persons_visible_to(procurator).exists()


def test_an_expired_grant_closes_the_case_and_its_expiry_is_audited_once(
    manager, procurator, person
):
    grant = _grant(manager, procurator, person)
    CaseReviewGrant.objects.filter(pk=grant.pk).update(
        starts_at=timezone.now() - timedelta(days=3), ends_at=timezone.now() - timedelta(days=1)
    )
    assert not persons_visible_to(procurator).exists()
    with pytest.raises(PermissionDenied):
        case_review_read_record(actor=procurator, case_code=person.referral_code)
    assert case_reviews_expire() == 1 and case_reviews_expire() == 0
    call_command("case_reviews_expire", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert AuditEntry.objects.filter(action="case_review.expire").count() == 1


def test_a_withdrawn_grant_closes_the_case(manager, procurator, person):
    grant = _grant(manager, procurator, person)
    case_review_revoke(actor=manager, grant=grant)
    assert not persons_visible_to(procurator).exists()
    assert AuditEntry.objects.filter(action="case_review.revoke").exists()


def test_only_managers_grant_and_only_to_oversight_of_their_place(manager, procurator, person):
    with pytest.raises(PermissionDenied):
        _grant(user_with_role(Role.CASEWORKER), procurator, person)
    with pytest.raises(ValidationError):
        _grant(manager, user_with_role(Role.CASEWORKER), person)
    luoyang = user_with_role(Role.OVERSIGHT, jurisdiction=jurisdiction("410300"))
    with pytest.raises(ValidationError):
        _grant(manager, luoyang, person)
    assert not CaseReviewGrant.objects.exists()


def test_the_grant_screen_grants_with_a_reason_and_a_period(client, manager, procurator, person):
    client.force_login(manager)
    url = reverse("audit:case_reviews")
    until = (timezone.localdate() + timedelta(days=5)).isoformat()
    data = {"grantee": procurator.pk, "case_code": person.referral_code, "until": until}
    assert client.post(url, {**data, "reason": ""}).status_code == 400
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    assert client.post(url, {**data, "reason": "核查", "until": yesterday}).status_code == 400
    assert not CaseReviewGrant.objects.exists()
    assert client.post(url, {**data, "reason": "核查"}).status_code == 302
    grant = CaseReviewGrant.objects.get()
    assert grant.agency == person.agency and grant.reason == "核查"
    assert timezone.localtime(grant.ends_at).date() == timezone.localdate() + timedelta(days=6)


def test_a_manager_withdraws_only_the_own_agencys_grants(client, manager, procurator, person):
    grant = _grant(manager, procurator, person)
    stranger = user_with_role(
        Role.AGENCY_MANAGER, agency=CorrectionsAgencyFactory(jurisdiction=jurisdiction("410103"))
    )
    client.force_login(stranger)
    assert client.post(reverse("audit:case_review_revoke", args=[grant.pk])).status_code == 404
    client.force_login(manager)
    assert client.post(reverse("audit:case_review_revoke", args=[grant.pk])).status_code == 302
    grant.refresh_from_db()
    assert grant.revoked_at is not None


def test_oversight_lists_its_grants(client, manager, procurator, person):
    _grant(manager, procurator, person)
    client.force_login(procurator)
    response = client.get(reverse("audit:my_case_reviews"))
    assert person.referral_code in response.content.decode()


def test_an_administrator_creates_an_oversight_account_with_its_body_and_place(client):
    from tests.factories.portal import UserFactory

    client.force_login(UserFactory(is_superuser=True, role=""))
    data = {
        "last_name": "钱",
        "first_name": "监督",
        "email": "renda@example.cn",
        "role": Role.OVERSIGHT,
        "oversight_kind": OversightKind.PEOPLES_CONGRESS,
        "oversight_jurisdiction": jurisdiction("410100").pk,
    }
    missing = {**data, "oversight_jurisdiction": ""}
    assert client.post(reverse("accounts:staff_create"), missing).status_code == 200
    assert client.post(reverse("accounts:staff_create"), data).status_code == 302
    profile = User.objects.get(email="renda@example.cn").oversight_profile
    assert profile.kind == OversightKind.PEOPLES_CONGRESS and profile.jurisdiction.code == "410100"
    assert AuditEntry.objects.filter(action="oversight_profile.set").exists()


def test_managers_are_not_offered_oversight_fields(client, manager):
    client.force_login(manager)
    form = client.get(reverse("accounts:staff_create")).context["form"]
    assert "oversight_kind" not in form.fields
