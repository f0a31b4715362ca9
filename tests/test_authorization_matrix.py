"""Authorization matrix: every URL of the resolver, GET as every role (and anonymous), and POST as
each role that must be refused, against one explicit expected answer per URL name and role."""

import re
from dataclasses import dataclass, field

import pytest

from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern

from portal.audit.models import AuditEntry
from tests.matrix_world import MISSING, MatrixWorld, build_world

pytestmark = pytest.mark.django_db

ALLOW, FORBIDDEN, NOT_FOUND, LOGIN, NOT_ALLOWED = "allow", "403", "404", "login", "405"
ADMIN_DENIED = "denied"  # Wagtail's answer to a missing permission: back to the admin home
ROLES = (
    "anonymous",
    "volunteer",
    "provider_staff",
    "employer_staff",
    "caseworker",
    "caseworker_other",
    "agency_manager",
    "oversight",
    "site_editor",
    "superuser",
)
ADMIN_PREFIXES = ("admin/", "django-admin/")
UNREACHABLE = ("static/", "media/")
SKIPPED_NAMES = ("account_logout",)  # ends the session: checked by allauth's own tests
REGEX_URLS = {  # patterns written as regular expressions, and the URL that exercises each
    "hsds:unknown": "/api/hsds/nothing-here",
    "account_confirm_email": "/accounts/confirm-email/not-a-key/",
    "account_reset_password_from_key": "/accounts/password/reset/key/1-not-a-key/",
    "wagtaildocs_serve": f"/documents/{MISSING}/missing.pdf",
    "wagtail_serve": "/",
}
SLUGS = {"name": "accept", "action": "accept", "slug": "missing", "code": "missing"}
PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")


def url_patterns(resolvers=None, prefix="", namespace=""):
    """Every (route, name, pattern) of the project, routes joined from their resolvers."""
    for entry in get_resolver().url_patterns if resolvers is None else resolvers:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from url_patterns(entry.url_patterns, route, inner)
        elif isinstance(entry, URLPattern):
            yield route, f"{namespace}{entry.name or ''}", entry


def _value(route: str, match: re.Match, world: MatrixWorld):
    converter, name = match.group(1), match.group(2)
    if converter == "uuid":
        return "00000000-0000-0000-0000-000000000000"
    if converter == "year":
        return 2026
    if name in SLUGS:
        return SLUGS[name]
    segments = [s for s in route[: match.start()].split("/") if s and not s.startswith("<")]
    if name != "pk" or not segments:
        return MISSING
    return world.ids.get(segments[-1], MISSING)


def fill(name: str, route: str, entry, world: MatrixWorld) -> str:
    """The URL the matrix requests for a pattern, its parameters filled from the world."""
    if isinstance(entry.pattern, RegexPattern):
        return REGEX_URLS[name]
    for match in PARAM.finditer(route):
        route = route.replace(match.group(0), str(_value(route, match, world)), 1)
    return "/" + route


def site_urls(world: MatrixWorld) -> dict[str, str]:
    """URL name to the URL requested, for every pattern outside the admin areas."""
    found = {}
    for route, name, entry in url_patterns():
        if route.startswith(ADMIN_PREFIXES + UNREACHABLE) or name in SKIPPED_NAMES:
            continue
        found[name] = fill(name, route, entry, world)
    return found


def admin_screens() -> list[str]:
    """Every admin route without parameters (each Wagtail and Django admin index and list)."""
    return [
        "/" + route
        for route, _name, entry in url_patterns()
        if route.startswith(ADMIN_PREFIXES)
        and not isinstance(entry.pattern, RegexPattern)
        and "<" not in route
        and "logout" not in route
    ]


def answer(response) -> str:
    """The matrix's name for an answer: allowed, 403, 404, 405 or a redirect to a login page."""
    if response.status_code in (301, 302):
        location = response["Location"]
        logins = (settings.LOGIN_URL, "/accounts/login/", "/admin/login/", "/django-admin/login/")
        path = location.split("?")[0]
        if path in logins:
            return LOGIN
        return ADMIN_DENIED if path == "/admin/" else ALLOW
    if 200 <= response.status_code < 300:
        return ALLOW
    return str(response.status_code)


def client_for(world: MatrixWorld, role: str) -> Client:
    client = Client(raise_request_exception=False)
    if role != "anonymous":
        client.force_login(world.users[role])
    return client


