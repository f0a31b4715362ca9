"""Journey a: a social organization registers with its certificate and confirms the e-mail; the
agency manager verifies it; the organization writes an offer in the page editor and submits it
to the agency's approval; the manager approves it; a visitor finds it in the catalog on a 360 px
phone."""

import pytest
from playwright.sync_api import Page, expect

from django.core import mail

from matching.eligibility import Language
from portal.accounts.models import Role
from portal.accounts.services import staff_role_setup
from portal.organizations.models import Organization, OrganizationKind, VerificationStatus
from services_catalog.models import DeliveryMode, ServiceOfferPage
from tests.e2e.journeys import Journey, confirm_email, eventually, no_sideways_scroll
from tests.factories.portal import CorrectionsAgencyFactory, UserFactory, make_credit_code

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ORGANIZATION = "郑州市中原区新航社会工作服务中心"
OFFER = "出狱人员就业技能培训"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def register(journey: Journey, page: Page, email: str, password: str, certificate) -> None:
    """Fill in the public registration form as an organization's owner does."""
    journey.go(page, "/organizations/register/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        journey.t("Register your organization")
    )
    kind = journey.say(OrganizationKind.SOCIAL_ORGANIZATION.label)
    page.get_by_label(kind, exact=True).check()
    journey.field(page, "name").fill(ORGANIZATION)
    journey.field(page, "unified social credit code").fill(make_credit_code(4242, "410102"))
    journey.field(page, "legal representative").fill("王静")
    journey.field(page, "Registered in (county)").select_option(label="郑州市 中原区")
    journey.field(page, "address").fill("中原区建设西路66号")
    journey.field(page, "contact phone").fill("0371-67890101")
    journey.field(page, "description").fill("心理辅导、就业指导与社会适应服务。")
    journey.field(page, "Registration certificate").set_input_files(certificate)
    journey.field(page, "Your family name").fill("王")
    journey.field(page, "Your given name").fill("静")
    journey.field(page, "Your e-mail address").fill(email)
    journey.field(page, "Password").fill(password)
    journey.field(page, "Password (again)").fill(password)
    page.get_by_role("button", name=journey.t("Register"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        journey.t("Verify Your Email Address")
    )


def write_offer(journey: Journey, page: Page) -> None:
    """The owner opens the offer editor from the dashboard, fills it in and submits it."""
    page.get_by_role("link", name=journey.t("Add a service offer")).click()
    text_box(journey, page, "title").fill(OFFER)
    text_box(journey, page, "summary").fill("面向社区矫正对象的电工与焊工技能培训。")
    categories = page.get_by_role("region", name=journey.name("categories"))
    categories.get_by_role("checkbox").first.check()
    description = page.locator("[data-contentpath=description] [contenteditable=true]")
    description.click()
    page.keyboard.type("每周两次，由持证教师授课，结业颁发证书。")
    page.get_by_label(journey.say(DeliveryMode.ON_SITE.label), exact=True).check()
    page.get_by_label(journey.say(Language.MANDARIN.label), exact=True).check()
    page.get_by_role("tab", name=journey.t("Seats, cost and contact")).click()
    text_box(journey, page, "contact person").fill("王老师")
    text_box(journey, page, "contact phone").fill("0371-66668888")
    submit = journey.t("Submit to %(workflow_name)s", workflow_name=journey.t("Agency approval"))
    page.get_by_role("button", name=journey.t("More actions")).click()
    page.get_by_role("button", name=submit).click()
    submitted = journey.t(
        "Page '%(page_title)s' created and submitted for moderation.", page_title=OFFER
    )
    expect(page.get_by_text(submitted)).to_be_visible()


def text_box(journey: Journey, page: Page, message: str):
    """A text field of Wagtail's editor (its panel and anchors carry the same label)."""
    return page.get_by_role("textbox", name=journey.name(message))


def approve(journey: Journey, desk: Page) -> None:
    """The manager opens the offer awaiting review in Wagtail and approves it."""
    journey.go(desk, "/dashboard/")
    desk.get_by_role("link", name=journey.t("Approve service offers")).click()
    desk.get_by_role("link", name=OFFER).first.click()
    desk.get_by_role("button", name=journey.t("More actions")).click()
    label = journey.t("%(label)s and Publish", label=journey.t("Approve"))
    desk.get_by_role("button", name=label, exact=True).click()
    updated = journey.t("Page '%(page_title)s' has been updated.", page_title=OFFER)
    expect(desk.get_by_text(updated)).to_be_visible()


def find_on_a_phone(journey: Journey) -> None:
    """A visitor on a 360 px phone finds the offer by a word of its summary and opens it."""
    phone = journey.go(journey.page(narrow=True), "/services/")
    phone.locator("summary").filter(has_text=journey.t("Filters")).click()
    search = phone.get_by_role("search", name=journey.t("Filter services"))
    search.get_by_label(journey.t("Keyword")).fill("焊工")
    search.get_by_role("button", name=journey.t("Apply"), exact=True).click()
    phone.get_by_role("link", name=OFFER).click()
    # The title in its provider's language (an English reader also sees the "in Chinese" tag).
    expect(phone.get_by_role("heading", level=1).locator('[lang="zh-Hans"]')).to_have_text(OFFER)
    offered_by = journey.t("Offered by %(name)s", name=ORGANIZATION)
    expect(phone.get_by_text(offered_by)).to_be_visible()
    no_sideways_scroll(phone)


def test_organization_registers_publishes_an_offer_and_the_agency_approves_it(journey, tmp_path):
    agency = CorrectionsAgencyFactory()
    manager = UserFactory(role=Role.AGENCY_MANAGER)
    staff_role_setup(user=manager, agency=agency, judicial_office=None, actor=None)
    email = f"owner-{journey.language}@xinhang.org.cn"
    password = "Xinhang-2026-henan"
    certificate = tmp_path / "登记证书.pdf"
    certificate.write_bytes(PDF)

    owner = journey.page()
    register(journey, owner, email, password, certificate)
    confirm_email(journey, owner, email, password)
    expect(
        owner.get_by_text(
            journey.t(
                "Waiting for a corrections agency manager to verify your registration. "
                "You can publish offers once it is verified."
            )
        )
    ).to_be_visible()
    organization = Organization.objects.get(name=ORGANIZATION)
    assert organization.status == VerificationStatus.UNVERIFIED

    desk = journey.log_in(manager)
    desk.get_by_role("link", name=journey.t("Verify organizations")).click()
    desk.get_by_role("link", name=ORGANIZATION).click()
    desk.get_by_role("button", name=journey.t("Verify"), exact=True).click()
    expect(desk.get_by_text(journey.t("%(name)s is verified.", name=ORGANIZATION))).to_be_visible()
    organization.refresh_from_db()
    assert organization.status == VerificationStatus.VERIFIED

    journey.go(owner, "/dashboard/")
    write_offer(journey, owner)
    offer = ServiceOfferPage.objects.get(title=OFFER)
    assert not offer.live

    approve(journey, desk)
    eventually(lambda: ServiceOfferPage.objects.get(pk=offer.pk).live)
    assert any(OFFER in message.subject for message in mail.outbox if email in message.to)
    find_on_a_phone(journey)
