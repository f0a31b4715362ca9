"""Check the audit log's hash chain; exit 1 when a row was edited, inserted or deleted."""

from django.core.management.base import BaseCommand, CommandError

from portal.audit.services import audit_verification_record, chain_problem_text


class Command(BaseCommand):
    help = (
        "Walk the audit log's hash chain, report every entry edited, inserted or deleted behind "
        "the application, keep the result for the audit screen and exit non-zero on any break."
    )

    def handle(self, *args, **options):
        verification = audit_verification_record()
        for problem in verification.problems:
            self.stderr.write(chain_problem_text(problem))
        summary = (
            f"Checked {verification.rows_checked} audit entries; "
            f"head {verification.head_sequence or 0} {verification.head_hash or '-'}"
        )
        if not verification.intact:
            raise CommandError(f"{summary}: the chain is BROKEN ({len(verification.problems)}).")
        self.stdout.write(f"{summary}: the chain is intact.")
