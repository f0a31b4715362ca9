"""The HSDS API driven by the official HSDS 3.0 API description (schemathesis, in process).

Every operation of Open Referral's openapi.offline.json is called through the WSGI application
with generated parameters; no answer may be a server error, break the description's response
schemas or use another content type.
"""

from pathlib import Path

import hypothesis
import pytest
import schemathesis
from hypothesis import settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.config import HealthCheck
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections

from services_catalog.models import CostKind
from tests.factories.services_catalog import ServiceOfferPageFactory

DESCRIPTION = (
    Path(__file__).resolve().parents[2]
    / "services_catalog"
    / "hsds"
    / "schema"
    / "openapi.offline.json"
)
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]

schema = schemathesis.openapi.from_path(DESCRIPTION)
schema.config.update(
    base_url="http://testserver/api/hsds",
    suppress_health_check=[HealthCheck.too_slow],
)
schema.config.generation.update(max_examples=15, modes=[GenerationMode.POSITIVE])


@pytest.fixture
def wsgi_app():
    """The project's WSGI application, keeping the test's database connection open.

    As Django's test client does: a request must not close the connection that holds the
    test's transaction.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def published(section_a, section_b):
    """A free offer and a paid one, in two organizations."""
    ServiceOfferPageFactory(section=section_a, title="心理疏导", seats=3)
    ServiceOfferPageFactory(
        section=section_b, title="技能培训", cost=CostKind.FEE, fee_amount="80.00"
    )


@pytest.mark.django_db
@schema.parametrize()
# The offers are made once per operation and only read by the examples.
@settings(suppress_health_check=[hypothesis.HealthCheck.function_scoped_fixture])
def test_hsds_api_conforms_to_the_official_description(case, published, wsgi_app):
    response = case.call(app=wsgi_app)
    case.validate_response(response, checks=CHECKS)
