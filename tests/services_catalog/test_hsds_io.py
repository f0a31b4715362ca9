"""HSDS files in: the official examples, row reports, foreign values, all-or-nothing imports."""

import json
import uuid
from io import StringIO
from pathlib import Path

import pytest

from django.core.management import CommandError, call_command
from django.utils import translation

from services_catalog.hsds import tabular
from services_catalog.models import CostKind, ServiceOfferPage
from tests.factories.portal import make_credit_code
from tests.factories.services_catalog import ServiceOfferPageFactory, section_for

pytestmark = pytest.mark.django_db

EXAMPLES = Path(__file__).resolve().parents[2] / "services_catalog" / "hsds" / "examples"
EXAMPLE_ID = "ac148810-d857-441c-9679-408f346de14b"
KEEP = ("--foreign=keep", "--jurisdiction=410102", "--language=zh", "--delivery-mode=on_site")


def run_import(path: Path, *args: str) -> str:
    out = StringIO()
    try:
        with translation.override("en"):
            call_command("import_hsds", str(path), *args, stdout=out)
    except CommandError as error:
        raise CommandError(f"{error}\n{out.getvalue()}") from error
    return out.getvalue()


def failed_import(path: Path, *args: str) -> str:
    out = StringIO()
    with pytest.raises(CommandError), translation.override("en"):
        call_command("import_hsds", str(path), *args, stdout=out)
    return out.getvalue()


def write_json(tmp_path: Path, data) -> Path:
    path = tmp_path / "services.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def example(name: str = "service_full.json") -> dict:
    return json.loads((EXAMPLES / name).read_text(encoding="utf-8"))


def chinese(document: dict) -> dict:
    """The official example with nothing foreign left: yuan, Mandarin, +8, no foreign extras."""
    document["cost_options"][0]["currency"] = "CNY"
    document["languages"] = [{"id": str(uuid.uuid4()), "code": "zh", "name": "普通话"}]
    document["service_areas"] = []
    for schedule in document["schedules"]:
        schedule["timezone"] = 8
    location = document["service_at_locations"][0]["location"]
    location["latitude"], location["longitude"] = 34.75, 113.62
    location["addresses"][0] |= {"country": "CN", "city": "郑州市", "region": "中原区"}
    location["addresses"][0] |= {"state_province": "河南省"}
    document["organization"]["organization_identifiers"] = []
    return document


def org_args(organization) -> tuple[str, ...]:
    return (f"--organization={organization.credit_code}", *KEEP)


def exported_service(tmp_path: Path) -> dict:
    call_command("export_hsds", str(tmp_path / "out"), "--all", stdout=StringIO())
    [service] = tabular.nested_services(tabular.read_tables(tmp_path / "out"))
    return service


# --- the official examples -------------------------------------------------------------------


def test_official_full_service_is_imported_as_a_draft_keeping_what_has_no_field(
    tmp_path, organization_a
):
    output = run_import(EXAMPLES / "service_full.json", *org_args(organization_a))
    assert "Imported 1 new" in output
    offer = ServiceOfferPage.objects.get(hsds_id=EXAMPLE_ID)
    assert not offer.live
    assert offer.hsds_extra["program"]["name"] == "Community Mental Health Support"
    assert offer.hsds_extra["fields"]["accreditations"]
    exported = exported_service(tmp_path)
    for key in ("program", "accreditations", "licenses", "wait_time", "alert", "metadata"):
        assert exported.get(key), key
    assert exported["funding"][0]["source"].startswith("This service is funded")
    assert exported["service_areas"][0]["extent_type"] == "geojson"


def test_official_full_service_keeps_its_values_when_asked(tmp_path, organization_a):
    run_import(EXAMPLES / "service_full.json", *org_args(organization_a))
    exported = exported_service(tmp_path)
    assert exported["cost_options"][0]["currency"] == "gbp"
    assert exported["cost_options"][0]["amount"] == 35
    assert {language["code"] for language in exported["languages"]} == {"zh", "ur"}
    assert {schedule["timezone"] for schedule in exported["schedules"]} == {3}
    address = exported["service_at_locations"][0]["location"]["addresses"][0]
    assert (address["country"], address["city"], address["address_2"]) == (
        "US",
        "MyCity",
        "MyVillage",
    )
    assert exported["url"] == example()["url"]


def test_official_full_service_invents_no_language_or_delivery_mode(organization_a):
    args = (
        f"--organization={organization_a.credit_code}",
        "--foreign=keep",
        "--jurisdiction=410102",
    )
    output = failed_import(EXAMPLES / "service_full.json", *args)
    assert "name one with --language" in output
    assert "name one with --delivery-mode" in output
    assert not ServiceOfferPage.objects.exists()


