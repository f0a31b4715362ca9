"""Dashboard links of purchase of service: budgets, contracts, deliveries to confirm, invoices."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import Role
from portal.accounts.roles import SUPERUSER
from portal.dashboard import DashboardLink, register
from procurement.models import DeliveryState, InvoiceState
from procurement.selectors import deliveries_visible_to, invoices_visible_to

AGENCY = frozenset({Role.AGENCY_MANAGER, Role.OVERSIGHT, SUPERUSER})
PROVIDERS = frozenset({Role.PROVIDER_STAFF, Role.EMPLOYER_STAFF})

register(
    DashboardLink(
        roles=AGENCY,
        title=_("Purchase-of-service budgets"),
        description=_("Budget per agency, committed and spent, burn-down by month."),
        url=lambda request: reverse("procurement:budget_list"),
        order=70,
    )
)
register(
    DashboardLink(
        roles=AGENCY | PROVIDERS,
        title=_("Purchase-of-service contracts"),
        description=_("Contracts, their service items, amendments and evaluation."),
        url=lambda request: reverse("procurement:contract_list"),
        order=71,
    )
)
register(
    DashboardLink(
        roles=frozenset({Role.CASEWORKER}) | PROVIDERS,
        title=_("Service deliveries"),
        description=_("Deliveries recorded by providers, confirmed by the person's caseworker."),
        url=lambda request: reverse("procurement:delivery_list") + "?state=recorded",
        order=72,
        count=lambda request: (
            deliveries_visible_to(request.user).filter(state=DeliveryState.RECORDED).count()
        ),
    )
)
register(
    DashboardLink(
        roles=frozenset({Role.AGENCY_MANAGER, SUPERUSER}) | PROVIDERS,
        title=_("Service invoices"),
        description=_("Monthly invoices from confirmed deliveries: submit, review, pay."),
        url=lambda request: reverse("procurement:invoice_list"),
        order=73,
        count=lambda request: (
            invoices_visible_to(request.user).filter(state=InvoiceState.SUBMITTED).count()
        ),
    )
)
