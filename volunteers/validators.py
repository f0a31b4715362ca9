"""Checks on screening document uploads: type by name and by content, and size."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

MAX_DOCUMENT_SIZE = 5 * 1024 * 1024

# The first bytes every file of a type starts with, and the content type we record for it.
DOCUMENT_TYPES: dict[str, tuple[bytes, str]] = {
    "pdf": (b"%PDF-", "application/pdf"),
    "jpg": (b"\xff\xd8\xff", "image/jpeg"),
    "jpeg": (b"\xff\xd8\xff", "image/jpeg"),
    "png": (b"\x89PNG\r\n\x1a\n", "image/png"),
}


def validate_document(upload: UploadedFile) -> str:
    """Reject anything but a PDF, JPG or PNG of at most 5 MB; return its content type."""
    extension = (upload.name or "").rsplit(".", 1)[-1].lower() if "." in (upload.name or "") else ""
    if extension not in DOCUMENT_TYPES:
        raise ValidationError(
            _("Upload a PDF, JPG or PNG file; “%(name)s” is not one of these."),
            code="file_type",
            params={"name": upload.name},
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
            params={"name": upload.name, "type": extension.upper()},
        )
    return content_type
