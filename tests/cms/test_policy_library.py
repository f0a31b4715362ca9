from datetime import date

import pytest

from tests.factories.cms import PolicyPageFactory, policy_index

pytestmark = pytest.mark.django_db

NPC = "全国人民代表大会常务委员会"
HENAN = "河南省人民代表大会常务委员会"


@pytest.fixture
def library():
    return {
        "law": PolicyPageFactory(
            title="中华人民共和国社区矫正法",
            issuing_body=NPC,
            date_issued=date(2019, 12, 28),
            full_text="<p>专门机关与社会力量相结合。</p>",
        ),
        "decision": PolicyPageFactory(
            title="关于加强社区矫正工作的决定",
            issuing_body=HENAN,
            date_issued=date(2023, 11, 30),
            full_text="<p>政府购买服务。</p>",
        ),
        "index": policy_index(),
    }


def listed(response):
    return [policy.title for policy in response.context["policies"]]


def test_library_lists_every_policy_newest_first(client, library):
    response = client.get(library["index"].url)

    assert listed(response) == ["关于加强社区矫正工作的决定", "中华人民共和国社区矫正法"]


def test_library_filters_by_issuing_body(client, library):
    response = client.get(library["index"].url, {"issuing_body": NPC})

    assert listed(response) == ["中华人民共和国社区矫正法"]


def test_library_filters_by_year(client, library):
    response = client.get(library["index"].url, {"year": "2023"})

    assert listed(response) == ["关于加强社区矫正工作的决定"]


def test_library_filters_by_words_in_the_full_text(client, library):
    response = client.get(library["index"].url, {"q": "社会力量"})

    assert listed(response) == ["中华人民共和国社区矫正法"]


def test_library_combines_filters(client, library):
    response = client.get(library["index"].url, {"issuing_body": HENAN, "year": "2019"})

    assert listed(response) == []
    assert "没有符合筛选条件的政策法规" in response.content.decode()


def test_filter_choices_come_from_the_published_policies(client, library):
    form = client.get(library["index"].url).context["filter"].form

    assert [value for value, _label in form.fields["issuing_body"].choices][1:] == [NPC, HENAN]
    assert [value for value, _label in form.fields["year"].choices][1:] == [2023, 2019]


def test_unknown_year_gives_a_message_next_to_the_field(english, library):
    response = english.get(library["index"].url, {"year": "1900"})

    content = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_year_error"' in content
    assert 'aria-describedby="id_year_error"' in content
    assert "Select a valid choice" in content
