"""`manage.py matching_index rebuild|status|verify|repair`: look after the offer index.

`repair` queues a reindex of only the offers `verify` finds out of step (for a nightly cron:
offers that expired, tasks that failed while the search backend was down).
"""

from tqdm import tqdm

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from matching.backends import get_backend
from matching.exceptions import SearchUnavailable
from matching.indexing import source_count
from matching.selectors import index_status, index_verify
from matching.services import index_rebuild, index_repair


class Command(BaseCommand):
    help = "Rebuild the offer index, count its documents, check it or repair it."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "status", "verify", "repair"])

    def handle(self, *args, action: str, **options):
        try:
            getattr(self, action)()
        except SearchUnavailable as error:
            raise CommandError(_("The search backend is unavailable: %s") % error) from error

    def rebuild(self) -> None:
        with tqdm(total=source_count(), unit="doc", disable=False, file=self.stderr) as bar:
            loaded = index_rebuild(progress=bar.update)
        self.stdout.write(_("Indexed %(count)d offers.") % {"count": loaded})

    def status(self) -> None:
        counts = index_status()
        self.stdout.write(_("Backend: %s") % get_backend().name)
        for kind, count in counts.items():
            self.stdout.write(f"  {kind}: {count}")
        self.stdout.write(_("Total: %(count)d") % {"count": sum(counts.values())})

    def repair(self) -> None:
        count = index_repair()
        self.stdout.write(_("Queued %(count)d offers for reindexing.") % {"count": count})

    def verify(self) -> None:
        report = index_verify()
        for label, keys in (
            (_("missing"), report.missing),
            (_("stale"), report.stale),
            (_("extra"), report.extra),
        ):
            self.stdout.write(_("%(label)s: %(count)d") % {"label": label, "count": len(keys)})
            for key in keys:
                self.stdout.write(f"  {key}")
        if not report.ok:
            raise SystemExit(1)
        self.stdout.write(_("The index agrees with the database."))
