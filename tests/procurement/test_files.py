"""Private files: the signed contract and delivery evidence open only for those who may read
them, through the kernel's checked and audited download."""

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from portal.audit.models import AuditEntry
from procurement.services import contract_attach
from procurement.services.ledger import delivery_record
from tests.factories.portal import PASSWORD

from .conftest import delivery_fields

PDF = b"%PDF-1.4 signed"


def _download(client, user, url: str):
    assert client.login(email=user.email, password=PASSWORD)
    return client.get(url)


@pytest.fixture
def attachment_url(world) -> str:
    upload = SimpleUploadedFile("合同.pdf", PDF, content_type="application/pdf")
    contract_attach(actor=world.manager, contract=world.contract, upload=upload)
    return reverse("procurement:contract_attachment", args=[world.contract.pk])


@pytest.fixture
def evidence_url(world) -> str:
    upload = SimpleUploadedFile("签到表.pdf", PDF, content_type="application/pdf")
    delivery = delivery_record(
        actor=world.staff,
        line=world.line,
        referral=world.referral,
        evidence=upload,
        **delivery_fields(),
    )
    return reverse("procurement:delivery_evidence", args=[delivery.pk])


@pytest.mark.parametrize("who", ["manager", "staff"])
def test_contract_parties_download_the_signed_contract_and_it_is_audited(
    client, world, attachment_url, who
):
    response = _download(client, getattr(world, who), attachment_url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert "no-store" in response["Cache-Control"]
    assert AuditEntry.objects.filter(
        action="procurement.contract_attachment_read", actor=getattr(world, who)
    ).exists()


@pytest.mark.parametrize("who", ["oversight", "other_staff", "manager_b", "caseworker_b"])
def test_others_do_not_get_the_signed_contract(client, world, attachment_url, who):
    response = _download(client, getattr(world, who), attachment_url)
    assert response.status_code == 404
    assert not AuditEntry.objects.filter(action="procurement.contract_attachment_read").exists()


@pytest.mark.parametrize("who", ["staff", "caseworker", "manager"])
def test_delivery_readers_download_the_evidence_and_it_is_audited(client, world, evidence_url, who):
    response = _download(client, getattr(world, who), evidence_url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert AuditEntry.objects.filter(
        action="procurement.delivery_evidence_read", actor=getattr(world, who)
    ).exists()


@pytest.mark.parametrize("who", ["oversight", "other_staff", "manager_b", "caseworker_b"])
def test_others_do_not_get_the_delivery_evidence(client, world, evidence_url, who):
    response = _download(client, getattr(world, who), evidence_url)
    assert response.status_code == 404
    assert not AuditEntry.objects.filter(action="procurement.delivery_evidence_read").exists()


def test_anonymous_visitors_get_no_file(client, world, attachment_url, evidence_url):
    for url in (attachment_url, evidence_url):
        assert client.get(url).status_code == 302
    assert not AuditEntry.objects.filter(action__endswith="_read").exists()
