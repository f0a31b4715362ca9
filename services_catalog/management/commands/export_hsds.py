from pathlib import Path

from django.core.management.base import BaseCommand

from services_catalog.hsds.export import directory_tables, missing_postal_codes
from services_catalog.hsds.tabular import write_package


class Command(BaseCommand):
    help = (
        "Write the published service directory as an HSDS 3.0 tabular data package "
        "(CSV files and the official datapackage.json)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "directory", type=Path, help="Folder to write into (created if missing)."
        )
        parser.add_argument(
            "--all",
            action="store_true",
            help="Include drafts and ended offers (a full backup), not only the public directory.",
        )

    def handle(self, *args, directory: Path, **options):
        tables = directory_tables(include_unpublished=options["all"])
        written = write_package(tables, directory)
        counts = ", ".join(f"{name}: {len(rows)}" for name, rows in sorted(tables.rows.items()))
        self.stdout.write(
            self.style.SUCCESS(f"Wrote {len(written)} files to {directory} ({counts}).")
        )
        missing = missing_postal_codes(tables)
        if missing:
            self.stdout.write(
                self.style.WARNING(
                    f"{missing} addresses have no postal code, which HSDS requires: "
                    "the package will not validate until editors add them."
                )
            )
