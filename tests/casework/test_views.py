"""Who can see and change what: every casework screen that shows personal data, by role."""

import pytest

from django.urls import reverse

from casework.models import SupervisedPerson
from matching.exceptions import SearchUnavailable
from matching.models import ReferralState
from portal.audit.models import AuditEntry
from tests.factories.casework import make_identity_number, person_of
from tests.factories.portal import PASSWORD

pytestmark = pytest.mark.django_db

PERSON_SCREENS = [
    ("casework:person_detail", True),
    ("casework:person_edit", True),
    ("casework:person_transfer", True),
    ("casework:assessment_create", True),
    ("casework:plan_create", True),
    ("casework:person_match", True),
    ("casework:refer", True),
    ("casework:assessment_detail", "version"),
]

# role fixture -> expected status on a person of office A (not sealed)
PERSON_ACCESS = {
    "caseworker": 200,
    "office_colleague": 200,
    "other_caseworker": 404,
    "manager": 200,
    "other_manager": 404,
    "oversight": 403,
    "provider": 403,
    "employer": 403,
    "volunteer": 403,
}


def login(client, user):
    client.login(email=user.email, password=PASSWORD)
    return client


def person_url(name, person):
    if name == "casework:assessment_detail":
        return reverse(name, args=[person.pk, 1])
    return reverse(name, args=[person.pk])


@pytest.fixture
def no_search(monkeypatch):
    """The matching screen's engine answers with nothing, to test access alone."""
    from matching import selectors
    from matching.types import MatchResult

    monkeypatch.setattr(selectors, "offer_search", lambda *, query: MatchResult(hits=(), total=0))


@pytest.mark.parametrize(("role", "expected"), PERSON_ACCESS.items())
@pytest.mark.parametrize("screen", [name for name, _ in PERSON_SCREENS])
def test_person_screens_by_role(client, request, person, no_search, role, expected, screen):
    user = request.getfixturevalue(role)
    response = login(client, user).get(person_url(screen, person))
    assert response.status_code == expected


@pytest.mark.parametrize("screen", [name for name, _ in PERSON_SCREENS])
def test_anonymous_is_sent_to_the_login_page(client, person, screen):
    response = client.get(person_url(screen, person))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


@pytest.mark.parametrize(
    ("role", "expected"),
    [("caseworker", 200), ("office_colleague", 404), ("manager", 200), ("other_caseworker", 404)],
)
def test_sealed_record_opens_only_for_assigned_caseworker_and_manager(
    client, request, sealed_person, no_search, role, expected
):
    user = request.getfixturevalue(role)
    for screen in ("casework:person_detail", "casework:person_match", "casework:person_edit"):
        response = login(client, user).get(reverse(screen, args=[sealed_person.pk]))
        assert response.status_code == expected


@pytest.mark.parametrize(
    ("role", "sees_person", "sees_sealed"),
    [
        ("caseworker", True, True),
        ("office_colleague", True, False),
        ("other_caseworker", False, False),
        ("manager", True, True),
        ("other_manager", False, False),
    ],
)
def test_person_list_and_export_are_scoped_and_sealed(
    client, request, person, sealed_person, role, sees_person, sees_sealed
):
    login(client, request.getfixturevalue(role))
    listing = client.get(reverse("casework:person_list")).content.decode()
    export = client.get(reverse("casework:person_export")).content.decode()
    for page in (listing, export):
        assert (person.full_name in page) is sees_person
        assert (sealed_person.full_name in page) is sees_sealed
    search = client.get(reverse("casework:person_list"), {"q": sealed_person.referral_code})
    assert (sealed_person.full_name in search.content.decode()) is sees_sealed