@pytest.fixture
def world():
    return build_world()


@dataclass(frozen=True)
class Row:
    """The expected answer of one URL to every role: named sets, then a default."""

    allow: frozenset = frozenset()
    not_found: frozenset = frozenset()
    forbidden: frozenset = frozenset()
    anonymous: str = LOGIN
    default: str = FORBIDDEN
    other: dict = field(default_factory=dict)

    def expected(self, role: str) -> str:
        if role == "anonymous":
            return self.anonymous
        if role in self.other:
            return self.other[role]
        for answers, named in (
            (ALLOW, self.allow),
            (NOT_FOUND, self.not_found),
            (FORBIDDEN, self.forbidden),
        ):
            if role in named:
                return answers
        return self.default


def roles(*names: str) -> frozenset:
    return frozenset(names)


SIGNED = frozenset(ROLES) - {"anonymous"}
CASE = roles("caseworker", "caseworker_other", "agency_manager")
OWN_CASE = roles("caseworker", "agency_manager")
READERS = roles("agency_manager", "oversight", "superuser")
VOLUNTEER = roles("volunteer", "superuser")
MFA_STAFF = CASE | roles("oversight", "superuser")
CONTRACT_STRANGERS = roles("volunteer", "employer_staff", "caseworker_other", "site_editor")

PUBLIC = Row(allow=SIGNED, anonymous=ALLOW)
SIGNED_IN = Row(allow=SIGNED)
ALWAYS_LOGIN = Row(default=LOGIN)
NOWHERE = Row(anonymous=NOT_FOUND, default=NOT_FOUND)  # a missing object of a public route
SIGNED_NOWHERE = Row(default=NOT_FOUND)  # a missing object behind the login
POST_ONLY = Row(anonymous=NOT_ALLOWED, default=NOT_ALLOWED)  # GET refused before anything else
OWN_PERSON = Row(allow=OWN_CASE, not_found=roles("caseworker_other"))
CASE_POST = Row(other=dict.fromkeys(CASE, NOT_ALLOWED))
INBOX_POST = Row(
    other=dict.fromkeys(("volunteer", "provider_staff", "employer_staff", "superuser"), NOT_ALLOWED)
)
CONTRACT_READ = Row(
    allow=roles("provider_staff", "caseworker", "agency_manager", "oversight", "superuser"),
    not_found=CONTRACT_STRANGERS,
)
CONTRACT_WRITE = Row(allow=roles("agency_manager", "superuser"), not_found=CONTRACT_STRANGERS)
REPORT_OBJECT = Row(not_found=READERS)
MOVED = PUBLIC  # a retired page: a permanent redirect for anyone; the new page checks who asks

