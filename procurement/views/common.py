"""What every procurement screen shares: list paging, service errors, exports."""

from collections.abc import Callable, Iterable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from portal.audit.services import audit_record
from portal.exports import csv_response, xlsx_response
from portal.pagination import paginate

PAGE_SIZE = 50


def paged(request: HttpRequest, filterset) -> dict[str, Any]:
    """A filter's results, one page of them, and the query string without the page."""
    page = paginate(request, filterset.qs, PAGE_SIZE)
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    return {"filter": filterset, "page": page, "query": query.urlencode()}


def attempt(request: HttpRequest, action: Callable[[], Any], success: str, target: str) -> Any:
    """Run a service; on refusal show its message and change nothing, then go to the target."""
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect(target)


def export(
    request: HttpRequest, *, name: str, rows: Iterable[Iterable[Any]], action: str, count: int
) -> HttpResponse:
    """A CSV or XLSX download (as ?format= asks) through the safe export helper, audited."""
    audit_record(
        actor=request.user,
        action=action,
        object_type="procurement",
        request=request,
        detail={"rows": count, "format": request.GET.get("format", "csv")},
    )
    if request.GET.get("format") == "xlsx":
        return xlsx_response(f"{name}.xlsx", rows, sheet_title=name)
    return csv_response(f"{name}.csv", rows)
