"""seed_demo stays quiet: no e-mail reaches the console, and the demo accounts come last."""

import pytest

from django.core.mail import send_mail
from django.core.management import call_command

from portal import demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def kernel_only(monkeypatch):
    """Only the kernel's seeders (order 0-99), which create the accounts."""
    kernel = [seeder for seeder in demo.seeders() if seeder.order < 100]
    monkeypatch.setattr("portal.management.commands.seed_demo.seeders", lambda: kernel)


def test_seeding_prints_the_accounts_last(settings, capsys, kernel_only):
    settings.DEBUG = True
    call_command("seed_demo")
    lines = [line for line in capsys.readouterr().out.splitlines() if line.strip()]
    loaded = next(i for i, line in enumerate(lines) if "Demo data loaded." in line)
    accounts = next(i for i, line in enumerate(lines) if "Demo users" in line)
    assert loaded < accounts
    assert len(lines) - accounts <= 14
    assert "caseworker@demo.cn" in "\n".join(lines[accounts:])


def test_seeding_sends_no_email_to_the_console(settings, capsys, monkeypatch):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    sent = []

    def seeder_that_mails(_ctx):
        sent.append(send_mail("Hello", "Body", "from@demo.cn", ["to@demo.cn"]))

    seeder = demo.Seeder(order=1, name="mails", run=seeder_that_mails)
    monkeypatch.setattr("portal.management.commands.seed_demo.seeders", lambda: [seeder])
    call_command("seed_demo")
    assert sent == [1]
    assert "Subject: Hello" not in capsys.readouterr().out