MATRIX: dict[str, Row] = {
    "set_language": PUBLIC,
    "health": PUBLIC,
    "wagtailcore_login_redirect": ALWAYS_LOGIN,
    "wagtailcore_login": ALWAYS_LOGIN,
    "accounts:staff_list": Row(allow=roles("agency_manager", "superuser")),
    "accounts:staff_create": Row(allow=roles("agency_manager", "superuser")),
    **dict.fromkeys(
        (
            "account_login",
            "account_inactive",
            "account_signup",
            "account_email_verification_sent",
            "account_reset_password",
            "account_confirm_email",
            "account_reset_password_from_key_done",
            "account_reset_password_from_key",
            "account_reset_password_done",
        ),
        PUBLIC,
    ),
    **dict.fromkeys(
        (
            "account_reauthenticate",
            "account_request_reauthentication_code",
            "account_confirm_reauthentication_code",
            "account_email",
            "account_change_password",
            "account_set_password",
            "account_confirm_login_code",
            "mfa_index",
            "mfa_authenticate",
            "mfa_reauthenticate",
            "mfa_activate_totp",
            "mfa_generate_recovery_codes",
            "dashboard",
        ),
        SIGNED_IN,
    ),
    "mfa_deactivate_totp": Row(allow=MFA_STAFF, default=NOT_FOUND),
    "mfa_view_recovery_codes": SIGNED_NOWHERE,
    "mfa_download_recovery_codes": SIGNED_NOWHERE,
    "organizations:register": PUBLIC,
    "organizations:verification_queue": Row(allow=READERS),
    "organizations:judicial_offices": Row(allow=roles("agency_manager")),
    "organizations:detail": Row(allow=READERS | roles("provider_staff")),
    "organizations:edit": Row(allow=roles("provider_staff"), default=NOT_FOUND),
    "organizations:certificate": Row(not_found=READERS | roles("provider_staff")),
    "organizations:member_invite": Row(allow=roles("provider_staff"), default=NOT_FOUND),
    "organizations:verify": POST_ONLY,
    "organizations:reject": POST_ONLY,
    "audit:list": Row(allow=READERS),
    "audit:export": Row(allow=READERS),
    "audit:case_reviews": Row(allow=roles("agency_manager")),
    "audit:case_review_revoke": POST_ONLY,
    "audit:my_case_reviews": Row(allow=roles("oversight")),
    "services_catalog:catalog": PUBLIC,
    **dict.fromkeys(
        (
            "hsds:root",
            "hsds:openapi",
            "hsds:services",
            "hsds:organizations",
            "hsds:service_at_locations",
            "hsds:taxonomies",
            "hsds:taxonomy_terms",
            "hsds:services_slash",
            "hsds:organizations_slash",
            "hsds:service_at_locations_slash",
            "hsds:taxonomies_slash",
            "hsds:taxonomy_terms_slash",
        ),
        PUBLIC,
    ),
    **dict.fromkeys(
        (
            "hsds:service",
            "hsds:organization",
            "hsds:service_at_location",
            "hsds:taxonomy",
            "hsds:taxonomy_term",
            "hsds:service_slash",
            "hsds:organization_slash",
            "hsds:service_at_location_slash",
            "hsds:taxonomy_slash",
            "hsds:taxonomy_term_slash",
            "hsds:unknown",
        ),
        NOWHERE,
    ),
    "employment:job_board": PUBLIC,
    "employment:entrepreneurship_list": PUBLIC,
    "employment:fair_list": PUBLIC,
    "employment:fair_detail": NOWHERE,
    "employment:application_list": Row(allow=CASE | roles("employer_staff")),
    "employment:application_detail": Row(not_found=CASE | roles("employer_staff")),
    "employment:follow_up_list": Row(allow=CASE | roles("employer_staff")),
    "employment:follow_up_record": POST_ONLY,
    "employment:figures_moved": MOVED,
    "employment:figures_csv_moved": MOVED,
    "volunteers:home": Row(allow=VOLUNTEER, anonymous=ALLOW),
    "volunteers:profile": Row(allow=VOLUNTEER),
    "volunteers:document_upload": POST_ONLY,
    "volunteers:document_download": Row(
        allow=roles("volunteer", "agency_manager"), default=NOT_FOUND
    ),
    "volunteers:retire": POST_ONLY,
    "volunteers:opportunities": PUBLIC,
    "volunteers:opportunity_detail": PUBLIC,
    "volunteers:my_shifts": Row(allow=VOLUNTEER),
    "volunteers:shift_signup": POST_ONLY,
    "volunteers:signup_cancel": POST_ONLY,
    "volunteers:hours": Row(allow=VOLUNTEER),
    "volunteers:certificate": Row(not_found=VOLUNTEER),  # no approved hours in the year
    "volunteers:mentees": Row(allow=VOLUNTEER),
    "volunteers:mentee_move": Row(other=dict.fromkeys(VOLUNTEER, NOT_ALLOWED)),
    "volunteers:mentor_detail": OWN_PERSON,
    "volunteers:screening_list": Row(allow=roles("agency_manager")),
    "volunteers:screening_detail": Row(allow=roles("agency_manager")),
    "volunteers:identity_confirm": POST_ONLY,
    "volunteers:coordinate_hours": SIGNED_IN,  # lists only what the user coordinates
    "volunteers:hours_decide": POST_ONLY,
    "volunteers:coordinate_shifts": SIGNED_IN,
    "casework:person_list": Row(allow=CASE),
    "casework:person_find": CASE_POST,
    "casework:person_export": Row(allow=CASE),
    "casework:person_create": Row(allow=CASE),
    "casework:person_unseal": CASE_POST,
    "casework:review_list": Row(allow=roles("agency_manager")),
    "casework:change_review": Row(allow=roles("agency_manager")),
    "casework:duplicate_review": Row(allow=roles("agency_manager")),
    **dict.fromkeys(
        (
            "casework:person_detail",
            "casework:person_edit",
            "casework:person_transfer",
            "casework:assessment_create",
            "casework:plan_create",
            "casework:person_match",
            "casework:refer",
            "casework:referral_log",
            "casework:referral_detail",
            "casework:referral_slip",
        ),
        OWN_PERSON,
    ),
    "casework:assessment_detail": Row(not_found=CASE),
    "casework:plan_detail": Row(not_found=CASE),
    "casework:shortlist_change": CASE_POST,
    "casework:referral_list": Row(allow=CASE),
    "casework:referral_note": CASE_POST,
    "casework:onward_decision": CASE_POST,
    "casework:referral_transition": CASE_POST,
    "casework:inbox": Row(
        allow=roles("volunteer", "provider_staff", "employer_staff", "superuser")
    ),
    "casework:inbox_detail": Row(
        allow=roles("provider_staff"), not_found=roles("volunteer", "employer_staff", "superuser")
    ),
    "casework:inbox_note": INBOX_POST,
    "casework:inbox_onward": INBOX_POST,
    "casework:inbox_transition": INBOX_POST,
    "casework:reports_moved": MOVED,
    "casework:case_review": Row(not_found=roles("oversight")),
    "procurement:budget_list": Row(allow=CASE | READERS),
    "procurement:standard_list": Row(allow=READERS),
    "procurement:budget_detail": Row(allow=READERS | roles("caseworker")),
    "procurement:budget_set": Row(),
    "procurement:contract_list": SIGNED_IN,  # lists only the user's contracts
    "procurement:contract_create": Row(allow=roles("agency_manager")),
    "procurement:contract_detail": CONTRACT_READ,
    "procurement:contract_edit": CONTRACT_WRITE,
    "procurement:contract_print": CONTRACT_READ,
    "procurement:contract_evaluation": CONTRACT_READ,
    "procurement:referral_rate": POST_ONLY,
    "procurement:line_create": CONTRACT_WRITE,
    "procurement:line_remove": POST_ONLY,
    "procurement:contract_attach": POST_ONLY,
    "procurement:contract_attachment": SIGNED_NOWHERE,  # the contract has no attachment
    "procurement:contract_amend": CONTRACT_WRITE,
    "procurement:contract_step": POST_ONLY,
    "procurement:delivery_create": Row(allow=roles("provider_staff"), not_found=CONTRACT_STRANGERS),
    "procurement:invoice_generate": POST_ONLY,
    "procurement:delivery_list": SIGNED_IN,
    "procurement:delivery_detail": Row(
        allow=roles("provider_staff", "caseworker", "agency_manager", "superuser"),
        default=NOT_FOUND,
    ),
    "procurement:delivery_edit": Row(
        allow=roles("provider_staff"),
        forbidden=roles("caseworker", "agency_manager", "superuser"),
        default=NOT_FOUND,
    ),
    "procurement:delivery_confirm": POST_ONLY,
    "procurement:delivery_dispute": POST_ONLY,
    "procurement:delivery_withdraw": POST_ONLY,
    "procurement:delivery_evidence": SIGNED_NOWHERE,  # the delivery has no evidence file
    "procurement:invoice_list": SIGNED_IN,
    "procurement:invoice_detail": SIGNED_NOWHERE,  # no invoice in the world
    "procurement:invoice_print": SIGNED_NOWHERE,
    "procurement:invoice_submit": POST_ONLY,
    "procurement:invoice_review": POST_ONLY,
    "procurement:invoice_pay": POST_ONLY,
    "reports:index": Row(allow=READERS),
    "reports:opinions": Row(allow=READERS),
    "reports:opinion_new": Row(allow=roles("oversight")),
    "reports:opinion": REPORT_OBJECT,
    "reports:inbox": Row(allow=READERS),
    "reports:delivery": REPORT_OBJECT,
    "reports:detail": REPORT_OBJECT,
    "cms:search": PUBLIC,
    "wagtaildocs_serve": NOWHERE,
    "wagtaildocs_authenticate_with_password": NOWHERE,
    "wagtailcore_authenticate_with_password": NOWHERE,
    "wagtail_serve": PUBLIC,
}

