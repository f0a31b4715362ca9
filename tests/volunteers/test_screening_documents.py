"""Screening documents live in the private storage, reachable only through the checked view."""

import importlib

import pytest

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from portal.audit.models import AuditEntry
from portal.files import PrivateFileSystemStorage
from tests.factories.portal import PASSWORD
from tests.factories.volunteers import PDF_BYTES, ScreeningDocumentFactory
from volunteers.models import ScreeningDocument

pytestmark = pytest.mark.django_db

migration = importlib.import_module("volunteers.migrations.0002_private_documents")


@pytest.fixture
def on_disk(settings, tmp_path, monkeypatch):
    """Public media and private files in two real folders, /media/ served as under DEBUG."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ROOT_URLCONF = "tests.volunteers.media_urls"
    private = PrivateFileSystemStorage(location=tmp_path / "private")
    monkeypatch.setattr(ScreeningDocument._meta.get_field("file"), "storage", private)
    return FileSystemStorage(location=tmp_path / "media"), private


def upload(client, volunteer):
    client.login(email=volunteer.user.email, password=PASSWORD)
    pdf = SimpleUploadedFile("identity.pdf", PDF_BYTES, "application/pdf")
    client.post(reverse("volunteers:document_upload"), {"kind": "identity", "file": pdf})
    return ScreeningDocument.objects.get(volunteer=volunteer)


def test_an_upload_is_stored_privately_under_a_random_name(client, volunteer, on_disk):
    public, private = on_disk
    document = upload(client, volunteer)
    assert document.original_name == "identity.pdf"
    assert document.file.name.startswith("volunteers/documents/")
    assert "identity" not in document.file.name
    assert private.exists(document.file.name)
    assert not public.exists(document.file.name)


def test_media_url_of_a_private_file_is_404_and_only_the_checked_view_serves_it(
    client, volunteer, manager, on_disk
):
    document = upload(client, volunteer)
    public, _private = on_disk
    public.save("cms/public.txt", ContentFile(b"public"))
    assert client.get("/media/cms/public.txt").status_code == 200  # /media/ is really served
    assert client.get(f"/media/{document.file.name}").status_code == 404
    assert client.get(f"/media/volunteers/documents/{document.original_name}").status_code == 404

    client.login(email=manager.email, password=PASSWORD)
    response = client.get(reverse("volunteers:document_download", args=[document.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"].startswith("attachment;")
    read = AuditEntry.objects.get(action="volunteer.document_read")
    assert read.actor == manager and read.detail == {"document": document.pk}


def test_another_volunteer_gets_404_and_leaves_no_read_in_the_audit(client, volunteer, on_disk):
    document = upload(client, volunteer)
    other = ScreeningDocumentFactory().volunteer.user
    client.login(email=other.email, password=PASSWORD)
    response = client.get(reverse("volunteers:document_download", args=[document.pk]))
    assert response.status_code == 404
    assert not AuditEntry.objects.filter(action="volunteer.document_read").exists()


def test_migration_moves_public_documents_to_private_random_names(volunteer):
    public, private = storages["default"], storages["private"]
    old_name = public.save("volunteers/documents/2026/05/identity.pdf", ContentFile(PDF_BYTES))
    document = ScreeningDocumentFactory(volunteer=volunteer)
    ScreeningDocument.objects.filter(pk=document.pk).update(file=old_name)

    migration.to_private(apps, None)

    moved = ScreeningDocument.objects.get(pk=document.pk).file.name
    assert moved != old_name and moved.startswith("volunteers/documents/")
    assert "identity" not in moved
    assert private.open(moved).read() == PDF_BYTES
    assert not public.exists(old_name)
    migration.to_private(apps, None)
    assert ScreeningDocument.objects.get(pk=document.pk).file.name == moved
