"""Checks on screening document uploads: the kernel's one rule for private documents."""

from portal.files import MAX_DOCUMENT_SIZE, validate_document

__all__ = ["MAX_DOCUMENT_SIZE", "validate_document"]
