"""Private files: one storage that no URL maps to, and one helper that checks, audits and serves.

Identity documents, certificates, contracts and evidence never go to MEDIA_ROOT. A model keeps
such a file like this (the storage is looked up by its STORAGES alias ``"private"``, so an
S3-compatible django-storages backend replaces the local folder by settings alone)::

    from portal.files import PrivateUploadTo, private_storage

    class Evidence(models.Model):
        file = models.FileField(storage=private_storage, upload_to=PrivateUploadTo("evidence"))
        original_name = models.CharField(max_length=255)   # what the user uploaded, for download
        content_type = models.CharField(max_length=64)     # from validate_document

and its view serves it only through ``serve_private_file``::

    def evidence_download(request, pk):
        evidence = get_object_or_404(Evidence, pk=pk)
        return serve_private_file(
            request,
            file=evidence.file,
            filename=evidence.original_name,
            content_type=evidence.content_type,
            allowed=may_read(request.user, evidence),  # False answers 404, like a missing file
            action="procurement.evidence_read",
            obj=evidence,
        )

Files are stored as ``<prefix>/<32 random hex><extension>``: the stored name tells nothing.
``PRIVATE_MEDIA_SERVE`` chooses who sends the bytes: ``"django"`` (default), or the web server
through ``"x-accel-redirect"`` (nginx: an ``internal`` location at ``PRIVATE_MEDIA_INTERNAL_URL``
aliased to ``PRIVATE_MEDIA_ROOT``) or ``"x-sendfile"`` (Apache mod_xsendfile, lighttpd).
"""

import uuid
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _

from portal.audit.services import audit_record

PRIVATE_STORAGE_ALIAS = "private"
SERVE_MODES = ("django", "x-accel-redirect", "x-sendfile")
MAX_DOCUMENT_SIZE = 5 * 1024 * 1024

# The first bytes every accepted file type starts with, and the content type recorded for it.
DOCUMENT_TYPES: dict[str, tuple[bytes, str]] = {
    "pdf": (b"%PDF-", "application/pdf"),
    "jpg": (b"\xff\xd8\xff", "image/jpeg"),
    "jpeg": (b"\xff\xd8\xff", "image/jpeg"),
    "png": (b"\x89PNG\r\n\x1a\n", "image/png"),
}


class PrivateFileSystemStorage(FileSystemStorage):
    """Local private files: under PRIVATE_MEDIA_ROOT, never inside MEDIA_ROOT, with no URL."""

    def __init__(self, location: str | Path | None = None, **kwargs: Any) -> None:
        location = Path(location or settings.PRIVATE_MEDIA_ROOT).resolve()
        media_root = Path(settings.MEDIA_ROOT).resolve()
        if location == media_root or media_root in location.parents:
            raise ImproperlyConfigured("PRIVATE_MEDIA_ROOT must lie outside MEDIA_ROOT.")
        super().__init__(location=location, base_url=None, **kwargs)

    def url(self, name: str | None) -> str:
        raise ValueError("Private files have no URL; serve them with portal.files.")


def private_storage() -> Storage:
    """STORAGES["private"]; a callable, so migrations do not change with the settings."""
    return storages[PRIVATE_STORAGE_ALIAS]


@deconstructible
class PrivateUploadTo:
    """upload_to for private files: a random name under a folder, keeping only the extension."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix.strip("/")

    def __call__(self, instance: models.Model | None, filename: str) -> str:
        return random_name(self.prefix, filename)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PrivateUploadTo) and other.prefix == self.prefix


def random_name(prefix: str, filename: str) -> str:
    """A name that reveals nothing of the original: prefix/<random hex><.ext>."""
    suffix = PurePosixPath(filename or "").suffix.lower()
    extension = suffix if suffix[1:].isalnum() and len(suffix) <= 6 else ""
    return f"{prefix}/{uuid.uuid4().hex}{extension}"


def validate_document(upload: UploadedFile) -> str:
    """Reject anything but a PDF, JPG or PNG of at most 5 MB; return its content type."""
    name = upload.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in DOCUMENT_TYPES:
        raise ValidationError(
            _("Upload a PDF, JPG or PNG file; “%(name)s” is not one of these."),
            code="file_type",
            params={"name": name},
        )
    if (upload.size or 0) > MAX_DOCUMENT_SIZE:
        raise ValidationError(
            _("The file is %(size)s; the largest accepted is %(limit)s."),
            code="file_size",
            params={
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(MAX_DOCUMENT_SIZE),
            },
        )
    signature, content_type = DOCUMENT_TYPES[extension]
    upload.seek(0)
    head = upload.read(len(signature))
    upload.seek(0)
    if head != signature:
        raise ValidationError(
            _("The content of “%(name)s” is not a valid %(type)s file."),
            code="file_content",
            params={"name": name, "type": extension.upper()},
        )
    return content_type


def serve_private_file(
    request: HttpRequest,
    *,
    file: FieldFile,
    filename: str,
    content_type: str,
    allowed: bool,
    action: str,
    obj: models.Model,
    detail: dict[str, Any] | None = None,
) -> HttpResponse:
    """Serve a private file as a download after the caller's check, writing the audit row."""
    if not allowed or not file:
        raise Http404
    audit_record(actor=request.user, action=action, obj=obj, request=request, detail=detail)
    response = _file_response(file, filename=filename, content_type=content_type)
    response["Cache-Control"] = "no-store, private"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _file_response(file: FieldFile, *, filename: str, content_type: str) -> HttpResponse:
    mode = getattr(settings, "PRIVATE_MEDIA_SERVE", "django")
    if mode not in SERVE_MODES:
        raise ImproperlyConfigured(f"PRIVATE_MEDIA_SERVE must be one of {', '.join(SERVE_MODES)}.")
    if mode == "django":
        try:
            handle = file.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        return FileResponse(
            handle, as_attachment=True, filename=filename, content_type=content_type
        )
    response = HttpResponse(content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    if mode == "x-accel-redirect":
        prefix = settings.PRIVATE_MEDIA_INTERNAL_URL.rstrip("/")
        response["X-Accel-Redirect"] = f"{prefix}/{quote(file.name)}"
    else:
        response["X-Sendfile"] = file.path
    return response
