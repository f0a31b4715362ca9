"""Journey c: a volunteer signs up, confirms the e-mail, completes the profile and documents;
the agency manager screens them step by step; the volunteer takes a shift on a 360 px phone."""

from datetime import date

import pytest
from playwright.sync_api import expect

from matching.eligibility import Language
from portal.accounts.models import Role
from tests.e2e.journeys import confirm_email, no_sideways_scroll
from tests.factories.casework import make_identity_number
from tests.factories.portal import CorrectionsAgencyFactory, user_with_role
from tests.factories.volunteers import PDF_BYTES, ShiftFactory, VolunteerOpportunityPageFactory
from volunteers.models import (
    DocumentKind,
    Interest,
    ScreeningStatus,
    SignUp,
    VolunteerProfile,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SCREENING = [
    ScreeningStatus.DOCUMENTS_CHECKED,
    ScreeningStatus.TRAINING_COMPLETED,
    ScreeningStatus.APPROVED,
]


def test_volunteer_signs_up_is_screened_and_takes_a_shift(journey, tmp_path):
    agency = CorrectionsAgencyFactory()
    manager = user_with_role(Role.AGENCY_MANAGER, agency=agency)
    shift = ShiftFactory(opportunity=VolunteerOpportunityPageFactory(title="社区图书角整理"))
    email = f"helper-{journey.language}@example.cn"
    password = "Volunteer-2026-henan"

    page = journey.go(journey.page(), "/accounts/signup/")
    journey.field(page, "Email").fill(email)
    journey.field(page, "Password").fill(password)
    journey.field(page, "Password (again)").fill(password)
    journey.field(page, "Family name").fill("赵")
    journey.field(page, "Given name").fill("志愿")
    page.get_by_role("button", name=journey.t("Sign Up"), exact=True).click()
    confirm_email(journey, page, email, password)

    journey.go(page, "/volunteers/profile/")
    journey.field(page, "Real name").fill("赵志愿")
    journey.field(page, "Phone").fill("13900139000")
    journey.field(page, "Identity number").fill(
        make_identity_number(birth_date=date(1986, 4, 12), serial=41)
    )
    journey.field(page, "Screening agency").select_option(str(agency.pk))
    journey.field(page, "Where I can help").select_option(str(agency.jurisdiction.pk))
    interests = journey.group(page, "Interests")
    interests.get_by_label(journey.say(Interest.PUBLIC_WELFARE.label), exact=True).check()
    languages = journey.group(page, "Languages and dialects")
    languages.get_by_label(journey.say(Language.MANDARIN.label), exact=True).check()
    journey.group(page, "Weekly availability").get_by_role("checkbox").first.check()
    page.get_by_role("button", name=journey.t("Save"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    profile = VolunteerProfile.objects.get(user__email=email)
    assert profile.status == ScreeningStatus.APPLIED

    for kind in (DocumentKind.IDENTITY, DocumentKind.NO_CRIMINAL_RECORD):
        upload = tmp_path / f"{kind}.pdf"
        upload.write_bytes(PDF_BYTES)
        journey.go(page, "/volunteers/")
        journey.field(page, "Document type").select_option(kind.value)
        journey.field(page, "File").set_input_files(upload)
        page.get_by_role("button", name=journey.t("Upload"), exact=True).click()
    assert profile.documents.count() == 2

    desk = journey.log_in(manager)
    journey.go(desk, "/volunteers/screening/")
    desk.get_by_role("link", name="赵志愿").click()
    for status in SCREENING:
        journey.field(desk, "Move to").select_option(status.value)
        journey.field(desk, "Reason").fill("材料齐全，培训合格。")
        desk.get_by_role("button", name=journey.t("Record decision"), exact=True).click()
        expect(desk.locator("h1 .badge")).to_have_text(journey.say(status.label))

    phone = journey.page(narrow=True)
    phone.context.add_cookies(page.context.cookies())
    journey.go(phone, "/volunteers/opportunities/")
    phone.get_by_role("link", name="社区图书角整理").click()
    no_sideways_scroll(phone)
    phone.get_by_role("button", name=journey.t("Sign up"), exact=True).click()
    expect(phone.get_by_role("button", name=journey.t("Cancel"), exact=True)).to_be_visible()
    assert SignUp.objects.filter(shift=shift, volunteer=profile).exists()
