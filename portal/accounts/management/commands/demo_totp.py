"""Print the current second-factor code of the demo staff accounts (development only)."""

import time

from allauth.mfa import app_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.accounts.demo import DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = "Print the code a demo staff account's authenticator would show now (DEBUG only)."

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError("Demo staff have a known key only when DEBUG is on.")
        now = int(time.time())
        counter, left = divmod(now, app_settings.TOTP_PERIOD)
        code = format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counter))
        self.stdout.write(f"{code}  (valid for {app_settings.TOTP_PERIOD - left} more seconds)")
