"""Funded by contract is derived from active contract lines (one offer, or a category of the
provider's offers), follows the contract's state, and cannot be ticked by providers."""

from matching.funding import funding_clear, funding_set, offer_funded
from matching.models import Category
from portal.organizations.models import VerificationStatus
from portal.organizations.services import organization_verify
from procurement.funding import covered_offer_keys, funding_sync
from procurement.models import ContractState
from services_catalog.documents import to_document
from services_catalog.models import CostKind, ServiceOfferPage
from tests.factories.portal import OrganizationFactory
from tests.factories.procurement import ContractFactory, ContractLineFactory
from tests.factories.services_catalog import ServiceOfferPageFactory


def test_providers_have_no_funded_choice_on_their_offers():
    assert "contract" not in CostKind.values


def test_a_category_rule_funds_only_that_organizations_offers_in_that_category(world):
    counseling = Category.objects.get(slug="psychological-counseling")
    funding_set(source="line:1", organization_id=world.provider.pk, category_id=counseling.pk)
    slug = counseling.slug
    assert offer_funded(key="service:1", organization_id=world.provider.pk, categories=[slug])
    assert not offer_funded(
        key="service:1", organization_id=world.other_provider.pk, categories=[slug]
    )
    assert not offer_funded(key="service:1", organization_id=world.provider.pk, categories=["law"])
    funding_clear(source="line:1")
    assert not offer_funded(key="service:1", organization_id=world.provider.pk, categories=[slug])


def test_active_contract_funds_its_offer_lines_and_closing_stops_it(world):
    funding_sync(contract=world.contract)
    assert offer_funded(key=world.line.offer_key, organization_id=None, categories=[])
    world.contract.state = ContractState.CLOSED
    funding_sync(contract=world.contract)
    assert not offer_funded(key=world.line.offer_key, organization_id=None, categories=[])


def test_offer_document_is_funded_once_a_category_line_of_an_active_contract_covers_it(db):
    organization = OrganizationFactory(status=VerificationStatus.UNVERIFIED)
    section = organization_verify(organization=organization, actor=None)
    page = ServiceOfferPageFactory(section=section)
    other = ServiceOfferPageFactory(
        section=section, categories=Category.objects.filter(slug="legal-education")
    )
    counseling = Category.objects.get(slug="psychological-counseling")
    assert not to_document(page).funded_by_contract
    contract = ContractFactory(organization=organization)
    line = ContractLineFactory(contract=contract, offer_key="", offer_title="", category=counseling)
    assert covered_offer_keys(line) == [f"service:{page.pk}"]
    funding_sync(contract=contract)
    assert to_document(ServiceOfferPage.objects.get(pk=page.pk)).funded_by_contract
    assert not to_document(ServiceOfferPage.objects.get(pk=other.pk)).funded_by_contract


def test_public_catalog_filters_offers_funded_by_an_active_contract(client, db):
    organization = OrganizationFactory(status=VerificationStatus.UNVERIFIED)
    section = organization_verify(organization=organization, actor=None)
    funded = ServiceOfferPageFactory(section=section, title="政府购买心理咨询")
    ServiceOfferPageFactory(
        section=section,
        title="法律讲座",
        categories=Category.objects.filter(slug="legal-education"),
    )
    contract = ContractFactory(organization=organization)
    ContractLineFactory(
        contract=contract,
        offer_key="",
        offer_title="",
        category=Category.objects.get(slug="psychological-counseling"),
    )
    funding_sync(contract=contract)
    response = client.get("/services/", {"funded": "on"})
    assert funded.title in response.text
    assert "法律讲座" not in response.text