# Who may POST each action; every other role POSTs an empty body and must be refused.
POST_ALLOWED: dict[str, frozenset] = {
    "organizations:verify": roles("agency_manager", "superuser"),
    "organizations:reject": roles("agency_manager", "superuser"),
    "audit:case_review_revoke": roles("agency_manager"),
    "employment:follow_up_record": CASE | roles("employer_staff"),
    "volunteers:document_upload": VOLUNTEER,
    "volunteers:retire": VOLUNTEER,
    "volunteers:shift_signup": VOLUNTEER,
    "volunteers:signup_cancel": VOLUNTEER,
    "volunteers:mentee_move": VOLUNTEER,
    "volunteers:hours_decide": roles("provider_staff", "agency_manager", "superuser"),
    "volunteers:identity_confirm": roles("agency_manager"),
    "casework:person_find": CASE,
    "casework:person_unseal": OWN_CASE,
    "casework:change_review": roles("agency_manager"),
    "casework:duplicate_review": roles("agency_manager"),
    "casework:shortlist_change": OWN_CASE,
    "casework:referral_note": OWN_CASE,
    "casework:onward_decision": OWN_CASE,
    "casework:referral_transition": OWN_CASE,
    "casework:inbox_note": roles("provider_staff"),
    "casework:inbox_onward": roles("provider_staff"),
    "casework:inbox_transition": roles("provider_staff"),
    "procurement:budget_set": roles("agency_manager", "superuser"),
    "procurement:referral_rate": roles("caseworker", "agency_manager", "superuser"),
    "procurement:line_remove": roles("agency_manager", "superuser"),
    "procurement:contract_attach": roles("agency_manager", "superuser"),
    "procurement:contract_step": roles("provider_staff", "agency_manager", "superuser"),
    "procurement:invoice_generate": roles("provider_staff", "agency_manager", "superuser"),
    "procurement:delivery_confirm": OWN_CASE | roles("superuser"),
    "procurement:delivery_dispute": OWN_CASE | roles("superuser"),
    "procurement:delivery_withdraw": roles("provider_staff"),
    "procurement:invoice_submit": roles("provider_staff"),
    "procurement:invoice_review": roles("agency_manager", "superuser"),
    "procurement:invoice_pay": roles("agency_manager", "superuser"),
}
REFUSALS = (FORBIDDEN, NOT_FOUND)
# Actions whose service refuses the actor with a message and a redirect, after the form is valid:
# they are posted a valid body, and the check is that nothing changed.
POST_BODIES = {
    "volunteers:hours_decide": {"approve": "1"},
    "procurement:invoice_generate": {"period": "2026-03"},
}
# Real authorization holes: (URL name, role) -> why; their cases are strict xfails until fixed.
HOLES: dict[tuple[str, str], str] = {}

