"""Security headers: CSP without inline script, no-store for signed-in pages, privacy policies."""

import pytest

from portal.accounts.models import Role
from tests.factories.portal import user_with_role

pytestmark = pytest.mark.django_db


def _directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    parts = [part.strip().split() for part in policy.split(";") if part.strip()]
    return {part[0]: part[1:] for part in parts}


def test_public_pages_forbid_inline_script(client):
    directives = _directives(client.get("/services/"))
    assert directives["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in directives["style-src"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'self'"]


def test_only_the_wagtail_admin_may_run_inline_script(admin_client):
    directives = _directives(admin_client.get("/admin/"))
    assert "'unsafe-inline'" in directives["script-src"]
    assert "'self'" in directives["script-src"]


def test_no_template_of_the_site_has_inline_script_or_handlers():
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    inline = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+\s*=", re.IGNORECASE)
    apps = [path.parent for path in root.glob("*/apps.py")] + [root / "portal"]
    templates = {path for app in apps for path in app.glob("**/templates/**/*.html")}
    assert len(templates) > 50
    offenders = [str(path) for path in templates if inline.search(path.read_text())]
    assert offenders == []


def test_signed_in_pages_are_never_stored(client):
    client.force_login(user_with_role(Role.VOLUNTEER))
    response = client.get("/dashboard/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_exports_with_personal_data_are_never_stored(client):
    client.force_login(user_with_role(Role.AGENCY_MANAGER))
    response = client.get("/audit/export.csv")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_anonymous_public_pages_stay_cacheable(client):
    response = client.get("/services/")
    assert "no-store" not in response.get("Cache-Control", "")


def test_referrer_and_permissions_policies_are_sent(client):
    response = client.get("/services/")
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
