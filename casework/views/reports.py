"""Aggregate figures for agency managers and oversight: counts only, sealed records included."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from casework.selectors import agency_aggregates, aggregates_by_agency, staff_assignment
from casework.services import aggregates_read
from casework.views.access import reports_only
from portal.accounts.models import Role


@reports_only
def reports(request):
    assignment = staff_assignment(request.user)
    is_manager = request.user.role == Role.AGENCY_MANAGER
    if is_manager and assignment is None:
        raise PermissionDenied
    agency = assignment.agency if is_manager else None
    totals = agency_aggregates(agency_id=agency.pk if agency else None)
    rows = aggregates_by_agency() if request.user.role == Role.OVERSIGHT else []
    aggregates_read(actor=request.user, request=request)
    context = {"agency": agency, "totals": totals, "rows": rows}
    return render(request, "casework/reports.html", context)
