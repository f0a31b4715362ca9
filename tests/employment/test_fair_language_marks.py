"""Job fairs are Chinese content like the offers: their titles on the job board, the fairs list
and the fair's page are marked lang="zh-Hans", with the "in Chinese" tag for English readers."""

import re
from datetime import timedelta

import pytest

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from employment.models import JobFair
from tests.factories.portal import jurisdiction

pytestmark = pytest.mark.django_db

TITLE = "2026年春风行动专场招聘会"
TAG = '<span class="tag lang-tag">in Chinese</span>'
IN_CHINESE = re.compile(r'<(\w+)[^>]*\blang="zh-Hans"[^>]*>(.*?)</\1>', re.DOTALL)


@pytest.fixture
def fair():
    return JobFair.objects.create(
        title=TITLE,
        slug="spring-2026",
        starts_at=timezone.now() + timedelta(days=3),
        ends_at=timezone.now() + timedelta(days=3, hours=4),
        jurisdiction=jurisdiction("410102"),
        venue="中原区人才市场",
    )


def read_in_english(client, url: str) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def marked_chinese(body: str) -> str:
    return "\n".join(match.group(2) for match in IN_CHINESE.finditer(body))


@pytest.mark.parametrize(
    "url",
    [
        reverse("employment:job_board"),
        reverse("employment:fair_list"),
        reverse("employment:fair_detail", args=["spring-2026"]),
    ],
    ids=["job board", "fairs list", "fair page"],
)
def test_fair_title_is_marked_chinese_with_the_in_chinese_tag(client, fair, url):
    body = read_in_english(client, url)

    assert TITLE in marked_chinese(body)
    assert "中原区人才市场" in marked_chinese(body)
    assert TAG in body
