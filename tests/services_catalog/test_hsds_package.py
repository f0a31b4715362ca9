"""The HSDS export against the official data package (Frictionless) and imports of it."""

import json
from io import StringIO
from pathlib import Path

import pytest
from frictionless import validate

from django.core.management import call_command

from matching.funding import funding_set
from portal.organizations.models import Jurisdiction, Membership, Organization, ProviderSectionPage
from services_catalog.hsds import tabular
from services_catalog.models import CostKind, ServiceOfferPage
from tests.factories.services_catalog import ServiceOfferPageFactory

pytestmark = pytest.mark.django_db


def export(directory: Path, *args: str) -> str:
    out = StringIO()
    call_command("export_hsds", str(directory), *args, stdout=out)
    return out.getvalue()


def frictionless_errors(directory: Path) -> list[str]:
    report = validate(str(directory / "datapackage.json"))
    errors = [error.note for error in report.errors]
    for task in report.tasks:
        errors += [
            f"{task.name}.{getattr(error, 'field_name', '')}: {error.type} {error.note}"
            for error in task.errors
        ]
    return errors


def with_postal_code(offer: ServiceOfferPage, code: str = "450000") -> ServiceOfferPage:
    offer.locations.update(postal_code=code)
    return offer


@pytest.fixture
def directory(section_a, section_b):
    """Published offers of two organizations: free, fee and contract, with every codelist."""
    with_postal_code(
        ServiceOfferPageFactory(
            section=section_a,
            title="个体心理咨询",
            seats=4,
            waiting_list=True,
            genders=["female"],
            correction_types=["probation", "parole"],
            supervision_levels=["ordinary"],
            accepts_juveniles=True,
            contact_email="xinhang@example.cn",
        )
    )
    with_postal_code(
        ServiceOfferPageFactory(
            section=section_b,
            title="职业技能培训",
            cost=CostKind.FEE,
            fee_amount="120.00",
            fee_description="每期",
            delivery_modes=["on_site", "online"],
            jurisdiction_code="410303",
        ),
        "471000",
    )
    with_postal_code(fund(ServiceOfferPageFactory(section=section_a, title="法治教育")))


def fund(page: ServiceOfferPage) -> ServiceOfferPage:
    """Fund an offer as an active purchase-of-service contract line would."""
    funding_set(
        source=f"test-line-{page.pk}",
        organization_id=page.organization_id,
        offer_key=f"service:{page.pk}",
    )
    return page


def test_export_validates_against_the_official_hsds_package(tmp_path, directory):
    export(tmp_path)
    assert frictionless_errors(tmp_path) == []


def test_export_writes_the_official_descriptor(tmp_path, directory):
    export(tmp_path)
    written = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert written == tabular.official_descriptor()
    assert written["version"] == "3.0.0"


def test_every_attribute_links_to_a_term_of_a_published_taxonomy(tmp_path, directory):
    export(tmp_path)
    tables = tabular.read_tables(tmp_path)
    terms = {row["id"]: row for row in tables["taxonomy_term"]}
    taxonomies = {row["id"] for row in tables["taxonomy"]}
    assert len(taxonomies) == 2
    codes = set()
    for attribute in tables["attribute"]:
        term = terms[attribute["taxonomy_term_id"]]
        assert term["taxonomy_id"] in taxonomies
        codes.add(term["code"])
    assert {"genders:female", "audience:juveniles", "seats", "correction_types:parole"} <= codes


def test_times_are_written_with_seconds(tmp_path, directory):
    export(tmp_path)
    schedules = tabular.read_tables(tmp_path)["schedule"]
    assert schedules and all(row["opens_at"] == "09:00:00" for row in schedules)
    assert all(row["closes_at"] == "17:00:00" for row in schedules)


def test_missing_postal_code_is_reported_by_the_export(tmp_path, section_a):
    ServiceOfferPageFactory(section=section_a)
    assert "1 addresses have no postal code" in export(tmp_path)
    assert any("postal_code" in error for error in frictionless_errors(tmp_path))


# --- round trip and updates ----------------------------------------------------------------------

# What a new database derives again rather than reads: publication state and its dates.
DERIVED_COLUMNS = {"service": {"status", "assured_date", "last_modified"}}


def comparable(directory: Path) -> dict[str, list[dict]]:
    tables = tabular.read_tables(directory)
    return {
        name: sorted(
            (
                {
                    key: value
                    for key, value in row.items()
                    if key not in DERIVED_COLUMNS.get(name, ())
                }
                for row in rows
            ),
            key=lambda row: row["id"],
        )
        for name, rows in tables.items()
    }


def empty_the_directory() -> None:
    """Remove every offer, section and organization: what a fresh database holds."""
    for page in ServiceOfferPage.objects.all():
        page.delete()
    for section in ProviderSectionPage.objects.all():
        section.delete()
    Membership.objects.all().delete()
    Organization.objects.all().delete()


def run_import(path: Path, *args: str) -> str:
    out = StringIO()
    call_command("import_hsds", str(path), *args, stdout=out)
    return out.getvalue()


def test_export_round_trips_into_an_empty_database(tmp_path, directory):
    ServiceOfferPage.objects.first().service_area.set([Jurisdiction.objects.get(code="410102")])
    export(tmp_path / "first", "--all")
    empty_the_directory()
    assert not Organization.objects.exists()
    output = run_import(tmp_path / "first")
    assert "Imported 3 new" in output
    fund(ServiceOfferPage.objects.get(title="法治教育"))  # contracts are not part of HSDS
    export(tmp_path / "second", "--all")
    assert comparable(tmp_path / "second") == comparable(tmp_path / "first")


def test_second_import_of_the_same_package_changes_nothing(tmp_path, directory):
    export(tmp_path)
    revisions = {page.pk: page.latest_revision_id for page in ServiceOfferPage.objects.all()}
    output = run_import(tmp_path)
    assert output.count(": unchanged") == 3
    assert "updated 0 services" in output
    assert revisions == {
        page.pk: page.latest_revision_id for page in ServiceOfferPage.objects.all()
    }


def test_second_import_updates_by_id_and_reports_each_change(tmp_path, directory):
    export(tmp_path)
    services = (tmp_path / "services.csv").read_text(encoding="utf-8")
    (tmp_path / "services.csv").write_text(
        services.replace("个体心理咨询", "个体心理咨询（团体）"), encoding="utf-8"
    )
    output = run_import(tmp_path)
    assert "changed title: 个体心理咨询 → 个体心理咨询（团体）" in output
    assert "updated 1 services" in output
    offer = ServiceOfferPage.objects.get(title="个体心理咨询")  # the live version stays
    assert offer.get_latest_revision_as_object().title == "个体心理咨询（团体）"
    assert ServiceOfferPage.objects.count() == 3


def test_publish_sends_imports_to_the_agency_workflow_instead_of_publishing(tmp_path, directory):
    export(tmp_path)
    empty_the_directory()
    run_import(tmp_path, "--publish")
    offers = ServiceOfferPage.objects.all()
    assert offers.count() == 3
    assert not any(offer.live for offer in offers)
    assert all(offer.workflow_in_progress for offer in offers)
