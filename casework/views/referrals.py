"""Referral screens: the caseworker's list and record, the provider inbox, and transitions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from casework.filters import ReferralFilter
from casework.forms import (
    LoggedReferralForm,
    OnwardApprovalForm,
    OnwardProposalForm,
    add_service_errors,
)
from casework.selectors import referrals_visible_to
from casework.services import (
    onward_approve,
    onward_reject,
    referral_log,
    referral_send,
    slip_facts,
)
from casework.views.access import inbox_referral, providers_only, staff_only, visible_person
from matching.exceptions import SearchUnavailable
from matching.forms import ReferralNoteForm, ReferralTransitionForm
from matching.models import OnwardState, Side
from matching.selectors import (
    inbox_referrals_for,
    offer_search,
    referral_actions,
    referral_timeline,
    shared_rows,
)
from matching.services import (
    ONWARD_FROM_STATES,
    onward_propose,
    referral_note_add,
    referral_record_read,
    referral_transition,
    referrals_listed,
)
from matching.types import MatchQuery
from portal.pagination import paginate


def _list(request, referrals, template: str):
    referral_filter = ReferralFilter(request.GET or None, queryset=referrals)
    page = paginate(request, referral_filter.qs, 50)
    referrals_listed(actor=request.user, count=page.paginator.count, request=request)
    query = request.GET.copy()
    query.pop("page", None)
    context = {"filter": referral_filter, "page": page, "query": query.urlencode()}
    return render(request, template, context)


def _apply(request, referral, side: str, name: str) -> None:
    form = ReferralTransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return
    try:
        if name == "send" and side == Side.CASEWORKER:
            referral_send(actor=request.user, referral=referral, request=request)
        else:
            referral_transition(
                referral=referral,
                action=name,
                side=side,
                actor=request.user,
                note=form.cleaned_data["note"],
                completion=form.completion(),
                expected_state=request.POST.get("state", ""),
                request=request,
            )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The referral was updated."))


@staff_only
def referral_list(request):
    return _list(request, referrals_visible_to(request.user), "casework/referral_list.html")


def _detail_context(referral, side: str, note_url: str) -> dict:
    return {
        "referral": referral,
        "timeline": referral_timeline(referral),
        "actions": referral_actions(referral, side),
        "shared_rows": shared_rows(referral),
        "note_form": ReferralNoteForm(),
        "note_url": "" if referral.is_logged else note_url,
        "proposals": referral.onward_proposals.select_related("onward_referral"),
        "onward": referral.onward_referrals.all(),
    }


def _add_note(request, referral, side: str) -> None:
    form = ReferralNoteForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        referral_note_add(
            referral=referral,
            side=side,
            actor=request.user,
            text=form.cleaned_data["text"],
            request=request,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The note was added."))


@staff_only
def referral_detail(request, pk: int):
    referral = get_object_or_404(referrals_visible_to(request.user), pk=pk)
    referral_record_read(actor=request.user, referral=referral, request=request)
    note_url = reverse("casework:referral_note", args=[referral.pk])
    context = _detail_context(referral, Side.CASEWORKER, note_url)
    context["approval_form"] = OnwardApprovalForm()
    context["proposed"] = OnwardState.PROPOSED
    return render(request, "casework/referral_detail.html", context)


@staff_only
@require_POST
def referral_note(request, pk: int):
    referral = get_object_or_404(referrals_visible_to(request.user), pk=pk)
    _add_note(request, referral, Side.CASEWORKER)
    return redirect("casework:referral_detail", pk=pk)


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
    note_url = reverse("casework:inbox_note", args=[referral.pk])
    context = _detail_context(referral, Side.PROVIDER, note_url)
    if referral.state in ONWARD_FROM_STATES and not referral.is_logged:
        context["onward_form"] = OnwardProposalForm(offers=_onward_offers(referral))
    return render(request, "casework/inbox_detail.html", context)


@providers_only
@require_POST
def inbox_note(request, pk: int):
    referral = inbox_referral(request, pk)
    _add_note(request, referral, Side.PROVIDER)
    return redirect("casework:inbox_detail", pk=pk)


@providers_only
@require_POST
def inbox_transition(request, pk: int, name: str):
    referral = inbox_referral(request, pk)
    _apply(request, referral, Side.PROVIDER, name)
    return redirect("casework:inbox_detail", pk=pk)


@staff_only
def referral_log_view(request, pk: int):
    person = visible_person(request, pk)
    form = LoggedReferralForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            referral = referral_log(
                actor=request.user, person=person, logged=form.logged(), request=request
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The referral made elsewhere was recorded."))
            return redirect("casework:referral_detail", pk=referral.pk)
    return render(request, "casework/referral_log.html", {"form": form, "person": person})


def _onward_offers(referral) -> list:
    """Offers a provider may propose: what the open catalog lists, this offer excepted."""
    try:
        hits = offer_search(query=MatchQuery(limit=100)).hits
    except SearchUnavailable:
        return []
    return [hit.document for hit in hits if hit.document.key != referral.offer_key]


@providers_only
@require_POST
def inbox_onward(request, pk: int):
    referral = inbox_referral(request, pk)
    form = OnwardProposalForm(request.POST, offers=_onward_offers(referral))
    try:
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        onward_propose(
            referral=referral,
            offer_key=form.cleaned_data["offer_key"],
            reason=form.cleaned_data["reason"],
            actor=request.user,
            request=request,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The onward referral was proposed to the caseworker."))
    return redirect("casework:inbox_detail", pk=pk)


@staff_only
@require_POST
def onward_decision(request, pk: int, proposal_id: int):
    referral = get_object_or_404(referrals_visible_to(request.user), pk=pk)
    proposal = get_object_or_404(referral.onward_proposals, pk=proposal_id)
    form = OnwardApprovalForm(request.POST)
    form.is_valid()
    try:
        if request.POST.get("decision") == "approve":
            onward = onward_approve(
                actor=request.user,
                proposal=proposal,
                shared_fields=form.cleaned_data.get("shared_fields", []),
                consent_confirmed=form.cleaned_data.get("consent", False),
                request=request,
            )
            messages.success(request, _("The onward referral was sent."))
            return redirect("casework:referral_detail", pk=onward.pk)
        onward_reject(actor=request.user, proposal=proposal, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("casework:referral_detail", pk=pk)


@staff_only
def referral_slip(request, pk: int):
    referral = get_object_or_404(referrals_visible_to(request.user), pk=pk)
    person = referral.person_link.person
    referral_record_read(actor=request.user, referral=referral, request=request)
    with translation.override(person.preferred_language):
        context = {"facts": slip_facts(referral), "language": person.preferred_language}
        return render(request, "casework/referral_slip.html", context)
