"""Accessibility: axe-core finds no serious or critical violation on the main screens, in Chinese
and in English (the home page, the catalog, an offer, the matching screen, the referral inbox, an
invoice, a report and the volunteer sign-up)."""

from datetime import date

import pytest
from axe_playwright_python.sync_playwright import Axe

from django.conf import settings
from django.test import Client

from portal.accounts.models import OversightProfile, Role
from procurement.services.ledger import invoice_generate, invoice_submit
from tests.factories.casework import SupervisedPersonFactory
from tests.factories.portal import (
    AgencyManagerAssignmentFactory,
    CorrectionsAgencyFactory,
    JudicialOfficeFactory,
    MembershipFactory,
    OrganizationFactory,
    StaffAssignmentFactory,
    UserFactory,
    jurisdiction,
)
from tests.factories.procurement import (
    ContractFactory,
    ContractLineFactory,
    DeliveryFactory,
    referral_for,
)
from tests.factories.services_catalog import ServiceOfferPageFactory, section_for

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

BLOCKING = {"serious", "critical"}
LANGUAGES = ["zh-hans", "en"]


def _world():
    """One county's caseworker, manager and oversight user, a provider with a live offer under
    an active contract, a person referred to it, and a submitted invoice of three deliveries."""
    agency = CorrectionsAgencyFactory(jurisdiction=jurisdiction("410102"))
    office = JudicialOfficeFactory(agency=agency)
    organization = OrganizationFactory()
    offer = ServiceOfferPageFactory(section=section_for(organization))
    provider = MembershipFactory(organization=organization, user__role=Role.PROVIDER_STAFF).user
    caseworker = StaffAssignmentFactory(judicial_office=office).user
    person = SupervisedPersonFactory(judicial_office=office, caseworkers=[caseworker])
    contract = ContractFactory(agency=agency, organization=organization)
    line = ContractLineFactory(contract=contract, offer_key=f"service:{offer.pk}")
    referral = referral_for(line, person=person)
    for day in (2, 3, 4):
        DeliveryFactory(line=line, referral=referral, delivered_on=date(2026, 3, day))
    invoice = invoice_generate(actor=provider, contract=contract, period=date(2026, 3, 1))
    invoice_submit(actor=provider, invoice=invoice)
    oversight = UserFactory(role=Role.OVERSIGHT)
    OversightProfile.objects.create(
        user=oversight, kind="procuratorate", jurisdiction=jurisdiction("410100")
    )
    manager = AgencyManagerAssignmentFactory(agency=agency).user
    return [
        ("home page", None, "/"),
        ("catalog", None, "/services/"),
        ("offer page", None, offer.url),
        ("matching screen", caseworker, f"/casework/persons/{person.pk}/match/"),
        ("referral inbox", provider, "/casework/inbox/"),
        ("invoice", manager, f"/procurement/invoices/{invoice.pk}/"),
        ("report", oversight, "/reports/referrals/"),
        ("volunteer sign-up", None, "/accounts/signup/"),
    ]


def _session_cookie(user, url):
    """The session of a user logged in (staff with MFA set up) for the browser to carry."""
    client = Client()
    client.force_login(user)
    name = settings.SESSION_COOKIE_NAME
    return {"name": name, "value": client.cookies[name].value, "url": url}


def _blocking_violations(browser, url, language, user):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    cookies = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": url}]
    if user is not None:
        cookies.append(_session_cookie(user, url))
    context.add_cookies(cookies)
    page = context.new_page()
    response = page.goto(url)
    assert response.status == 200, f"{url} answered {response.status}"
    assert page.locator("html").get_attribute("lang").lower() == language
    results = Axe().run(page)
    context.close()
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_main_screens_have_no_serious_or_critical_accessibility_violation(site, browser, language):
    found = {}
    for name, user, path in _world():
        violations = _blocking_violations(browser, f"{site.url}{path}", language, user)
        if violations:
            found[name] = violations
    assert not found, "\n".join(f"{name}: {lines}" for name, lines in found.items())
