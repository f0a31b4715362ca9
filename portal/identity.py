"""Resident identity numbers (GB 11643-1999): validation, masking, encryption and lookup hash."""

import base64
import hashlib
import hmac
import logging
import re
from datetime import date

from cryptography.fernet import Fernet, InvalidToken

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARACTERS = "10X98765432"
BAD_BIRTH_DATE = _("Digits 7 to 14 of the identity number are not a valid birth date.")


def identity_check_character(body: str) -> str:
    """The check character of the first 17 digits of an identity number."""
    return ID_CHECK_CHARACTERS[sum(int(d) * w for d, w in zip(body, ID_WEIGHTS, strict=True)) % 11]


def identity_birth_date(number: str) -> date:
    """The birth date written in digits 7 to 14 of an identity number."""
    return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))


def identity_gender(number: str) -> str:
    """'male' or 'female', from the parity of the 17th digit."""
    return "male" if int(number[16]) % 2 else "female"


def normalize_identity_number(value: str) -> str:
    """Strip spaces and upper-case the check character."""
    return (value or "").strip().replace(" ", "").upper()


def validate_identity_number(value: str) -> None:
    """Reject a malformed 18-character identity number: format, birth date and check character."""
    number = normalize_identity_number(value)
    well_formed = len(number) == 18 and number[:17].isdigit()
    if not well_formed or not (number[17].isdigit() or number[17] == "X"):
        raise ValidationError(
            _("An identity number has 17 digits followed by a digit or X."), code="format"
        )
    try:
        born = identity_birth_date(number)
    except ValueError:
        raise ValidationError(BAD_BIRTH_DATE, code="birth_date") from None
    if born > date.today() or born.year < 1900:
        raise ValidationError(BAD_BIRTH_DATE, code="birth_date")
    if identity_check_character(number[:17]) != number[17]:
        raise ValidationError(
            _("The identity number's check character is wrong: please check for typing errors."),
            code="checksum",
        )


def mask_identity_number(number: str) -> str:
    """Show only the first 6 and last 4 characters: 410102********123X."""
    if not number:
        return ""
    return f"{number[:6]}{'*' * (len(number) - 10)}{number[-4:]}"


def _key_material(purpose: bytes) -> bytes:
    secret = settings.FIELD_ENCRYPTION_KEY.encode()
    return hashlib.sha256(purpose + b":" + secret).digest()


def encrypt_identity_number(number: str) -> str:
    """Encrypt for storage at rest with the key from FIELD_ENCRYPTION_KEY."""
    key = base64.urlsafe_b64encode(_key_material(b"encrypt"))
    return Fernet(key).encrypt(normalize_identity_number(number).encode()).decode()


def decrypt_identity_number(token: str) -> str:
    """Decrypt a stored identity number; an unreadable token gives an empty string."""
    if not token:
        return ""
    key = base64.urlsafe_b64encode(_key_material(b"encrypt"))
    try:
        return Fernet(key).decrypt(token.encode()).decode()
    except InvalidToken:
        return ""


def identity_lookup_hash(number: str) -> str:
    """A keyed hash to find a record by exact identity number without decrypting every row."""
    message = normalize_identity_number(number).encode()
    return hmac.new(_key_material(b"lookup"), message, "sha256").hexdigest()


# A separator someone may type between groups of digits, also as it appears in a logged URL.
_SEPARATOR = r"(?:[\s\-+]|%20|%2[dD]|%2[bB])?"
_DIGIT = r"[0-9０-９]"
_IDENTITY_SHAPE = re.compile(
    rf"(?<![0-9０-９])(?<![0-9０-９][\s\-+])"
    rf"{_DIGIT}(?:{_SEPARATOR}{_DIGIT}){{14}}"
    rf"(?:(?:{_SEPARATOR}{_DIGIT}){{2}}{_SEPARATOR}[0-9０-９XxＸｘ])?"
    rf"(?!{_SEPARATOR}[0-9０-９XxＸｘ])"
)
IDENTITY_NUMBER_REFUSED = _(
    "This text looks like it contains an identity number. Identity numbers may not be typed "
    "here, because this text is shared or recorded: remove the number."
)
IDENTITY_NUMBER_SEARCH_REFUSED = _(
    "Identity numbers are not searched here: searches are recorded in addresses and logs. "
    "Caseworkers find a person by identity number with “Find by identity number” in casework."
)
IDENTITY_NUMBER_MASK = "[identity number]"


def find_identity_numbers(text: str) -> list[str]:
    """Every identity-number-shaped part of a text: 18 characters (17 digits and a digit or X,
    whatever the check character) or an old 15-digit number, with or without spaces or hyphens."""
    return [match.group(0) for match in _IDENTITY_SHAPE.finditer(str(text or ""))]


def contains_identity_number(text: str) -> bool:
    """Whether a text holds anything shaped like an identity number (see find_identity_numbers)."""
    return _IDENTITY_SHAPE.search(str(text or "")) is not None


def mask_identity_numbers(text: str) -> str:
    """The text with every identity-number-shaped part replaced by a neutral marker (for logs)."""
    return _IDENTITY_SHAPE.sub(IDENTITY_NUMBER_MASK, text)


def validate_no_identity_number(value: str) -> None:
    """Form and model validator for free text that leaves casework: refuse identity numbers."""
    if contains_identity_number(value):
        raise ValidationError(IDENTITY_NUMBER_REFUSED, code="identity_number")


class IdentityNumberLogFilter(logging.Filter):
    """Mask identity-number-shaped values in every log record (message, arguments, traceback).

    Installed on every handler in LOGGING, so request lines (path and query string) written by
    runserver, django.request or a WSGI server's access log never carry a number.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = str(record.msg)
        masked = mask_identity_numbers(message)
        if masked != message:
            record.msg, record.args = masked, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_identity_numbers(record.exc_text)
        return True


def search_text(request: HttpRequest, name: str = "q") -> str:
    """A search box's text from the query string, refused (empty, with a translated message)
    when it holds an identity number: addresses end in browser histories and server logs."""
    text = request.GET.get(name, "").strip()
    if not contains_identity_number(text):
        return text
    messages.error(request, IDENTITY_NUMBER_SEARCH_REFUSED)
    return ""