@pytest.mark.parametrize("role", ["oversight", "provider", "employer", "volunteer"])
def test_list_and_export_are_refused_to_other_roles(client, request, person, role):
    login(client, request.getfixturevalue(role))
    assert client.get(reverse("casework:person_list")).status_code == 403
    assert client.get(reverse("casework:person_export")).status_code == 403
    assert client.get(reverse("casework:referral_list")).status_code == 403


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("provider", 200),
        ("other_provider", 404),
        ("employer", 404),
        ("volunteer", 404),
        ("caseworker", 403),
        ("manager", 403),
        ("oversight", 403),
    ],
)
def test_inbox_referral_opens_only_for_the_receiving_provider(
    client, request, sent_referral, role, expected
):
    login(client, request.getfixturevalue(role))
    response = client.get(reverse("casework:inbox_detail", args=[sent_referral.pk]))
    assert response.status_code == expected


def test_inbox_html_never_shows_identity_offence_or_assessment(client, provider, sent_referral):
    person = person_of(sent_referral)
    need = person.assessments.get().needs.get()
    login(client, provider)
    pages = [
        client.get(reverse("casework:inbox")).content.decode(),
        client.get(reverse("casework:inbox_detail", args=[sent_referral.pk])).content.decode(),
    ]
    for page in pages:
        assert person.referral_code in page
        for secret in (
            person.identity_number,
            person.identity_number_masked,
            person.offense,
            need.notes,
            person.assessments.get().summary,
            person.family_name + person.given_name,
            person.phone,
        ):
            assert secret not in page
    assert person.given_name in pages[1]


def test_inbox_shows_only_consented_fields(client, provider, person, offer, caseworker):
    from casework.services import referral_create
    from tests.factories.casework import category

    referral = referral_create(
        actor=caseworker,
        person=person,
        offer_key=offer.key,
        need_category=category(),
        shared_fields=["phone", "gender"],
    )
    page = login(client, provider).get(reverse("casework:inbox_detail", args=[referral.pk]))
    html = page.content.decode()
    assert person.phone in html
    assert person.given_name not in html


def test_employer_and_volunteer_see_referrals_to_their_own_offers(
    client, offers, person, caseworker, volunteer, employer
):
    from casework.services import referral_create
    from tests.factories.casework import category

    mentoring = offers.add(kind="mentor", owner_user_id=volunteer.pk)
    referral = referral_create(
        actor=caseworker,
        person=person,
        offer_key=mentoring.key,
        need_category=category(),
        shared_fields=[],
    )
    detail = reverse("casework:inbox_detail", args=[referral.pk])
    login(client, volunteer)
    assert client.get(detail).status_code == 200
    assert person.referral_code in client.get(reverse("casework:inbox")).content.decode()
    login(client, employer)
    assert client.get(detail).status_code == 404
    assert person.referral_code not in client.get(reverse("casework:inbox")).content.decode()


def test_draft_referrals_stay_out_of_the_inbox(client, provider, person, offer, caseworker):
    from casework.services import referral_create
    from tests.factories.casework import category

    draft = referral_create(
        actor=caseworker,
        person=person,
        offer_key=offer.key,
        need_category=category(),
        shared_fields=[],
        send=False,
    )
    login(client, provider)
    assert client.get(reverse("casework:inbox_detail", args=[draft.pk])).status_code == 404


def test_provider_accepts_from_the_inbox_and_cannot_withdraw(english, provider, sent_referral):
    login(english, provider)
    english.post(reverse("casework:inbox_transition", args=[sent_referral.pk, "accept"]))
    sent_referral.refresh_from_db()
    assert sent_referral.state == ReferralState.ACCEPTED
    response = english.post(
        reverse("casework:inbox_transition", args=[sent_referral.pk, "withdraw"]),
        {"note": "x"},
        follow=True,
    )
    assert "Only the other side" in response.content.decode()
    sent_referral.refresh_from_db()
    assert sent_referral.state == ReferralState.ACCEPTED


def test_decline_without_reason_shows_a_message_in_chinese(client, provider, sent_referral):
    login(client, provider)
    response = client.post(
        reverse("casework:inbox_transition", args=[sent_referral.pk, "decline"]),
        {"note": ""},
        follow=True,
    )
    assert response.status_code == 200
    sent_referral.refresh_from_db()
    assert sent_referral.state == ReferralState.SENT
    assert list(response.context["messages"])


