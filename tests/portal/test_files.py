"""The private storage and its one serving helper."""

import pytest

from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.http import Http404
from django.test import RequestFactory

from portal.audit.models import AuditEntry
from portal.files import (
    PrivateFileSystemStorage,
    PrivateUploadTo,
    serve_private_file,
)
from portal.organizations.models import Organization
from tests.factories.portal import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_private_names_are_random_and_keep_only_the_extension():
    upload_to = PrivateUploadTo("volunteers/documents")
    first = upload_to(None, "张三 身份证.PDF")
    second = upload_to(None, "张三 身份证.PDF")
    assert first != second
    assert first.startswith("volunteers/documents/") and first.endswith(".pdf")
    assert "张三" not in first and "身份证" not in first
    assert upload_to(None, "no-extension").count(".") == 0
    assert upload_to(None, "evil.p/../hp").count("..") == 0


def test_private_storage_refuses_a_folder_inside_media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    with pytest.raises(ImproperlyConfigured):
        PrivateFileSystemStorage(location=tmp_path / "media" / "private")
    storage = PrivateFileSystemStorage(location=tmp_path / "private")
    with pytest.raises(ValueError, match="no URL"):
        storage.url("anything.pdf")


def test_certificates_and_screening_documents_use_the_private_storage():
    from volunteers.models import ScreeningDocument

    for model, name in ((Organization, "registration_certificate"), (ScreeningDocument, "file")):
        field = model._meta.get_field(name)
        assert field.storage is storages["private"]
        assert field.storage is not storages["default"]


@pytest.fixture
def certificate_file():
    organization = OrganizationFactory()
    organization.registration_certificate.save("证书.pdf", ContentFile(b"%PDF-1.4 x"), save=False)
    organization.certificate_name = "证书.pdf"
    organization.certificate_content_type = "application/pdf"
    organization.save()
    return organization


def request_by(user):
    request = RequestFactory().get("/anything/", REMOTE_ADDR="10.1.2.3")
    request.user = user
    return request


def serve(organization, user, allowed=True):
    return serve_private_file(
        request_by(user),
        file=organization.registration_certificate,
        filename=organization.certificate_name,
        content_type=organization.certificate_content_type,
        allowed=allowed,
        action="organization.certificate_read",
        obj=organization,
    )


def test_served_file_is_an_uncached_attachment_and_audited(certificate_file):
    reader = UserFactory()
    response = serve(certificate_file, reader)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 x"
    assert response["Cache-Control"] == "no-store, private"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    entry = AuditEntry.objects.get(action="organization.certificate_read")
    assert entry.actor == reader and entry.object_id == str(certificate_file.pk)


def test_refused_reader_gets_404_and_no_audit_row(certificate_file):
    with pytest.raises(Http404):
        serve(certificate_file, UserFactory(), allowed=False)
    assert not AuditEntry.objects.filter(action="organization.certificate_read").exists()


def test_a_record_without_a_file_is_404():
    with pytest.raises(Http404):
        serve(OrganizationFactory(), UserFactory())


def test_x_accel_redirect_hands_the_file_to_nginx(certificate_file, settings):
    settings.PRIVATE_MEDIA_SERVE = "x-accel-redirect"
    settings.PRIVATE_MEDIA_INTERNAL_URL = "/private-media/"
    response = serve(certificate_file, UserFactory())
    name = Organization.objects.get().registration_certificate.name
    assert response["X-Accel-Redirect"] == f"/private-media/{name}"
    assert response.content == b""
    assert response["Cache-Control"] == "no-store, private"
    assert "attachment" in response["Content-Disposition"]


def test_x_sendfile_gives_the_web_server_the_path(settings, tmp_path):
    settings.PRIVATE_MEDIA_SERVE = "x-sendfile"
    organization = OrganizationFactory()
    storage = PrivateFileSystemStorage(location=tmp_path / "private")
    name = storage.save("organizations/certificates/abc.pdf", ContentFile(b"%PDF-1.4"))
    organization.registration_certificate.storage = storage
    organization.registration_certificate.name = name
    response = serve(organization, UserFactory())
    assert response["X-Sendfile"] == str(tmp_path / "private" / name)


def test_an_unknown_serve_mode_is_a_configuration_error(certificate_file, settings):
    settings.PRIVATE_MEDIA_SERVE = "nginx"
    with pytest.raises(ImproperlyConfigured):
        serve(certificate_file, UserFactory())
