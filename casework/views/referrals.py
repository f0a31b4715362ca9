"""Referral screens: the caseworker's list and record, the provider inbox, and transitions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from casework.filters import ReferralFilter
from casework.forms import TransitionForm
from casework.models import TRANSITIONS, SharedField, Side
from casework.selectors import inbox_referrals_for, referrals_visible_to
from casework.services import referral_record_read, referral_transition, referrals_listed
from casework.views.access import inbox_referral, providers_only, staff_only
from portal.pagination import paginate

SHARED_LABELS = {
    "referral_code": gettext_lazy("Referral code"),
    "need": gettext_lazy("Need"),
    **dict(SharedField.choices),
}


def shared_rows(referral) -> list[tuple[str, object]]:
    """The fields the provider sees, labelled, in a stable order."""
    shared = referral.shared_with_provider(on=timezone.localdate())
    return [(SHARED_LABELS[key], value) for key, value in shared.items()]


def actions_for(referral, side: str) -> list[tuple[str, object]]:
    """The transitions of the table this side may apply to the referral now."""
    return [
        (name, transition)
        for name, transition in TRANSITIONS.items()
        if transition.side == side and referral.state in transition.sources
    ]


def _list(request, referrals, template: str):
    referral_filter = ReferralFilter(request.GET or None, queryset=referrals)
    page = paginate(request, referral_filter.qs, 50)
    referrals_listed(actor=request.user, count=page.paginator.count, request=request)
    query = request.GET.copy()
    query.pop("page", None)
    context = {"filter": referral_filter, "page": page, "query": query.urlencode()}
    return render(request, template, context)


def _apply(request, referral, side: str, name: str) -> None:
    form = TransitionForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        referral_transition(
            referral=referral, name=name, side=side, actor=request.user, note=note, request=request
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The referral was updated."))


@staff_only
def referral_list(request):
    return _list(request, referrals_visible_to(request.user), "casework/referral_list.html")


@staff_only
def referral_detail(request, pk: int):
    referral = get_object_or_404(referrals_visible_to(request.user), pk=pk)
    referral_record_read(actor=request.user, referral=referral, request=request)
    context = {
        "referral": referral,
        "events": referral.events.select_related("actor"),
        "actions": actions_for(referral, Side.CASEWORKER),
        "shared_rows": shared_rows(referral),
    }
    return render(request, "casework/referral_detail.html", context)


@staff_only
@require_POST
def referral_transition_view(request, pk: int, name: str):
    referral = get_object_or_404(referrals_visible_to(request.user), pk=pk)
    _apply(request, referral, Side.CASEWORKER, name)
    return redirect("casework:referral_detail", pk=pk)


@providers_only
def inbox(request):
    return _list(request, inbox_referrals_for(request.user), "casework/inbox.html")


@providers_only
def inbox_detail(request, pk: int):
    referral = inbox_referral(request, pk)
    referral_record_read(actor=request.user, referral=referral, request=request)
    context = {
        "referral": referral,
        "events": referral.events.all(),
        "actions": actions_for(referral, Side.PROVIDER),
        "shared_rows": shared_rows(referral),
    }
    return render(request, "casework/inbox_detail.html", context)


@providers_only
@require_POST
def inbox_transition(request, pk: int, name: str):
    referral = inbox_referral(request, pk)
    _apply(request, referral, Side.PROVIDER, name)
    return redirect("casework:inbox_detail", pk=pk)
