import pytest

from portal.organizations.validators import credit_code_check_character


def test_standard_example_code_has_matching_check_character():
    assert credit_code_check_character("91350100M000100Y4") == "3"


@pytest.mark.django_db
def test_health_check_answers_ok(client):
    assert client.get("/healthz/").json() == {"status": "ok"}
