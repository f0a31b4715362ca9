"""Write the expiry of every named case review whose period ended into the audit log."""

from django.core.management.base import BaseCommand

from portal.audit.services import case_reviews_expire


class Command(BaseCommand):
    help = "Record in the audit log each named case review that expired (once); run from cron."

    def handle(self, *args, **options):
        self.stdout.write(f"Recorded {case_reviews_expire()} expired case reviews.")
