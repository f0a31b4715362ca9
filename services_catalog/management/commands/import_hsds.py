from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from matching.eligibility import Language
from portal.organizations.models import Jurisdiction, Organization, VerificationStatus
from services_catalog.hsds.importer import (
    ForeignPolicy,
    ImportDefaults,
    ImportRow,
    check_rows,
    load_services,
)
from services_catalog.models import DeliveryMode
from services_catalog.services import offers_import


class Command(BaseCommand):
    help = (
        "Import HSDS 3.0 documents (services, services at locations, organizations, API pages; "
        "a JSON file or a tabular data package) as service offers. Known ids are updated. "
        "Every row is checked and reported; nothing is imported when a row is invalid, "
        "unless --valid-only."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path", type=Path, help="JSON file, datapackage.json or package folder."
        )
        parser.add_argument(
            "--organization",
            help="Credit code of the verified organization for services that name none.",
        )
        parser.add_argument(
            "--jurisdiction",
            help="Division code for locations whose address names no Henan division.",
        )
        self._add_default_arguments(parser)
        self._add_policy_arguments(parser)

    def _add_default_arguments(self, parser):
        parser.add_argument(
            "--language",
            choices=Language.values,
            help="Language of services that give none of the catalog's languages.",
        )
        parser.add_argument(
            "--delivery-mode",
            choices=DeliveryMode.values,
            help="Delivery mode of services that give none.",
        )

    def _add_policy_arguments(self, parser):
        parser.add_argument(
            "--foreign",
            choices=ForeignPolicy.values,
            default=ForeignPolicy.REFUSE,
            help=(
                "A value the catalog cannot hold as it is (a foreign currency, a country outside "
                "China, an unknown identifier scheme, language, time zone or service area): "
                "'refuse' the row (default) or 'keep' the value as it is. Each is reported."
            ),
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Send active services to the agency's approval workflow (default: drafts).",
        )
        parser.add_argument(
            "--valid-only",
            action="store_true",
            help="Import the valid rows even when others are invalid.",
        )

    def _defaults(self, options) -> ImportDefaults:
        organization = jurisdiction = None
        if options["organization"]:
            organization = Organization.objects.filter(
                credit_code=options["organization"].strip().upper(),
                status=VerificationStatus.VERIFIED,
            ).first()
            if organization is None:
                raise CommandError(
                    f"No verified organization has the credit code {options['organization']}."
                )
        if options["jurisdiction"]:
            jurisdiction = Jurisdiction.objects.filter(code=options["jurisdiction"]).first()
            if jurisdiction is None:
                raise CommandError(f"No division has the code {options['jurisdiction']}.")
        return ImportDefaults(
            organization=organization,
            jurisdiction=jurisdiction,
            publish=options["publish"],
            foreign=options["foreign"],
            language=options["language"] or "",
            delivery_mode=options["delivery_mode"] or "",
        )

    def _report(self, row: ImportRow) -> None:
        label = f"Row {row.number} ({row.kind} {row.service_id or '-'} {row.name})"
        if row.is_valid:
            verdict = "update" if row.existing is not None else "new"
            self.stdout.write(self.style.SUCCESS(f"{label}: valid, {verdict}"))
        for error in row.errors:
            self.stdout.write(self.style.ERROR(f"{label}: ERROR {error}"))
        for warning in row.warnings:
            self.stdout.write(self.style.WARNING(f"{label}: warning {warning}"))
        for change in row.changes:
            self.stdout.write(f"{label}: changed {change}")
        if row.existing is not None and not row.changes:
            self.stdout.write(f"{label}: unchanged")

    def handle(self, *args, path: Path, **options):
        if not path.exists():
            raise CommandError(f"{path} does not exist.")
        try:
            documents = load_services(path)
        except ValueError as error:
            raise CommandError(f"{path} is not valid JSON or CSV: {error}") from error
        rows = check_rows(documents, self._defaults(options))
        for row in rows:
            self._report(row)
        invalid = [row for row in rows if not row.is_valid]
        if invalid and not options["valid_only"]:
            raise CommandError(f"Nothing imported: {len(invalid)} of {len(rows)} rows are invalid.")
        valid = [row for row in rows if row.is_valid]
        offers_import(rows=valid)
        new = sum(1 for row in valid if row.offer is not None and row.existing is None)
        updated = sum(1 for row in valid if row.existing is not None and row.changes)
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {new} new and updated {updated} services; "
                f"skipped {len(invalid)} invalid rows."
            )
        )