def test_caseworker_withdraws_from_the_referral_screen(client, caseworker, sent_referral):
    login(client, caseworker)
    client.post(
        reverse("casework:referral_transition", args=[sent_referral.pk, "withdraw"]),
        {"note": "改派"},
    )
    sent_referral.refresh_from_db()
    assert sent_referral.state == ReferralState.WITHDRAWN


def test_other_office_cannot_change_a_referral(client, other_caseworker, sent_referral):
    login(client, other_caseworker)
    response = client.post(
        reverse("casework:referral_transition", args=[sent_referral.pk, "withdraw"]), {"note": "x"}
    )
    assert response.status_code == 404
    sent_referral.refresh_from_db()
    assert sent_referral.state == ReferralState.SENT


def test_oversight_cannot_change_a_person(client, oversight, person):
    login(client, oversight)
    response = client.post(reverse("casework:person_edit", args=[person.pk]), {"family_name": "改"})
    assert response.status_code == 403
    person.refresh_from_db()
    assert person.family_name == "王"


def test_matching_screen_ranks_offers_and_says_why(
    client, caseworker, person, offers, organization
):
    offers.add(
        organization_id=organization.pk, title="心理健康团体辅导", seats=4, funded_by_contract=True
    )
    offers.add(organization_id=organization.pk, title="只招女性", genders=("female",))
    login(client, caseworker)
    response = client.get(reverse("casework:person_match", args=[person.pk]))
    page = response.content.decode()
    assert "心理健康团体辅导" in page
    assert "只招女性" not in page
    assert response.context["rows"][0]["why"]


def test_matching_screen_filters_by_kind(client, caseworker, person, offers, organization):
    offers.add(organization_id=organization.pk, title="心理辅导服务")
    offers.add(kind="job", organization_id=organization.pk, title="仓库管理员岗位")
    login(client, caseworker)
    page = client.get(
        reverse("casework:person_match", args=[person.pk]), {"kind": "job"}
    ).content.decode()
    assert "仓库管理员岗位" in page and "心理辅导服务" not in page


def test_matching_screen_says_so_when_the_engine_is_unreachable(
    english, caseworker, person, monkeypatch
):
    from matching import selectors

    def unavailable(*, query):
        raise SearchUnavailable("down")

    monkeypatch.setattr(selectors, "offer_search", unavailable)
    login(english, caseworker)
    response = english.get(reverse("casework:person_match", args=[person.pk]))
    assert response.status_code == 200
    assert "cannot be reached" in response.content.decode()


def test_matching_screen_shows_a_capped_total_as_a_lower_bound(
    english, caseworker, person, monkeypatch
):
    from matching import selectors
    from matching.types import MatchResult

    capped = MatchResult(hits=(), total=1000, total_capped=True)
    monkeypatch.setattr(selectors, "offer_search", lambda *, query: capped)
    login(english, caseworker)
    page = english.get(reverse("casework:person_match", args=[person.pk])).content.decode()
    assert "1,000+ offers match." in page
    assert "1000 offers" not in page


def test_matching_screen_shows_an_exact_total_as_it_is(english, caseworker, person, monkeypatch):
    from matching import selectors
    from matching.types import MatchResult

    exact = MatchResult(hits=(), total=999)
    monkeypatch.setattr(selectors, "offer_search", lambda *, query: exact)
    login(english, caseworker)
    page = english.get(reverse("casework:person_match", args=[person.pk])).content.decode()
    assert "999 offers match." in page and "+" not in page.split("offers match")[0][-8:]


def test_refer_in_one_step_from_the_matching_screen(client, caseworker, person, offer):
    login(client, caseworker)
    response = client.post(
        reverse("casework:refer", args=[person.pk]),
        {
            "offer_key": offer.key,
            "need_category": person.assessments.get().needs.get().category.pk,
            "shared_fields": ["first_name", "age"],
            "consent": "on",
            "send": "on",
        },
    )
    referral = person.referrals.get()
    assert response.status_code == 302
    assert referral.state == ReferralState.SENT
    assert referral.shared_fields == ["age", "first_name"]


