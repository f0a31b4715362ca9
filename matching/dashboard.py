"""Dashboard links of matching: the service-category taxonomy for agency managers."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from matching.models import Category
from portal.accounts.models import Role
from portal.accounts.roles import SUPERUSER
from portal.dashboard import DashboardLink, register

register(
    DashboardLink(
        roles=frozenset({Role.AGENCY_MANAGER, SUPERUSER}),
        title=_("Service categories"),
        description=_("The taxonomy that offers provide and supervised persons need."),
        url=lambda request: reverse("wagtailsnippets_matching_category:list"),
        order=90,
        count=lambda request: Category.objects.filter(is_active=True).count(),
    )
)