WAGTAIL_ADMIN_ROLES = roles("provider_staff", "employer_staff", "site_editor")
PUBLIC_ADMIN = ("/admin/jsi18n/", "/admin/sprite/")
GONE_ADMIN = ("/admin/password_reset/",)  # password resets go through allauth only
ADMIN_MISSING = ("/admin/api/", "/admin/block-preview/")  # need parameters: 404 without
ADMIN_ERROR_TEST = "/admin/failwhale/"  # Wagtail's deliberate server error, for admins
# Screens Wagtail refuses to section editors: settings, people, workflows, snippets of others.
EDITOR_DENIED = (
    "/admin/collections/",
    "/admin/workflows/list/",
    "/admin/workflows/add/",
    "/admin/workflows/tasks/",
    "/admin/reports/locked/",
    "/admin/redirects/",
    "/admin/snippets/matching/",
    "/admin/snippets/choose/matching/category/create/",
    "/admin/places/chooser/create/",
    "/admin/locales/",
    "/admin/sites/",
    "/admin/users/",
    "/admin/groups/",
)
JOB_FAIRS = (
    "/admin/snippets/employment/jobfair/",
    "/admin/snippets/choose/employment/jobfair/create/",
)
DJANGO_ADMIN_READ_ONLY = (  # add screens of append-only or reference data, refused to everyone
    "/django-admin/autocomplete/",
    "/django-admin/audit/auditentry/add/",
    "/django-admin/organizations/jurisdiction/add/",
    "/django-admin/django_tasks_database/dbtaskresult/add/",
)


