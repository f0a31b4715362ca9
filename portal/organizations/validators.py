"""Validators for Chinese registration codes and telephone numbers."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
# GB 32100-2015 table 1: registration authority (first character) and the organization
# categories (second character) each authority may issue.
CREDIT_CODE_CATEGORIES = {
    "1": "1239",
    "2": "19",
    "3": "123459",
    "4": "129",
    "5": "1239",
    "6": "129",
    "7": "129",
    "8": "19",
    "9": "123",
    "A": "19",
    "N": "123459",
    "Y": "1",
}


def credit_code_check_character(body: str) -> str:
    """Return the GB 32100-2015 check character for the first 17 characters of a code."""
    total = sum(
        CREDIT_CODE_ALPHABET.index(char) * weight
        for char, weight in zip(body, CREDIT_CODE_WEIGHTS, strict=True)
    )
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def validate_credit_code(value: str) -> None:
    """Reject anything that is not a well-formed unified social credit code (GB 32100-2015)."""
    code = (value or "").strip().upper()
    if len(code) != 18:
        raise ValidationError(
            _("A unified social credit code has exactly 18 characters."), code="length"
        )
    if any(char not in CREDIT_CODE_ALPHABET for char in code):
        raise ValidationError(
            _("A credit code uses only digits and the letters A–Y except I, O, S, V and Z."),
            code="alphabet",
        )
    if code[1] not in CREDIT_CODE_CATEGORIES.get(code[0], ""):
        raise ValidationError(
            _("The first two characters are not a known registration authority and category."),
            code="category",
        )
    if not code[2:8].isdigit():
        raise ValidationError(
            _("Characters 3 to 8 must be the six-digit administrative division code."),
            code="division",
        )
    if credit_code_check_character(code[:17]) != code[17]:
        raise ValidationError(
            _("The check character does not match: please check the code for typing errors."),
            code="checksum",
        )


PHONE_PATTERN = r"^\+?[0-9][0-9\- ]{4,30}$"


def validate_phone(value: str) -> None:
    """A telephone or mobile number: digits, optionally with +, spaces and hyphens."""
    if value and not re.fullmatch(PHONE_PATTERN, value.strip()):
        raise ValidationError(
            _("Enter a telephone number using digits, spaces and hyphens, e.g. 0371-12345678."),
            code="phone",
        )
