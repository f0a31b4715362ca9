"""Create or refresh the PostgreSQL application role that may only add to the audit log."""

import os

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from portal.audit.database_roles import app_role_ensure, app_role_statements


class Command(BaseCommand):
    help = (
        "Run as the owner role after every migrate: creates the application role if missing and "
        "grants it read/write on every table but only SELECT and INSERT on the audit tables."
    )

    def add_arguments(self, parser):
        parser.add_argument("--app-role", default="marketplace_app", help="the role the site uses")
        parser.add_argument(
            "--password-env",
            default="",
            help="name of an environment variable holding the role's password (none: unchanged)",
        )
        parser.add_argument("--sql", action="store_true", help="print the SQL, change nothing")

    def handle(self, *args, app_role, password_env, sql, **options):
        if sql:
            for statement in app_role_statements(app_role):
                self.stdout.write(f"{statement};")
            return
        password = os.environ.get(password_env) if password_env else None
        try:
            with transaction.atomic():
                app_role_ensure(app_role, password)
        except (RuntimeError, ValueError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Role {app_role}: SELECT and INSERT only on the audit tables.")
