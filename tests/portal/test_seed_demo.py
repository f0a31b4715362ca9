import pytest
from allauth.account.models import EmailAddress

from django.core.management import call_command

from wagtail.models import Page

from portal import demo
from portal.accounts.models import Role, User
from portal.audit.models import AuditEntry
from portal.organizations.models import (
    CorrectionsAgency,
    JudicialOffice,
    Membership,
    Organization,
    ProviderSectionPage,
    StaffAssignment,
    VerificationStatus,
)
from portal.organizations.validators import validate_credit_code

pytestmark = pytest.mark.django_db

COUNTED = [
    User,
    EmailAddress,
    CorrectionsAgency,
    JudicialOffice,
    Organization,
    Membership,
    StaffAssignment,
    ProviderSectionPage,
    Page,
    AuditEntry,
]


@pytest.fixture
def kernel_only(monkeypatch):
    """Run only the kernel's seeders (order 0-99), which the other apps' seeders build on."""
    kernel = [seeder for seeder in demo.seeders() if seeder.order < 100]
    monkeypatch.setattr("portal.management.commands.seed_demo.seeders", lambda: kernel)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


def test_whole_demo_twice_gives_the_same_data(settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo")
    first = counts()
    call_command("seed_demo")
    assert counts() == first
    assert "caseworker@demo.cn" in capsys.readouterr().out


def test_kernel_demo_twice_gives_the_same_data(settings, kernel_only):
    settings.DEBUG = True
    call_command("seed_demo")
    first = counts()
    call_command("seed_demo")
    assert counts() == first


def test_kernel_demo_has_agencies_organizations_and_one_user_per_role(settings, kernel_only):
    settings.DEBUG = True
    call_command("seed_demo")
    assert CorrectionsAgency.objects.count() >= 6
    assert all(
        2 <= agency.judicial_offices.count() <= 4 for agency in CorrectionsAgency.objects.all()
    )
    for organization in Organization.objects.all():
        validate_credit_code(organization.credit_code)
    statuses = set(Organization.objects.values_list("status", flat=True))
    assert statuses == set(VerificationStatus.values)
    verified = Organization.objects.filter(status=VerificationStatus.VERIFIED)
    assert ProviderSectionPage.objects.filter(organization__in=verified).count() == verified.count()
    for role in Role.values:
        assert User.objects.filter(role=role).exists(), role
    assert User.objects.get(email="admin@demo.cn").is_superuser
    assert not EmailAddress.objects.filter(verified=False, email__endswith="@demo.cn").exists()
    assert User.objects.get(email="caseworker@demo.cn").check_password("demo-2026-henan")


def test_passwords_are_neither_shown_nor_guessable_without_debug(settings, capsys, kernel_only):
    settings.DEBUG = False
    call_command("seed_demo")
    output = capsys.readouterr().out
    assert "demo-2026-henan" not in output
    assert not User.objects.get(email="caseworker@demo.cn").check_password("demo-2026-henan")
