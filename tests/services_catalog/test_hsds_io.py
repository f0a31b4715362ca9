"""HSDS data packages out and HSDS files in: round trips, row reports, all-or-nothing imports."""

import csv
import json
import uuid
from io import StringIO
from pathlib import Path

import pytest

from django.core.management import CommandError, call_command

from services_catalog.hsds import tabular
from services_catalog.hsds.validation import schema_errors, schema_ref
from services_catalog.models import ServiceOfferPage
from tests.factories.portal import make_credit_code
from tests.factories.services_catalog import ServiceOfferPageFactory

pytestmark = pytest.mark.django_db

EXAMPLES = Path(__file__).resolve().parents[2] / "services_catalog" / "hsds" / "examples"
EXAMPLE_ID = "ac148810-d857-441c-9679-408f346de14b"


def run_import(path: Path, *args: str) -> str:
    out = StringIO()
    call_command("import_hsds", str(path), *args, stdout=out)
    return out.getvalue()


def write_json(tmp_path: Path, data) -> Path:
    path = tmp_path / "services.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def example() -> dict:
    return json.loads((EXAMPLES / "service_full.json").read_text(encoding="utf-8"))


def modelled(service: dict) -> dict:
    """The fields of an HSDS service that our offers hold."""
    location = service["service_at_locations"][0]["location"]
    address = location["addresses"][0]
    # We hold one address line: HSDS address_1 and address_2 together.
    street = " ".join(filter(None, [address["address_1"], address.get("address_2")]))
    return {
        "id": service["id"],
        "name": service["name"],
        "alternate_name": service.get("alternate_name"),
        "description": service["description"].strip(),
        "email": service.get("email"),
        "application_process": service.get("application_process"),
        "fees_description": service.get("fees_description"),
        "eligibility_description": service.get("eligibility_description"),
        "ages": (service.get("minimum_age"), service.get("maximum_age")),
        "amount": service["cost_options"][0]["amount"],
        "documents": [item["document"] for item in service["required_documents"]],
        "contact": service["contacts"][0]["name"],
        "location": (location["id"], location["name"], street),
        "postal_code": location["addresses"][0]["postal_code"],
        "accessibility": location["accessibility"][0]["description"],
        "hours": sorted(
            (day, item["opens_at"][:5], item["closes_at"][:5])
            for item in service["schedules"]
            for day in item["byday"].split(",")
        ),
    }


def test_export_writes_a_valid_tabular_package(tmp_path, section_a):
    ServiceOfferPageFactory(section=section_a, title="个体心理咨询", seats=4)
    call_command("export_hsds", str(tmp_path), stdout=StringIO())
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        with (tmp_path / resource["path"]).open(encoding="utf-8") as handle:
            header = next(csv.reader(handle))
        assert header == [field["name"] for field in resource["schema"]["fields"]]
    services = tabular.nested_services(tabular.read_tables(tmp_path))
    assert [service["name"] for service in services] == ["个体心理咨询"]
    assert schema_errors(services[0], schema_ref("compiled/service.json")) == []


def test_official_example_imports_and_exports_back_without_loss(tmp_path, organization_a):
    output = run_import(
        EXAMPLES / "service_full.json",
        f"--organization={organization_a.credit_code}",
        "--jurisdiction=410102",
    )
    assert "Imported 1 services" in output
    call_command("export_hsds", str(tmp_path / "out"), "--all", stdout=StringIO())
    [exported] = tabular.nested_services(tabular.read_tables(tmp_path / "out"))
    assert modelled(exported) == modelled(example())


def test_publish_makes_current_active_services_live(tmp_path, organization_a):
    document = example()
    for schedule in document["schedules"]:
        schedule.pop("valid_to")
    args = (f"--organization={organization_a.credit_code}", "--jurisdiction=410102", "--publish")
    run_import(write_json(tmp_path, document), *args)
    assert ServiceOfferPage.objects.get(hsds_id=EXAMPLE_ID).live


def test_ended_service_stays_a_draft_even_with_publish(organization_a):
    args = (f"--organization={organization_a.credit_code}", "--jurisdiction=410102", "--publish")
    output = run_import(EXAMPLES / "service_full.json", *args)
    assert "stays a draft" in output or "草稿" in output
    assert not ServiceOfferPage.objects.get(hsds_id=EXAMPLE_ID).live


