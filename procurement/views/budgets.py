"""Budget screens: the year's overview, one agency's budget page, per-capita standards."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.accounts.models import Role
from portal.accounts.roles import has_role
from portal.organizations.models import CorrectionsAgency
from procurement import charts
from procurement.forms import BudgetForm, StandardForm, add_service_errors
from procurement.models import PerCapitaStandard
from procurement.permissions import manages_agency, reads_everything, works_for_agency
from procurement.selectors import (
    budget_basis,
    budget_overview,
    budget_summary,
    contracts_visible_to,
    spend_by_category,
    spend_by_provider,
)
from procurement.services import budget_set, standard_set
from procurement.views.common import attempt


def _year(request) -> int:
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else timezone.localdate().year


@login_required
def budget_list(request):
    year = _year(request)
    rows = budget_overview(request.user, year)
    if not rows and not reads_everything(request.user):
        raise PermissionDenied
    return render(request, "procurement/budget_list.html", {"year": year, "rows": rows})


def _may_read(user, agency: CorrectionsAgency) -> bool:
    return reads_everything(user) or works_for_agency(user, agency.pk)


@login_required
def budget_detail(request, pk: int, year: int):
    agency = get_object_or_404(CorrectionsAgency.objects.select_related("jurisdiction"), pk=pk)
    if not _may_read(request.user, agency):
        raise PermissionDenied
    summary = budget_summary(agency, year)
    contracts = contracts_visible_to(request.user).filter(agency=agency, budget_year=year)
    by_provider, by_category = spend_by_provider(contracts), spend_by_category(contracts)
    context = {
        "summary": summary,
        "basis": budget_basis(agency, year) if manages_agency(request.user, agency.pk) else None,
        "form": BudgetForm(),
        "may_set": manages_agency(request.user, agency.pk),
        "by_provider": by_provider,
        "by_category": by_category,
        "chart": charts.budget_charts(summary, by_provider, by_category),
    }
    return render(request, "procurement/budget_detail.html", context)


@login_required
def budget_set_view(request, pk: int, year: int):
    agency = get_object_or_404(CorrectionsAgency, pk=pk)
    if request.method != "POST" or not manages_agency(request.user, agency.pk):
        raise PermissionDenied
    form = BudgetForm(request.POST)
    target = reverse("procurement:budget_detail", args=[pk, year])
    if not form.is_valid():
        return render(
            request, "procurement/budget_form.html", {"form": form, "agency": agency, "year": year}
        )
    data = form.cleaned_data
    return attempt(
        request,
        lambda: budget_set(
            actor=request.user,
            agency=agency,
            year=year,
            override_amount=data["override_amount"],
            override_reason=data["override_reason"],
            request=request,
        ),
        _("The budget was set."),
        target,
    )


@login_required
def standard_list(request):
    if not (reads_everything(request.user) or has_role(request.user, Role.AGENCY_MANAGER)):
        raise PermissionDenied
    form = StandardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            standard_set(actor=request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        except PermissionDenied:
            form.add_error("jurisdiction", _("You may not set the standard of this jurisdiction."))
        else:
            return redirect(request.path)
    standards = PerCapitaStandard.objects.select_related("jurisdiction")[:200]
    return render(request, "procurement/standard_list.html", {"form": form, "standards": standards})
