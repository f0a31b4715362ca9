"""`manage.py seed_demo`: every app's demo data, in order, each part in its own transaction."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from portal.demo import DemoContext, seeders


class Command(BaseCommand):
    help = "Load the demo data of every app; running it again changes nothing."

    def handle(self, *args, **options) -> None:
        context = DemoContext(write=self.stdout.write, show_passwords=settings.DEBUG)
        for seeder in seeders():
            self.stdout.write(self.style.MIGRATE_HEADING(f"[{seeder.order}] {seeder.name}"))
            with transaction.atomic():
                seeder.run(context)
        if not settings.DEBUG:
            self.stdout.write(
                self.style.WARNING(
                    "DEBUG is off: demo passwords are not shown and were randomized."
                )
            )
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