def test_languages_and_delivery_modes_named_by_the_user_are_reported(organization_a):
    output = run_import(EXAMPLES / "service_full.json", *org_args(organization_a))
    offer = ServiceOfferPage.objects.get(hsds_id=EXAMPLE_ID)
    assert (offer.languages, offer.delivery_modes) == (["zh"], ["on_site"])
    assert "--language zh is used" in output
    assert "--delivery-mode on_site is used" in output
    assert "no audience is given" in output


def test_official_service_at_location_imports_its_service(organization_a):
    output = run_import(EXAMPLES / "service_at_location_full.json", *org_args(organization_a))
    assert "Imported 1 new" in output
    offer = ServiceOfferPage.objects.get(hsds_id=EXAMPLE_ID)
    assert offer.locations.get().hsds_id == uuid.UUID("3a19ff88-4620-4d17-9830-ac1d859eb5d5")


def test_official_organization_imports_its_services(organization_a):
    output = run_import(EXAMPLES / "organization_full.json", *org_args(organization_a))
    assert "Imported 1 new" in output
    assert "GB-COH 1234567" in output
    assert ServiceOfferPage.objects.get(hsds_id=EXAMPLE_ID).organization == organization_a


@pytest.mark.parametrize("name", ["service_list.json", "service_at_location_list.json"])
def test_official_list_pages_import_every_service(name, organization_a):
    output = run_import(EXAMPLES / name, *org_args(organization_a), "--valid-only")
    assert "Row 1 (service" in output
    assert ServiceOfferPage.objects.filter(hsds_id=EXAMPLE_ID).exists(), output


def test_official_organization_list_reports_each_organization_without_credit_code():
    output = failed_import(EXAMPLES / "organization_list.json", *KEEP)
    assert "Row 1 (organization" in output
    assert "no unified social credit code" in output


def test_official_csv_package_imports_as_a_draft(organization_a):
    output = run_import(EXAMPLES / "csv", *org_args(organization_a), "--valid-only")
    assert "Imported 1 new" in output
    offer = ServiceOfferPage.objects.get(hsds_id=EXAMPLE_ID)
    assert not offer.live
    assert offer.min_age == 12
    assert offer.locations.get().name == "MyCity Civic Center"


# --- foreign values: reported, then kept or refused --------------------------------------------


@pytest.mark.parametrize(
    ("change", "reported"),
    [
        (lambda d: d["cost_options"][0].update(currency="GBP"), "GBP 35 is not in yuan"),
        (
            lambda d: d["service_at_locations"][0]["location"]["addresses"][0].update(country="GB"),
            "GB is outside China",
        ),
        (
            lambda d: d["languages"].append(
                {"id": str(uuid.uuid4()), "code": "ur", "name": "Urdu"}
            ),
            "Urdu is not one of the catalog's languages",
        ),
        (lambda d: d["schedules"][0].update(timezone=0), "UTC+0 is not China's time zone"),
        (
            lambda d: d["service_areas"].append({"id": str(uuid.uuid4()), "name": "Manchester"}),
            "Manchester is not a Henan division",
        ),
    ],
)
def test_foreign_value_is_refused_by_default_and_reported(
    tmp_path, organization_a, change, reported
):
    document = chinese(example())
    change(document)
    output = failed_import(
        write_json(tmp_path, document), f"--organization={organization_a.credit_code}"
    )
    assert reported in output
    assert "refused" in output
    assert not ServiceOfferPage.objects.exists()


def test_foreign_currency_is_kept_as_it_is_when_asked(tmp_path, organization_a):
    document = chinese(example())
    document["cost_options"][0]["currency"] = "GBP"
    output = run_import(write_json(tmp_path, document), *org_args(organization_a))
    assert "GBP 35 is not in yuan: kept as it is" in output
    offer = ServiceOfferPage.objects.get()
    assert (offer.cost, str(offer.fee_amount), offer.fee_currency) == (CostKind.FEE, "35.00", "GBP")


def test_unknown_identifier_scheme_is_refused_or_kept(tmp_path, organization_a):
    document = chinese(example())
    document["organization"] = example()["organization"]
    path = write_json(tmp_path, document)
    refused = failed_import(path, f"--organization={organization_a.credit_code}")
    assert "GB-COH 1234567 is not an identifier scheme we know: refused" in refused
    kept = run_import(path, *org_args(organization_a))
    assert "GB-COH 1234567 is not an identifier scheme we know: kept as it is" in kept
    extra = ServiceOfferPage.objects.get().hsds_extra
    assert extra["source_organization"]["organization_identifiers"][0]["identifier"] == "1234567"


