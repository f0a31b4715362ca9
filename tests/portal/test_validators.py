import pytest

from django.core.exceptions import ValidationError

from portal.organizations.validators import (
    credit_code_check_character,
    validate_credit_code,
    validate_phone,
)
from tests.factories.portal import make_credit_code

STANDARD_EXAMPLE = "91350100M000100Y43"


def _code(body: str) -> str:
    return body + credit_code_check_character(body)


def _error_code(value: str) -> str:
    with pytest.raises(ValidationError) as raised:
        validate_credit_code(value)
    return raised.value.error_list[0].code


def test_standard_example_from_gb_32100_is_valid():
    validate_credit_code(STANDARD_EXAMPLE)


@pytest.mark.parametrize(
    "body",
    [
        "52410102MJ0000001",  # civil affairs, private non-enterprise unit
        "51410100000000001",  # civil affairs, social group
        "91410105MA45XYWL0",  # company with letters in the organization code
        "12410000415801234",  # public institution
        "N2410102MF0000012",  # rural collective economic organization
        "Y1410102000000001",  # other authority
    ],
)
def test_generated_codes_with_their_check_character_are_valid(body):
    validate_credit_code(_code(body))


@pytest.mark.parametrize("serial", [1, 7, 99, 123456, 999999999])
def test_factory_codes_are_valid(serial):
    validate_credit_code(make_credit_code(serial))


def test_lowercase_and_surrounding_spaces_are_accepted():
    validate_credit_code(f"  {STANDARD_EXAMPLE.lower()} ")


@pytest.mark.parametrize(
    "value",
    ["", "9135010", STANDARD_EXAMPLE[:17], STANDARD_EXAMPLE + "3", "91350100 M000100Y43"],
)
def test_wrong_length_is_rejected(value):
    assert _error_code(value) == "length"


@pytest.mark.parametrize("letter", ["I", "O", "Z", "S", "V"])
def test_letters_outside_the_alphabet_are_rejected(letter):
    assert _error_code(f"91350100M000100Y4{letter}") == "alphabet"


@pytest.mark.parametrize(
    "value", ["91350100M00010-Y43", "91350100M000100Y4*", "９1350100M000100Y4"]
)
def test_punctuation_and_full_width_characters_are_rejected(value):
    assert _error_code(value) in {"alphabet", "length"}


@pytest.mark.parametrize("prefix", ["04", "14", "25", "83", "B1", "Y2", "94", "A2"])
def test_unknown_authority_or_category_is_rejected(prefix):
    assert _error_code(_code(f"{prefix}350100M000100Y4")) == "category"


def test_letters_in_the_division_code_are_rejected():
    assert _error_code(_code("9135A100M000100Y4")) == "division"


@pytest.mark.parametrize("position", [0, 5, 10, 16])
def test_a_single_typing_error_breaks_the_checksum(position):
    body = list(STANDARD_EXAMPLE)
    body[position] = "2" if body[position] != "2" else "3"
    typo = "".join(body)
    with pytest.raises(ValidationError):
        validate_credit_code(typo)


def test_wrong_check_character_is_rejected():
    assert _error_code("91350100M000100Y44") == "checksum"


def test_transposed_characters_are_caught_by_the_checksum():
    assert _error_code("91350100M000010Y43") == "checksum"


@pytest.mark.parametrize("value", ["0371-67171001", "13812345678", "+86 371 6717 1001", ""])
def test_telephone_numbers_are_accepted(value):
    validate_phone(value)


@pytest.mark.parametrize("value", ["call me", "12", "0371/6717", "电话"])
def test_non_telephone_numbers_are_rejected(value):
    with pytest.raises(ValidationError):
        validate_phone(value)
