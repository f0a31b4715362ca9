from django.core.management.base import BaseCommand

from casework.services import referrals_remind


class Command(BaseCommand):
    help = (
        "E-mail caseworkers the referrals needing attention (declined, completed, no-show, "
        "overdue), again every REFERRAL_REMINDER_DAYS days until someone acts."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue", action="store_true", help="Run as a background task instead of now."
        )

    def handle(self, *args, enqueue: bool = False, **options):
        if enqueue:
            from casework.tasks import remind_referrals

            result = remind_referrals.enqueue()
            self.stdout.write(f"Enqueued task {result.id}.")
            return
        self.stdout.write(f"Reminded of {referrals_remind()} referral(s).")