def test_refer_without_consent_is_refused(english, caseworker, person, offer):
    login(english, caseworker)
    response = english.post(
        reverse("casework:refer", args=[person.pk]),
        {
            "offer_key": offer.key,
            "need_category": person.assessments.get().needs.get().category.pk,
            "send": "on",
        },
    )
    assert response.status_code == 200
    assert "consent" in response.content.decode()
    assert not person.referrals.exists()


def test_refer_to_a_full_offer_shows_a_message(english, caseworker, person, offers, organization):
    full = offers.add(organization_id=organization.pk, seats=0)
    login(english, caseworker)
    response = english.post(
        reverse("casework:refer", args=[person.pk]),
        {
            "offer_key": full.key,
            "need_category": person.assessments.get().needs.get().category.pk,
            "consent": "on",
            "send": "on",
        },
    )
    assert "no seats left" in response.content.decode()
    assert not person.referrals.exists()


def person_post(office, number, **overrides):
    data = {
        "family_name": "陈",
        "given_name": "志强",
        "identity_number": number,
        "gender": "male",
        "birth_date": "1985-04-12",
        "offense": "交通肇事罪",
        "correction_type": "probation",
        "start_date": "2025-01-01",
        "end_date": "2026-01-01",
        "judicial_office": office.pk,
        "supervision_level": "ordinary",
        "status": "under_supervision",
    }
    data.update(overrides)
    return data


def test_create_person_with_a_wrong_check_digit_shows_the_field_error(
    english, caseworker, office_a
):
    from datetime import date

    number = make_identity_number(birth_date=date(1985, 4, 12), serial=3)
    wrong = number[:17] + ("0" if number[17] != "0" else "1")
    login(english, caseworker)
    response = english.post(reverse("casework:person_create"), person_post(office_a, wrong))
    assert response.status_code == 200
    assert "check character" in str(response.context["form"].errors["identity_number"])
    assert not SupervisedPerson.objects.exists()


def test_create_person_with_mismatched_birth_date_and_end_before_start(
    english, caseworker, office_a
):
    from datetime import date

    number = make_identity_number(birth_date=date(1985, 4, 12), serial=3)
    login(english, caseworker)
    response = english.post(
        reverse("casework:person_create"), person_post(office_a, number, birth_date="1985-04-13")
    )
    assert "birth_date" in response.context["form"].errors
    response = english.post(
        reverse("casework:person_create"), person_post(office_a, number, end_date="2024-01-01")
    )
    assert "end_date" in response.context["form"].errors
    assert not SupervisedPerson.objects.exists()


def test_create_person_then_read_is_audited(client, caseworker, office_a):
    from datetime import date

    number = make_identity_number(birth_date=date(1985, 4, 12), serial=3)
    login(client, caseworker)
    response = client.post(reverse("casework:person_create"), person_post(office_a, number))
    person = SupervisedPerson.objects.get()
    assert response.status_code == 302
    assert person.identity_number == number
    assert (
        AuditEntry.objects.filter(action="casework.person.create", object_id=str(person.pk)).count()
        == 1
    )


AUDITED_READS = [
    "casework:person_detail",
    "casework:person_edit",
    "casework:person_match",
    "casework:assessment_create",
    "casework:assessment_detail",
    "casework:plan_create",
]


@pytest.mark.parametrize("screen", AUDITED_READS)
def test_every_read_of_a_person_record_writes_an_audit_row(
    client, caseworker, person, no_search, screen
):
    login(client, caseworker)
    before = AuditEntry.objects.filter(
        action="casework.person.read", object_id=str(person.pk)
    ).count()
    client.get(person_url(screen, person))
    entries = AuditEntry.objects.filter(action="casework.person.read", object_id=str(person.pk))
    assert entries.count() == before + 1
    entry = entries.first()
    assert entry.actor == caseworker
    assert entry.object_repr == person.referral_code
    assert person.full_name not in entry.object_repr