def test_official_csv_package_imports_as_a_draft(organization_a):
    output = run_import(
        EXAMPLES / "csv",
        f"--organization={organization_a.credit_code}",
        "--jurisdiction=410102",
    )
    assert "Imported 1 services" in output
    offer = ServiceOfferPage.objects.get(hsds_id=EXAMPLE_ID)
    assert not offer.live
    assert offer.min_age == 12
    assert offer.locations.get().name == "MyCity Civic Center"


def test_invalid_row_is_reported_by_field_and_nothing_is_imported(tmp_path, organization_a):
    good = example()
    bad = {**example(), "id": "not-a-uuid", "name": "Bad row"}
    path = write_json(tmp_path, [good, bad])
    with pytest.raises(CommandError, match="Nothing imported: 1 of 2"):
        run_import(path, f"--organization={organization_a.credit_code}", "--jurisdiction=410102")
    assert not ServiceOfferPage.objects.exists()


def test_report_names_the_bad_field(tmp_path, organization_a):
    bad = {**example(), "minimum_age": 40, "maximum_age": 20}
    out = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_hsds",
            str(write_json(tmp_path, bad)),
            f"--organization={organization_a.credit_code}",
            "--jurisdiction=410102",
            stdout=out,
        )
    assert "ERROR max_age:" in out.getvalue()


def test_valid_only_imports_the_good_rows(tmp_path, organization_a):
    bad = {**example(), "id": "11111111-1111-4111-8111-111111111111", "maximum_age": "old"}
    path = write_json(tmp_path, [example(), bad])
    output = run_import(
        path,
        f"--organization={organization_a.credit_code}",
        "--jurisdiction=410102",
        "--valid-only",
    )
    assert "Imported 1 services; skipped 1" in output
    assert list(ServiceOfferPage.objects.values_list("hsds_id", flat=True)) == [
        uuid.UUID(EXAMPLE_ID)
    ]


def test_service_without_credit_code_or_default_organization_is_reported(tmp_path):
    with pytest.raises(CommandError):
        run_import(EXAMPLES / "service_full.json", "--jurisdiction=410102")
    assert not ServiceOfferPage.objects.exists()


def test_invalid_credit_code_is_reported_on_the_identifiers(tmp_path):
    document = example()
    document["organization"]["organization_identifiers"] = [
        {
            "id": "d4dbcebc-0802-47cb-8651-b937ac4f2f3e",
            "identifier_scheme": "uscc",
            "identifier_type": "统一社会信用代码",
            "identifier": "91410100MA0000000X",
        }
    ]
    out = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_hsds", str(write_json(tmp_path, document)), "--jurisdiction=410102", stdout=out
        )
    assert "organization.organization_identifiers" in out.getvalue()


def test_valid_credit_code_creates_a_verified_organization_with_its_section(tmp_path):
    code = make_credit_code(77, "410105")
    document = example()
    document["organization"]["organization_identifiers"] = [
        {
            "id": "d4dbcebc-0802-47cb-8651-b937ac4f2f3e",
            "identifier_scheme": "uscc",
            "identifier_type": "统一社会信用代码",
            "identifier": code,
        }
    ]
    document["organization"]["name"] = "郑州市金水区同行社会工作服务中心"
    run_import(write_json(tmp_path, document), "--jurisdiction=410102")
    offer = ServiceOfferPage.objects.get(hsds_id=EXAMPLE_ID)
    assert offer.organization.credit_code == code
    assert offer.organization.is_verified


def test_importing_the_same_service_twice_is_reported(tmp_path, organization_a):
    args = (f"--organization={organization_a.credit_code}", "--jurisdiction=410102")
    run_import(EXAMPLES / "service_full.json", *args)
    with pytest.raises(CommandError):
        run_import(EXAMPLES / "service_full.json", *args)
    assert ServiceOfferPage.objects.count() == 1


def test_malformed_json_is_a_clear_error(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError, match="not valid JSON"):
        run_import(path)