def _django_admin_expected(url: str, role: str) -> str:
    if role != "superuser" or url == "/django-admin/login/":
        return LOGIN
    return FORBIDDEN if url in DJANGO_ADMIN_READ_ONLY else ALLOW


def _wagtail_editor_expected(url: str, role: str) -> str:
    if url == ADMIN_ERROR_TEST:
        return "500"
    if url.startswith(ADMIN_MISSING):
        return NOT_FOUND
    if url == "/admin/snippets/":  # the project hides Wagtail's snippet index from everyone
        return ADMIN_DENIED
    if url.startswith(JOB_FAIRS):
        return ALLOW if role in ("site_editor", "superuser") else ADMIN_DENIED
    if role == "superuser":
        return NOT_ALLOWED if url == "/admin/redirects/import/process/" else ALLOW
    return ADMIN_DENIED if url.startswith(EDITOR_DENIED) else ALLOW


def admin_expected(url: str, role: str) -> str:
    """The prefix rules of the admin areas: only superusers in Django's, editors in Wagtail's."""
    if url.startswith("/django-admin/"):
        return _django_admin_expected(url, role)
    if url.startswith(GONE_ADMIN):
        return NOT_FOUND
    if url in PUBLIC_ADMIN:
        return ALLOW
    if url == "/admin/login/" or role not in WAGTAIL_ADMIN_ROLES | {"superuser"}:
        return LOGIN
    return _wagtail_editor_expected(url, role)


def _table(differences: list[tuple[str, str, str, str]]) -> str:
    lines = [f"{'url':60} {'role':18} {'expected':9} got"]
    lines += [f"{url:60} {role:18} {expected:9} {got}" for url, role, expected, got in differences]
    return "\n".join(lines)


def _role_param(role: str):
    holes = [reason for (_name, who), reason in HOLES.items() if who == role]
    marks = [pytest.mark.xfail(strict=True, reason="hole: " + "; ".join(holes))] if holes else []
    return pytest.param(role, marks=marks)


ROLE_PARAMS = [_role_param(role) for role in ROLES]


def test_every_url_has_an_expected_answer():
    names = {
        name
        for route, name, _entry in url_patterns()
        if not route.startswith(ADMIN_PREFIXES + UNREACHABLE) and name not in SKIPPED_NAMES
    }
    assert sorted(names - MATRIX.keys()) == [], "URL patterns with no row in MATRIX"
    assert sorted(MATRIX.keys() - names) == [], "MATRIX rows of URLs that no longer exist"
    assert POST_ALLOWED.keys() <= MATRIX.keys()
    assert {name for name, _role in HOLES} <= MATRIX.keys()


def test_admin_areas_are_enumerated_from_the_resolver():
    screens = admin_screens()
    assert len([s for s in screens if s.startswith("/admin/")]) >= 100
    assert len([s for s in screens if s.startswith("/django-admin/")]) >= 30
    assert {"/admin/users/", "/admin/groups/", "/django-admin/accounts/user/"} <= set(screens)


@pytest.mark.parametrize("role", ROLE_PARAMS)
def test_every_url_answers_each_role_as_the_matrix_says(world, role):
    client = client_for(world, role)
    differences = []
    for name, url in site_urls(world).items():
        expected, got = MATRIX[name].expected(role), answer(client.get(url))
        if got != expected:
            differences.append((url, role, expected, got))
    for url in admin_screens():
        expected, got = admin_expected(url, role), answer(client.get(url))
        if got != expected:
            differences.append((url, role, expected, got))
    assert not differences, "\n" + _table(differences)


@pytest.mark.parametrize("role", ROLE_PARAMS)
def test_refused_roles_posting_an_action_are_refused_and_change_nothing(world, role):
    client = client_for(world, role)
    urls = site_urls(world)
    differences = []
    for name, allowed in POST_ALLOWED.items():
        if role in allowed:
            continue
        before = AuditEntry.objects.count()
        got = answer(client.post(urls[name], POST_BODIES.get(name, {})))
        refusals = REFUSALS + ((ALLOW,) if name in POST_BODIES else ())
        refused = got == LOGIN if role == "anonymous" else got in refusals
        if not refused or AuditEntry.objects.count() != before:
            differences.append(
                (urls[name], role, "login" if role == "anonymous" else "403/404", got)
            )
    assert not differences, "\n" + _table(differences)
