"""The public job board, the employer's and caseworker's screens."""

from datetime import timedelta
from decimal import Decimal

import pytest

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from employment.services import application_transition, follow_up_record
from employment.vocabulary import ApplicationState, FollowUpOutcome, JobCategory, WorkingHours
from portal.accounts.models import Role
from portal.audit.models import AuditEntry
from tests.factories.employment import (
    EmployerFactory,
    JobApplicationFactory,
    JobOfferPageFactory,
    employer_section,
    employer_staff,
    offered_pair,
)
from tests.factories.portal import UserFactory, jurisdiction

pytestmark = pytest.mark.django_db
BOARD = reverse("employment:job_board")


def titles(response) -> list[str]:
    return [job.title for job in response.context["page_obj"]]


def hire(application, actor, hired_on=None):
    for action, details in (
        ("schedule_interview", {"interview_at": timezone.now()}),
        ("offer", {}),
        ("hire", {"hired_on": hired_on or timezone.localdate() - timedelta(days=200)}),
    ):
        application_transition(
            application_id=application.pk, action=action, actor=actor, details=details
        )


class TestJobBoard:
    def test_lists_open_live_jobs_only(self, client, section):
        JobOfferPageFactory(section=section, title="仓库管理员")
        JobOfferPageFactory(section=section, title="草稿岗位", live=False)
        expired = JobOfferPageFactory(section=section, title="过期岗位")
        type(expired).objects.filter(pk=expired.pk).update(
            valid_from=timezone.localdate() - timedelta(days=30),
            valid_until=timezone.localdate() - timedelta(days=1),
        )
        assert titles(client.get(BOARD)) == ["仓库管理员"]

    def test_filters_by_city_county_wage_category_hours_and_housing(self, client, section):
        JobOfferPageFactory(section=section, title="中原区普工")
        JobOfferPageFactory(
            section=section,
            title="洛阳厨师",
            jurisdiction=jurisdiction("410302"),
            category=JobCategory.CATERING,
            working_hours=WorkingHours.SHIFTS,
            housing_provided=True,
            wage_min=Decimal("6000"),
            wage_max=Decimal("8000"),
        )
        assert titles(client.get(BOARD, {"city": "410300"})) == ["洛阳厨师"]
        assert titles(client.get(BOARD, {"county": "410102"})) == ["中原区普工"]
        assert titles(client.get(BOARD, {"wage": "5500"})) == ["洛阳厨师"]
        assert titles(client.get(BOARD, {"category": "catering"})) == ["洛阳厨师"]
        assert titles(client.get(BOARD, {"working_hours": "full_time"})) == ["中原区普工"]
        assert titles(client.get(BOARD, {"housing_provided": "on"})) == ["洛阳厨师"]

    def test_negative_wage_filter_is_explained(self, client, section):
        JobOfferPageFactory(section=section)
        response = client.get(BOARD, {"wage": "-1"})
        assert response.status_code == 200
        assert response.context["filter"].form.errors["wage"]

    def test_searches_chinese_text_through_the_matching_engine(self, client, section):
        JobOfferPageFactory(
            section=section, title="电焊工", description="<p>负责钢结构焊接作业</p>"
        )
        JobOfferPageFactory(
            section=section, title="餐厅服务员", description="<p>负责点餐和传菜</p>"
        )
        assert titles(client.get(BOARD, {"q": "焊接"})) == ["电焊工"]
        assert titles(client.get(BOARD, {"q": "服务员"})) == ["餐厅服务员"]

    def test_paginates_twenty_jobs_a_page(self, client, section):
        for number in range(21):
            JobOfferPageFactory(section=section, title=f"岗位{number}")
        assert len(client.get(BOARD).context["page_obj"]) == 20
        assert len(client.get(BOARD, {"page": "2"}).context["page_obj"]) == 1

    def test_job_detail_is_the_page_with_its_fair_chance_statement(self, english, job):
        response = english.get(job.url)
        assert response.status_code == 200
        content = response.content.decode()
        assert "数控车床操作工" in content
        assert "Probation" in content and "Parole" in content
        assert "We ask only after a conditional job offer" in content


