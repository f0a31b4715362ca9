"""Identity numbers stay out of free text that leaves casework and out of search addresses."""

import pytest

from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError

from portal.identity import (
    contains_identity_number,
    find_identity_numbers,
    identity_check_character,
    mask_identity_numbers,
    validate_no_identity_number,
)

VALID = "11010519491231002X"


@pytest.mark.parametrize(
    "text",
    [
        VALID,
        "11010519491231002x",
        "410102199001011235",  # wrong check character: still a number someone typed
        "410102 19900101 1234",
        "410102-1990-0101-123X",
        "410102900101123",  # an old 15-digit number
        "身份证４１０１０２１９９００１０１１２３４号",  # full-width digits
        f"请联系{VALID}的家属",
    ],
)
def test_identity_number_shapes_are_found(text):
    assert contains_identity_number(text)
    with pytest.raises(ValidationError) as raised:
        validate_no_identity_number(text)
    assert raised.value.code == "identity_number"


@pytest.mark.parametrize(
    "text",
    [
        "电话 13812345678",
        "13800000000 13900000000",  # two phone numbers
        "12345678901234",  # 14 digits
        "1234567890123456",  # 16 digits, e.g. part of a bank card
        "4101021990010112345",  # 19 digits
        "2026-11-30 20:24:03",
        "邮编 450000，共 3 人",
        "",
    ],
)
def test_other_numbers_are_accepted(text):
    assert not contains_identity_number(text)
    validate_no_identity_number(text)


def test_a_generated_number_is_found_with_its_check_character():
    number = "41010219900101123" + identity_check_character("41010219900101123")
    assert find_identity_numbers(f"a {number} b") == [number]


def test_masking_replaces_every_number_and_keeps_the_rest():
    masked = mask_identity_numbers(f"x={VALID}&y=410102900101123&page=2")
    assert "1949" not in masked and "900101" not in masked and masked.endswith("&page=2")


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/services/", "/search/"])
def test_a_search_for_an_identity_number_is_refused_with_a_message(client, url):
    response = client.get(url, {"q": VALID})
    assert response.status_code == 200
    messages = [str(message) for message in get_messages(response.wsgi_request)]
    assert any("身份证号码" in message for message in messages)
    assert f'value="{VALID}"' not in response.content.decode()  # the box is emptied


@pytest.mark.django_db
def test_the_matching_keyword_box_refuses_an_identity_number(client):
    from casework.forms import MatchFilterForm

    form = MatchFilterForm({"q": f"找 {VALID}"})
    assert not form.is_valid() and "q" in form.errors


@pytest.mark.parametrize(
    ("form_path", "field"),
    [
        ("volunteers.forms.HoursForm", "activity"),
        ("volunteers.forms.HoursDecisionForm", "reason"),
        ("volunteers.forms.ScreeningDecisionForm", "reason"),
        ("employment.forms.ApplicationTransitionForm", "note"),
        ("employment.forms.FollowUpForm", "note"),
    ],
)
def test_free_text_shown_to_others_refuses_identity_numbers(form_path, field):
    from django.utils.module_loading import import_string

    form_class = import_string(form_path)
    validators = form_class.base_fields[field].validators
    assert validate_no_identity_number in validators
    assert form_class.base_fields[field].max_length
