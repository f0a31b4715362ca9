"""`manage.py seed_demo`: every app's demo data, in order, each part in its own transaction.

Seeding is quiet: the e-mails that services send while the demo is built (sign-ups, referrals,
approvals) go nowhere, and the demo accounts are printed last, where they are seen.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

from portal.demo import DemoContext, seeders

SILENT_EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"


class Command(BaseCommand):
    help = "Load the demo data of every app; running it again changes nothing."

    def handle(self, *args, **options) -> None:
        context = DemoContext(write=self.stdout.write, show_passwords=settings.DEBUG)
        with override_settings(EMAIL_BACKEND=SILENT_EMAIL_BACKEND):
            for seeder in seeders():
                self.stdout.write(self.style.MIGRATE_HEADING(f"[{seeder.order}] {seeder.name}"))
                with transaction.atomic():
                    seeder.run(context)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        if not settings.DEBUG:
            self.stdout.write(
                self.style.WARNING(
                    "DEBUG is off: demo passwords are not shown and were randomized."
                )
            )
        for line in context.summary:
            self.stdout.write(line)
