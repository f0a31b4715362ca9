"""The registration certificate: uploaded at registration, private, read by the verifying agency."""

import pytest

from django.core.files.storage import storages
from django.urls import reverse

from portal.accounts.models import Role
from portal.audit.models import AuditEntry
from portal.organizations.models import Organization, VerificationStatus
from tests.factories.portal import MembershipFactory, user_with_role
from tests.portal.test_organizations import REGISTER, certificate, registration

pytestmark = pytest.mark.django_db


def test_registration_stores_the_certificate_privately_under_a_random_name(client):
    client.post(REGISTER, registration(certificate=certificate("营业执照 正本.pdf")))
    organization = Organization.objects.get()
    stored = organization.registration_certificate.name
    assert organization.certificate_name == "营业执照 正本.pdf"
    assert organization.certificate_content_type == "application/pdf"
    assert stored.startswith("organizations/certificates/") and "营业执照" not in stored
    assert storages["private"].exists(stored)
    assert not storages["default"].exists(stored)


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (None, "This field is required"),
        (certificate("certificate.docx", b"PK\x03\x04"), "Upload a PDF, JPG or PNG"),
        (certificate("certificate.pdf", b"MZ not a pdf"), "not a valid PDF"),
    ],
)
def test_registration_without_a_valid_certificate_saves_nothing(english, upload, message):
    data = registration()
    if upload is None:
        del data["certificate"]
    else:
        data["certificate"] = upload
    response = english.post(REGISTER, data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["certificate"])
    assert not Organization.objects.exists()


@pytest.fixture
def registered(client):
    client.post(REGISTER, registration())
    client.logout()
    return Organization.objects.get()


def test_the_verifying_manager_downloads_it_through_the_checked_view(client, registered):
    manager = user_with_role(Role.AGENCY_MANAGER)
    client.force_login(manager)
    detail = client.get(reverse("organizations:detail", args=[registered.pk])).content.decode()
    url = reverse("organizations:certificate", args=[registered.pk])
    assert url in detail
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 certificate"
    assert "no-store" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    entry = AuditEntry.objects.get(action="organization.certificate_read")
    assert entry.actor == manager and entry.object_id == str(registered.pk)


@pytest.mark.parametrize("role", [Role.PROVIDER_STAFF, Role.VOLUNTEER, Role.CASEWORKER])
def test_others_cannot_download_it(client, registered, role):
    client.force_login(user_with_role(role))
    response = client.get(reverse("organizations:certificate", args=[registered.pk]))
    assert response.status_code in (403, 404)
    assert not AuditEntry.objects.filter(action="organization.certificate_read").exists()


def test_anonymous_visitors_are_sent_to_login(client, registered):
    response = client.get(reverse("organizations:certificate", args=[registered.pk]))
    assert response.status_code == 302 and reverse("account_login") in response.url


def test_a_rejected_owner_replaces_the_certificate_and_the_old_file_goes(
    client, django_capture_on_commit_callbacks
):
    owner = MembershipFactory(
        organization__status=VerificationStatus.REJECTED,
        organization__rejection_reason="证书看不清",
    ).user
    organization = owner.memberships.get().organization
    client.force_login(owner)
    form = {
        field: getattr(organization, field)
        for field in ("kind", "name", "credit_code", "legal_representative", "address", "phone")
    }
    form |= {"jurisdiction": organization.jurisdiction_id, "description": "服务说明"}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("organizations:edit", args=[organization.pk]),
            form | {"certificate": certificate("first.pdf")},
        )
    first = Organization.objects.get(pk=organization.pk).registration_certificate.name
    Organization.objects.filter(pk=organization.pk).update(
        status=VerificationStatus.REJECTED, rejection_reason="还是看不清"
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("organizations:edit", args=[organization.pk]),
            form | {"certificate": certificate("second.pdf", b"%PDF-1.4 second")},
        )
    organization.refresh_from_db()
    assert organization.certificate_name == "second.pdf"
    assert organization.status == VerificationStatus.UNVERIFIED
    assert storages["private"].open(organization.registration_certificate.name).read() == (
        b"%PDF-1.4 second"
    )
    assert not storages["private"].exists(first)
