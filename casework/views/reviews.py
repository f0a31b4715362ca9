"""Second-person reviews: asking to clear a sealed flag, and the manager's list and decisions on
change requests and possible duplicates."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from casework.forms import ReviewDecisionForm, UnsealRequestForm, add_service_errors
from casework.models import ChangeKind, ReviewState
from casework.selectors import duplicate_matches_seen_by, reviews_to_decide
from casework.services import APPROVE, REJECT, person_change_request, review_decide
from casework.views.access import managers_only, staff_only, visible_person

CHANGE_CHOICES = [(APPROVE, gettext_lazy("Approve")), (REJECT, gettext_lazy("Reject"))]
DUPLICATE_CHOICES = [
    (APPROVE, gettext_lazy("Different persons: the new record stands")),
    (REJECT, gettext_lazy("The same person: the new record is to be resolved")),
]


@staff_only
@require_POST
def person_unseal_request(request, pk: int):
    """Ask the agency manager to clear the sealed flag; the record stays sealed until approval."""
    person = visible_person(request, pk)
    form = UnsealRequestForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Give a reason for the request."))
        person_change_request(
            actor=request.user,
            person=person,
            kind=ChangeKind.UNSEAL,
            reason=form.cleaned_data["reason"],
            request=request,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The request was sent to the agency manager for approval."))
    return redirect("casework:person_detail", pk=pk)


@managers_only
def review_list(request):
    """What the manager's agency has to decide, oldest first, and the latest decisions."""
    changes, duplicates = reviews_to_decide(request.user)
    context = {
        "changes": changes.filter(state=ReviewState.PENDING),
        "duplicates": duplicates.filter(state=ReviewState.PENDING),
        "decided": changes.exclude(state=ReviewState.PENDING).order_by("-decided_at")[:20],
    }
    return render(request, "casework/review_list.html", context)


def _decide(request, review, form) -> bool:
    """Apply the manager's decision; True when it was recorded."""
    try:
        review_decide(actor=request.user, review=review, request=request, **form.cleaned_data)
    except PermissionDenied as error:
        messages.error(request, str(error))
    except ValidationError as error:
        add_service_errors(form, error)
    else:
        messages.success(request, _("The decision was recorded."))
        return True
    return False


@managers_only
def change_review(request, pk: int):
    changes, _duplicates = reviews_to_decide(request.user)
    change = get_object_or_404(changes, pk=pk)
    form = ReviewDecisionForm(request.POST or None, choices=CHANGE_CHOICES)
    if request.method == "POST" and form.is_valid() and _decide(request, change, form):
        return redirect("casework:review_list")
    context = {"change": change, "form": form}
    return render(request, "casework/change_review.html", context)


@managers_only
def duplicate_review(request, pk: int):
    _changes, duplicates = reviews_to_decide(request.user)
    review = get_object_or_404(duplicates, pk=pk)
    form = ReviewDecisionForm(request.POST or None, choices=DUPLICATE_CHOICES)
    if request.method == "POST" and form.is_valid() and _decide(request, review, form):
        return redirect("casework:review_list")
    context = {
        "review": review,
        "matches": duplicate_matches_seen_by(request.user, review),
        "form": form,
    }
    return render(request, "casework/duplicate_review.html", context)
