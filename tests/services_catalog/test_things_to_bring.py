"""What to bring: a provider ticks documents of the shared list and writes other things in the
offer editor; readers see them in their language; HSDS carries them as required_documents."""

import uuid

import pytest

from django.core.exceptions import ValidationError
from django.utils import translation

from matching.registry import things_to_bring_for
from matching.selectors import offer_key
from matching.types import ThingsToBring
from services_catalog.models import ServiceOfferPage
from tests.factories.services_catalog import ServiceOfferPageFactory, section_for
from tests.services_catalog.admin_forms import add_url, offer_fields, post_editor
from tests.services_catalog.test_hsds_io import exported_service, org_args, run_import, write_json

pytestmark = pytest.mark.django_db


def test_the_offer_editor_saves_documents_to_bring_and_other_things(client, staff_a, section_a):
    client.force_login(staff_a)
    changes = {
        **offer_fields(),
        "documents_to_bring": ["identity_card", "photo"],
        "required_documents": "近期体检报告\n\n工作服 ",
    }

    post_editor(client, add_url(section_a), changes, "action-submit")

    offer = ServiceOfferPage.objects.get(slug="jiuye-jineng")
    assert offer.documents_to_bring == ["identity_card", "photo"]
    assert things_to_bring_for(offer_key("service", offer.pk)) == ThingsToBring(
        documents=("identity_card", "photo"), other=("近期体检报告", "工作服")
    )


def test_a_document_outside_the_shared_list_is_refused():
    field = ServiceOfferPage._meta.get_field("documents_to_bring")

    with pytest.raises(ValidationError) as refused:
        field.validate(["passport"], None)

    assert refused.value.code == "invalid_choice"


def test_the_offer_page_names_listed_documents_in_the_readers_language(client, organization_a):
    offer = ServiceOfferPageFactory(
        section=section_for(organization_a),
        documents_to_bring=["identity_card"],
        required_documents="近期体检报告",
    )

    with translation.override("en"):
        assert offer.things_to_bring == ["Identity card", "近期体检报告"]
    page = client.get(offer.url).content.decode()
    assert "需携带" in page and "身份证" in page and "近期体检报告" in page


def test_hsds_export_and_import_carry_what_to_bring_round_trip(tmp_path, organization_a):
    ServiceOfferPageFactory(
        section=section_for(organization_a),
        documents_to_bring=["identity_card", "cv"],
        required_documents="近期体检报告",
    )
    document = exported_service(tmp_path)
    assert [item["document"] for item in document["required_documents"]] == [
        "身份证",
        "个人简历",
        "近期体检报告",
    ]
    ServiceOfferPage.objects.all().delete()

    run_import(write_json(tmp_path, document), *org_args(organization_a))

    offer = ServiceOfferPage.objects.get()
    assert offer.documents_to_bring == ["identity_card", "cv"]
    assert offer.required_documents == "近期体检报告"


def test_hsds_import_reads_a_listed_document_named_in_english(tmp_path, organization_a):
    ServiceOfferPageFactory(section=section_for(organization_a))
    document = exported_service(tmp_path)
    document["required_documents"] = [
        {"id": str(uuid.uuid4()), "service_id": document["id"], "document": "Identity card"},
        {"id": str(uuid.uuid4()), "service_id": document["id"], "document": "Reference letter"},
    ]
    ServiceOfferPage.objects.all().delete()

    run_import(write_json(tmp_path, document), *org_args(organization_a))

    offer = ServiceOfferPage.objects.get()
    assert offer.documents_to_bring == ["identity_card"]
    assert offer.required_documents == "Reference letter"