def test_list_export_and_referral_changes_are_audited(client, caseworker, provider, sent_referral):
    login(client, caseworker)
    client.get(reverse("casework:person_list"))
    client.get(reverse("casework:person_export"))
    assert AuditEntry.objects.filter(action="casework.person.list", actor=caseworker).exists()
    assert AuditEntry.objects.filter(action="casework.person.export", actor=caseworker).exists()
    assert AuditEntry.objects.filter(
        action="casework.referral.send", object_id=str(sent_referral.pk)
    ).exists()
    login(client, provider)
    client.get(reverse("casework:inbox"))
    assert AuditEntry.objects.filter(action="casework.referral.list", actor=provider).exists()
    client.get(reverse("casework:inbox_detail", args=[sent_referral.pk]))
    client.post(reverse("casework:inbox_transition", args=[sent_referral.pk, "accept"]))
    assert AuditEntry.objects.filter(action="casework.referral.read", actor=provider).exists()
    assert AuditEntry.objects.filter(action="casework.referral.accept", actor=provider).exists()


def test_dashboard_shows_casework_links_per_role(
    client, caseworker, provider, oversight, sent_referral
):
    login(client, caseworker)
    assert reverse("casework:person_list") in client.get(reverse("dashboard")).content.decode()
    login(client, provider)
    page = client.get(reverse("dashboard")).content.decode()
    assert (
        reverse("casework:inbox") in page
        and f'href="{reverse("casework:person_list")}"' not in page
    )
    login(client, oversight)
    page = client.get(reverse("dashboard")).content.decode()
    assert (
        reverse("reports:index") in page and f'href="{reverse("casework:person_list")}"' not in page
    )


@pytest.mark.parametrize(
    ("role", "opens"), [("caseworker", True), ("office_colleague", False), ("manager", True)]
)
def test_find_by_identity_number_opens_the_record_without_the_number_in_a_url(
    client, request, sealed_person, role, opens
):
    login(client, request.getfixturevalue(role))
    response = client.post(
        reverse("casework:person_find"), {"number": sealed_person.identity_number.lower()}
    )
    expected = reverse("casework:person_detail", args=[sealed_person.pk])
    assert (response["Location"] == expected) is opens
    assert sealed_person.identity_number not in response["Location"]
    assert AuditEntry.objects.filter(action="casework.person.list", detail__searched=True).exists()


def test_find_with_a_partial_number_says_what_is_expected(english, caseworker, person):
    login(english, caseworker)
    response = english.post(reverse("casework:person_find"), {"number": "410102"}, follow=True)
    assert "full 18-character" in response.content.decode()


def test_find_is_refused_to_providers(client, provider, person):
    login(client, provider)
    response = client.post(reverse("casework:person_find"), {"number": person.identity_number})
    assert response.status_code == 403


@pytest.mark.parametrize("screen", ["casework:person_list", "casework:person_export"])
def test_list_refuses_an_identity_number_by_get_without_echoing_it(
    english, caseworker, person, screen
):
    login(english, caseworker)
    response = english.get(reverse(screen), {"q": f" {person.identity_number.lower()} "})
    assert response.status_code == 302
    assert response["Location"] == reverse("casework:person_list") + "#find-number"
    page = english.get(response["Location"]).content.decode()
    assert "Find by identity number" in page and "are not searched here" in page
    assert person.identity_number not in page and person.identity_number[:15] not in page
    assert not AuditEntry.objects.filter(action="casework.person.export").exists()


def test_list_still_searches_names_and_referral_codes_by_get(client, caseworker, person, office_a):
    from tests.factories.casework import SupervisedPersonFactory

    other = SupervisedPersonFactory(judicial_office=office_a, family_name="钱", given_name="多多")
    login(client, caseworker)
    for query in [person.referral_code, person.full_name]:
        page = client.get(reverse("casework:person_list"), {"q": query}).content.decode()
        assert person.full_name in page and other.full_name not in page
