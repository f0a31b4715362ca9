from datetime import date

import pytest

from django.core.exceptions import ValidationError

from portal.identity import (
    decrypt_identity_number,
    encrypt_identity_number,
    identity_birth_date,
    identity_check_character,
    identity_gender,
    identity_lookup_hash,
    mask_identity_number,
    validate_identity_number,
)

# GB 11643-1999 appendix example body; its check character is X.
EXAMPLE = "11010519491231002X"


def _number(body: str) -> str:
    return body + identity_check_character(body)


def _error_code(value: str) -> str:
    with pytest.raises(ValidationError) as raised:
        validate_identity_number(value)
    return raised.value.error_list[0].code


def test_standard_example_has_check_character_x():
    assert identity_check_character(EXAMPLE[:17]) == "X"
    validate_identity_number(EXAMPLE)


def test_lowercase_x_and_spaces_are_accepted():
    validate_identity_number(" 110105 19491231 002x ")


@pytest.mark.parametrize("body", ["41010219900307123", "41130320051231456", "41070219800101001"])
def test_numbers_with_their_check_character_are_valid(body):
    validate_identity_number(_number(body))


def test_wrong_check_character_is_rejected():
    assert _error_code(EXAMPLE[:17] + "1") == "checksum"


@pytest.mark.parametrize(
    "value",
    ["", "4101021990030712", "4101021990030712345", "41010219900307A234", "41010219900307123Y"],
)
def test_malformed_numbers_are_rejected(value):
    assert _error_code(value) == "format"


@pytest.mark.parametrize("birth", ["19900230", "19901301", "18890101", "29990101"])
def test_impossible_birth_dates_are_rejected(birth):
    assert _error_code(_number(f"410102{birth}123")) == "birth_date"


def test_birth_date_and_gender_are_read_from_the_number():
    number = _number("41010219900307122")
    assert identity_birth_date(number) == date(1990, 3, 7)
    assert identity_gender(number) == "female"
    assert identity_gender(_number("41010219900307113")) == "male"


def test_masking_shows_only_region_and_last_four():
    assert mask_identity_number(EXAMPLE) == "110105********002X"
    assert mask_identity_number("") == ""


def test_encryption_round_trip_and_ciphertext_hides_the_number():
    token = encrypt_identity_number(EXAMPLE.lower())
    assert EXAMPLE not in token
    assert decrypt_identity_number(token) == EXAMPLE


def test_tampered_or_foreign_ciphertext_decrypts_to_nothing(settings):
    token = encrypt_identity_number(EXAMPLE)
    assert decrypt_identity_number(token[:-4] + "AAAA") == ""
    settings.FIELD_ENCRYPTION_KEY = "another-key"
    assert decrypt_identity_number(token) == ""


def test_lookup_hash_is_stable_normalized_and_keyed(settings):
    first = identity_lookup_hash(EXAMPLE)
    assert identity_lookup_hash(" 11010519491231002x") == first
    assert identity_lookup_hash(_number("41010219900307123")) != first
    settings.FIELD_ENCRYPTION_KEY = "another-key"
    assert identity_lookup_hash(EXAMPLE) != first