def test_nothing_foreign_imports_without_the_keep_option(tmp_path, organization_a):
    document = chinese(example())
    output = run_import(
        write_json(tmp_path, document),
        f"--organization={organization_a.credit_code}",
        "--delivery-mode=on_site",
    )
    assert "refused" not in output
    assert ServiceOfferPage.objects.get().languages == ["zh"]


# --- row reports -------------------------------------------------------------------------------


def test_invalid_row_is_reported_by_field_and_nothing_is_imported(tmp_path, organization_a):
    bad = {**example(), "id": "not-a-uuid", "name": "Bad row"}
    output = failed_import(write_json(tmp_path, [example(), bad]), *org_args(organization_a))
    assert "Row 2" in output and "ERROR id:" in output
    assert not ServiceOfferPage.objects.exists()


def test_report_names_the_bad_field(tmp_path, organization_a):
    bad = {**example(), "minimum_age": 40, "maximum_age": 20}
    assert "ERROR max_age:" in failed_import(write_json(tmp_path, bad), *org_args(organization_a))


def test_valid_only_imports_the_good_rows(tmp_path, organization_a):
    bad = {**example(), "id": "11111111-1111-4111-8111-111111111111", "maximum_age": "old"}
    output = run_import(
        write_json(tmp_path, [example(), bad]), *org_args(organization_a), "--valid-only"
    )
    assert "Imported 1 new and updated 0 services; skipped 1" in output
    assert list(ServiceOfferPage.objects.values_list("hsds_id", flat=True)) == [
        uuid.UUID(EXAMPLE_ID)
    ]


def test_service_without_credit_code_or_default_organization_is_reported():
    output = failed_import(EXAMPLES / "service_full.json", *KEEP)
    assert "no unified social credit code" in output
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
    output = failed_import(write_json(tmp_path, document), *KEEP)
    assert "organization.organization_identifiers" in output


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
    run_import(write_json(tmp_path, document), *KEEP)
    offer = ServiceOfferPage.objects.get(hsds_id=EXAMPLE_ID)
    assert offer.organization.credit_code == code
    assert offer.organization.is_verified


def test_malformed_json_is_a_clear_error(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError, match="not valid JSON"):
        run_import(path)


def test_foreign_currency_is_shown_as_it_is_on_the_offer_page(client, section_a):
    offer = ServiceOfferPageFactory(
        section=section_a, cost=CostKind.FEE, fee_amount="35.00", fee_currency="GBP"
    )
    page = client.get(offer.url).content.decode()
    assert "35.00 GBP" in page
    assert "¥35.00" not in page


def test_ended_service_is_not_sent_for_approval_even_with_publish(organization_a):
    output = run_import(EXAMPLES / "service_full.json", *org_args(organization_a), "--publish")
    assert "the service has ended; it stays a draft" in output
    offer = ServiceOfferPage.objects.get(hsds_id=EXAMPLE_ID)
    assert not offer.live
    assert not offer.workflow_in_progress


def test_hours_and_details_of_one_place_are_reported_and_exported_again(tmp_path, organization_a):
    document = chinese(example())
    link = document["service_at_locations"][0]
    link["description"] = "每周六在社区服务中心提供"
    saturday = {"id": str(uuid.uuid4()), "freq": "WEEKLY", "byday": "SA"}
    saturday |= {"opens_at": "09:00:00", "closes_at": "12:00:00"}
    link["location"]["schedules"].append(saturday)

    output = run_import(write_json(tmp_path, document), *org_args(organization_a))

    assert "service_at_locations[0]: kept aside as imported" in output
    assert "location.schedules, description." in output  # the service's own hours repeated: not
    exported = exported_service(tmp_path)["service_at_locations"][0]
    assert exported["description"] == "每周六在社区服务中心提供"
    assert saturday["id"] in {item["id"] for item in exported["location"]["schedules"]}


def test_our_own_export_reimports_without_place_details_kept_aside(tmp_path, organization_a):
    ServiceOfferPageFactory(section=section_for(organization_a))
    document = exported_service(tmp_path)
    ServiceOfferPage.objects.all().delete()

    output = run_import(write_json(tmp_path, document), *org_args(organization_a))

    assert "Imported 1 new" in output
    assert "service_at_locations[0]: kept aside" not in output
