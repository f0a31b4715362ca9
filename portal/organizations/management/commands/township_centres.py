"""Load townships' own centre points from a file the deployment is licensed to use."""

import csv
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from portal.organizations.services import CENTRE_COLUMNS, township_centres_set


class Command(BaseCommand):
    help = (
        "Give townships their own centre points (WGS-84 decimal degrees) from a UTF-8 CSV file "
        "with the columns code, longitude, latitude; --source names where they come from and "
        "under which licence (recorded in the audit trail). Every row is checked first: a "
        "known township code, given once, a point inside Henan and within 80 km of its "
        "county's centre. Nothing changes if any row is wrong. Townships not in the file keep "
        "their centre. Offers saved earlier keep their coordinates; rebuild the offer index "
        "afterwards (manage.py matching_index rebuild)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="CSV file: code,longitude,latitude")
        parser.add_argument(
            "--source", required=True, help="Where the points come from, and their licence."
        )

    def handle(self, *args, path: Path, source: str, **options):
        try:
            count = township_centres_set(rows=_rows(path), source=source)
        except ValidationError as error:
            raise CommandError("\n".join(error.messages)) from error
        self.stdout.write(_("%(count)s townships have their own centre point.") % {"count": count})


def _rows(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            rows = list(reader)
    except OSError as error:
        raise CommandError(_("The file cannot be read: %(path)s") % {"path": path}) from error
    except (UnicodeDecodeError, csv.Error) as error:
        raise CommandError(_("The file is not a UTF-8 CSV file.")) from error
    if not set(CENTRE_COLUMNS) <= set(reader.fieldnames or ()):
        raise CommandError(
            _("The file's first line must name the columns %(columns)s.")
            % {"columns": ", ".join(CENTRE_COLUMNS)}
        )
    return rows