class TestEmployerScreens:
    def test_employer_sees_consented_fields_and_never_identity_or_offence(
        self, client, application, staff
    ):
        referral = application.referral
        referral.shared_fields = ["first_name", "phone"]
        referral.shared_values = {"first_name": "小明", "phone": "13800000000"}
        referral.save()
        client.force_login(staff)
        response = client.get(reverse("employment:application_detail", args=[application.pk]))
        content = response.content.decode()
        assert "小明" in content and "13800000000" in content
        for secret in ("410102199001011237", "盗窃", "风险评估", "id_number", "offence"):
            assert secret not in content
        assert AuditEntry.objects.filter(action="employment.application.read").exists()

    def test_only_consented_fields_of_the_snapshot_reach_the_employer_html(
        self, client, job, staff, caseworker
    ):
        JobApplicationFactory(
            job=job,
            created_by=caseworker,
            referral__shared_fields=["first_name", "id_number", "offence"],
            referral__shared_values={
                "first_name": "小红",
                "id_number": "410102199001011237",
                "offence": "盗窃",
            },
        )
        client.force_login(staff)
        response = client.get(reverse("employment:application_list"))
        detail = client.get(
            reverse("employment:application_detail", args=[response.context["page_obj"][0].pk])
        ).content.decode()
        assert "小红" in detail
        assert "410102199001011237" not in detail and "盗窃" not in detail

    def test_the_code_is_labelled_as_the_pseudonymous_person_code(self, client, application, staff):
        hire(application, staff)
        application.referral.shared_fields = []
        application.referral.save()
        client.force_login(staff)
        code = application.referral.person_code
        for name in ("employment:application_list", "employment:follow_up_list"):
            page = client.get(reverse(name), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
            assert "人员代码（化名）" in page and code in page
            assert "转介编号" not in page
        detail = client.get(
            reverse("employment:application_detail", args=[application.pk]),
            HTTP_ACCEPT_LANGUAGE="zh-hans",
        ).content.decode()
        assert f"<dt>人员代码（化名）</dt><dd>{code}</dd>" in detail and "转介编号" not in detail

    def test_staff_of_another_employer_cannot_open_the_application(self, client, application):
        client.force_login(employer_staff(EmployerFactory()))
        url = reverse("employment:application_detail", args=[application.pk])
        assert client.get(url).status_code == 404
        assert (
            client.get(reverse("employment:application_list")).context["page_obj"].paginator.count
            == 0
        )

    def test_employer_moves_the_application_from_the_screen(self, client, application, staff):
        client.force_login(staff)
        url = reverse("employment:application_detail", args=[application.pk])
        response = client.post(url, {"action": "reject", "note": "暂无合适岗位"})
        assert response.status_code == 302
        application.refresh_from_db()
        assert application.state == ApplicationState.NOT_HIRED

    def test_rejection_without_reason_is_explained_and_changes_nothing(
        self, client, application, staff
    ):
        client.force_login(staff)
        url = reverse("employment:application_detail", args=[application.pk])
        response = client.post(url, {"action": "reject", "note": ""})
        assert response.status_code == 200
        assert response.context["form"].errors["note"]
        application.refresh_from_db()
        assert application.state == ApplicationState.REFERRED

    def test_hire_beyond_positions_is_explained_on_the_screen(self, client, application, staff):
        second = offered_pair(application, staff)
        application_transition(
            application_id=application.pk,
            action="hire",
            actor=staff,
            details={"hired_on": timezone.localdate()},
        )
        client.force_login(staff)
        response = client.post(
            reverse("employment:application_detail", args=[second.pk]),
            {"action": "hire", "hired_on": timezone.localdate().isoformat()},
        )
        assert response.status_code == 200
        assert response.context["form"].non_field_errors()
        second.refresh_from_db()
        assert second.state == ApplicationState.OFFERED


class TestCaseworkerScreens:
    def test_caseworker_reads_the_application_but_cannot_move_it(
        self, client, application, caseworker
    ):
        client.force_login(caseworker)
        url = reverse("employment:application_detail", args=[application.pk])
        response = client.get(url)
        assert response.status_code == 200
        assert response.context["can_move"] is False
        assert client.post(url, {"action": "reject", "note": "x"}).status_code == 403
        application.refresh_from_db()
        assert application.state == ApplicationState.REFERRED

    def test_other_caseworker_cannot_read_the_application(self, client, application):
        client.force_login(UserFactory(role=Role.CASEWORKER))
        url = reverse("employment:application_detail", args=[application.pk])
        assert client.get(url).status_code == 404

    def test_volunteer_cannot_open_applications(self, client, application):
        client.force_login(UserFactory(role=Role.VOLUNTEER))
        assert client.get(reverse("employment:application_list")).status_code == 403


class TestFollowUpsDue:
    def test_due_list_shows_late_follow_ups_to_employer_and_caseworker(
        self, client, application, staff, caseworker
    ):
        hire(application, staff)
        for user in (staff, caseworker):
            client.force_login(user)
            response = client.get(reverse("employment:follow_up_list"))
            assert [f.months for f in response.context["follow_ups"]] == [1, 3, 6]

    def test_recorded_follow_up_leaves_the_due_list(self, client, application, staff, caseworker):
        hire(application, staff)
        client.force_login(caseworker)
        first = application.follow_ups.get(months=1)
        response = client.post(
            reverse("employment:follow_up_record", args=[first.pk]),
            {"outcome": FollowUpOutcome.STILL_EMPLOYED, "next": "list"},
        )
        assert response.status_code == 302
        due = client.get(reverse("employment:follow_up_list")).context["follow_ups"]
        assert [f.months for f in due] == [3, 6]

    def test_left_without_reason_is_refused(self, client, application, staff):
        hire(application, staff)
        client.force_login(staff)
        first = application.follow_ups.get(months=1)
        client.post(reverse("employment:follow_up_record", args=[first.pk]), {"outcome": "left"})
        first.refresh_from_db()
        assert first.is_pending

    def test_application_shows_follow_ups_when_due_and_states_the_next(
        self, client, application, staff
    ):
        hire(application, staff, hired_on=timezone.localdate() - timedelta(days=40))
        one, three, six = application.follow_ups.order_by("months")
        client.force_login(staff)
        url = reverse("employment:application_detail", args=[application.pk])
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        response = client.get(url)
        assert [f.months for f in response.context["follow_ups"]] == [1]
        assert response.context["next_follow_up"] == three
        content = response.content.decode()
        assert reverse("employment:follow_up_record", args=[one.pk]) in content
        for later in (three, six):
            assert reverse("employment:follow_up_record", args=[later.pk]) not in content
        opens = (three.due_on - timedelta(days=7)).isoformat()
        assert f"The 3-month follow-up opens on {opens}" in content

    def test_recorded_follow_up_is_shown_without_a_form(self, client, application, staff):
        hire(application, staff)
        one = application.follow_ups.get(months=1)
        follow_up_record(follow_up_id=one.pk, actor=staff, outcome=FollowUpOutcome.STILL_EMPLOYED)
        client.force_login(staff)
        response = client.get(reverse("employment:application_detail", args=[application.pk]))
        assert [f.months for f in response.context["follow_ups"]] == [1, 3, 6]
        assert response.context["next_follow_up"] is None
        content = response.content.decode()
        assert reverse("employment:follow_up_record", args=[one.pk]) not in content

    def test_posting_a_follow_up_before_it_opens_is_refused_in_chinese(
        self, client, application, staff
    ):
        hire(application, staff, hired_on=timezone.localdate() - timedelta(days=40))
        three = application.follow_ups.get(months=3)
        client.force_login(staff)
        response = client.post(
            reverse("employment:follow_up_record", args=[three.pk]),
            {"outcome": FollowUpOutcome.STILL_EMPLOYED},
            follow=True,
        )
        opens = (three.due_on - timedelta(days=7)).isoformat()
        assert f"该回访尚未到期，{opens}起方可填写。" in response.content.decode()
        three.refresh_from_db()
        assert three.is_pending and three.recorded_by is None

    def test_follow_ups_of_other_employers_are_not_listed(self, client, application, staff):
        hire(application, staff)
        client.force_login(employer_staff(EmployerFactory()))
        assert not client.get(reverse("employment:follow_up_list")).context["follow_ups"]


class TestFairs:
    def test_fair_lists_participating_employers_and_their_open_jobs(self, client, job, employer):
        from employment.models import JobFair

        fair = JobFair.objects.create(
            title="2026年春风行动专场招聘会",
            slug="spring-2026",
            starts_at=timezone.now() + timedelta(days=3),
            ends_at=timezone.now() + timedelta(days=3, hours=4),
            jurisdiction=jurisdiction("410102"),
            venue="中原区人才市场",
        )
        fair.employers.add(employer, EmployerFactory(name="没有岗位的企业"))
        content = client.get(
            reverse("employment:fair_detail", args=["spring-2026"])
        ).content.decode()
        assert "数控车床操作工" in content and "没有岗位的企业" in content
        listing = client.get(reverse("employment:fair_list")).content.decode()
        assert "2026年春风行动专场招聘会" in listing


def test_entrepreneurship_list_shows_live_support(client):
    from tests.factories.employment import EntrepreneurshipSupportPageFactory

    EntrepreneurshipSupportPageFactory(section=employer_section(), title="青年创业孵化基地")
    content = client.get(reverse("employment:entrepreneurship_list")).content.decode()
    assert "青年创业孵化基地" in content


def test_job_with_every_position_filled_leaves_the_board(client, application, staff):
    hire(application, staff)
    assert application.job.title not in titles(client.get(BOARD))


def test_board_lists_every_open_job_when_search_is_unavailable(client, job, monkeypatch):
    from employment import selectors
    from matching.exceptions import SearchUnavailable

    def unavailable(**kwargs):
        raise SearchUnavailable()

    monkeypatch.setattr(selectors, "offer_search", unavailable)
    response = client.get(BOARD, {"q": "焊接"})
    assert titles(response) == [job.title]
    assert list(response.context["messages"])
