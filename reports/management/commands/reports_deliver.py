"""Deliver the committee's report for the last complete quarter (and, with --year, a year)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from reports import periods
from reports.services import report_deliver


class Command(BaseCommand):
    help = (
        "Put the last complete quarter's report in every committee member unit's inbox (run "
        "daily from cron: each report is delivered once). --year YYYY delivers that year's "
        "special work report to the people's congress."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="deliver the yearly report of this year")

    def handle(self, *args, year=None, **options):
        if year is not None:
            if not 2000 <= year <= timezone.localdate().year:
                raise CommandError(_("Choose a year from 2000 to this year."))
            count = report_deliver(period=periods.year(year), kinds=("peoples_congress",))
        else:
            count = report_deliver(period=periods.previous_quarter(timezone.localdate()))
        self.stdout.write(_("Delivered %(count)s reports.") % {"count": count})
