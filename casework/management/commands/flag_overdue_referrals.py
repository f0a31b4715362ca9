from django.conf import settings
from django.core.management.base import BaseCommand

from casework.services import referrals_flag_overdue


class Command(BaseCommand):
    help = "Flag referrals with no answer after REFERRAL_RESPONSE_DAYS days and notify both sides."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue", action="store_true", help="Run as a background task instead of now."
        )

    def handle(self, *args, enqueue: bool = False, **options):
        if enqueue:
            from casework.tasks import flag_overdue_referrals

            result = flag_overdue_referrals.enqueue()
            self.stdout.write(f"Enqueued task {result.id}.")
            return
        flagged = referrals_flag_overdue()
        self.stdout.write(
            f"Flagged {flagged} referral(s) unanswered after "
            f"{settings.REFERRAL_RESPONSE_DAYS} days."
        )
