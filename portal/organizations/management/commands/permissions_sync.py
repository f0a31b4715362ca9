"""Scope Wagtail rights: approvals by the provider's own agency, site editors to the CMS pages."""

from django.core.management.base import BaseCommand

from portal.organizations.services import least_privilege_sync


class Command(BaseCommand):
    help = (
        "Give every agency manager their agency's group, let each agency publish only in the "
        "sections of providers in its county, and keep site editors out of provider sections. "
        "Idempotent: run after every upgrade."
    )

    def handle(self, *args, **options):
        least_privilege_sync()
        self.stdout.write("Wagtail groups and page permissions are scoped.")
