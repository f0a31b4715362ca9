"""Writes of the matching layer: seats under a row lock, the offer index, and referrals with
their one transition function."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mass_mail
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from matching import tasks
from matching.backends import get_backend
from matching.backends.base import Progress
from matching.exceptions import OfferFull, ReferralTransitionRefused
from matching.indexing import Enricher, indexed_documents
from matching.models import (
    SEAT_HOLDING_STATES,
    TRANSITIONS,
    Category,
    OfferCapacity,
    OnwardProposal,
    OnwardState,
    OutcomeResult,
    Referral,
    ReferralEvent,
    ReferralNote,
    ReferralState,
    SharedField,
    Transition,
)
from matching.registry import sources, things_to_bring_for
from matching.rules import eligibility_problems
from matching.selectors import index_verify, offer_document, offers_read_once
from matching.signals import referral_moved
from matching.types import OfferDocument, PersonProfile
from portal.audit.services import audit_record
from portal.identity import validate_no_identity_number


def index_offer(*, key: str) -> None:
    """Queue the reindexing of one offer (after an edit, a publication or a seat change)."""
    tasks.offer_reindex.enqueue(key=key)


def index_remove(*, key: str) -> None:
    """Queue the removal of one offer from the index (after a deletion or unpublication)."""
    tasks.offer_unindex.enqueue(key=key)


def index_repair() -> int:
    """Queue a reindex of every offer the index disagrees on (after expiry, missed tasks)."""
    report = index_verify()
    for key in report.missing + report.stale:
        index_offer(key=key)
    for key in report.extra:
        index_remove(key=key)
    return len(report.missing + report.stale + report.extra)


def index_rebuild(*, progress: Progress | None = None) -> int:
    """Rebuild the whole index from the offer apps; readers keep the old index until it is done."""
    with offers_read_once():
        return get_backend().rebuild(indexed_documents(), progress)


def capacity_set(*, offer_key: str, seats_total: int | None) -> OfferCapacity:
    """Record an offer's seats (None: unlimited); never below the seats already taken."""
    with transaction.atomic():
        capacity, _created = OfferCapacity.objects.select_for_update().get_or_create(
            offer_key=offer_key
        )
        if seats_total is not None and seats_total < capacity.seats_taken:
            seats_total = capacity.seats_taken
        capacity.seats_total = seats_total
        capacity.full_clean()
        capacity.save()
    index_offer(key=offer_key)
    return capacity


def seat_take(*, offer_key: str) -> OfferCapacity:
    """Take one seat of an offer, or raise OfferFull; safe under concurrent calls."""
    with transaction.atomic():
        capacity, _created = OfferCapacity.objects.select_for_update().get_or_create(
            offer_key=offer_key
        )
        if capacity.seats_total is not None and capacity.seats_taken >= capacity.seats_total:
            raise OfferFull()
        capacity.seats_taken += 1
        capacity.save(update_fields=["seats_taken"])
    index_offer(key=offer_key)
    return capacity


def seat_release(*, offer_key: str) -> OfferCapacity:
    """Give a seat back to an offer (never below zero)."""
    with transaction.atomic():
        capacity, _created = OfferCapacity.objects.select_for_update().get_or_create(
            offer_key=offer_key
        )
        if capacity.seats_taken > 0:
            capacity.seats_taken -= 1
            capacity.save(update_fields=["seats_taken"])
    index_offer(key=offer_key)
    return capacity


def referral_open(
    *,
    person_code: str,
    offer_key: str,
    need_category: Category,
    shared_fields: Iterable[str],
    actor: Any,
    message: str = "",
    previous: Referral | None = None,
    request: HttpRequest | None = None,
) -> Referral:
    """Open a draft referral of a person (by code) to a live offer, with the consented fields."""
    shared = sorted(set(shared_fields))
    if not set(shared) <= set(SharedField.values):
        raise ValidationError({"shared_fields": _("Only the listed fields can be shared.")})
    document = offer_document(key=offer_key)
    if document is None:
        raise ValidationError({"offer_key": _("This offer no longer exists.")})
    referral = Referral(
        person_code=person_code,
        need_category=need_category,
        shared_fields=shared,
        message=message,
        previous=previous,
        created_by=actor,
        consent_recorded_at=timezone.now(),
        **_offer_snapshot(document),
        **_bring_snapshot(document.key),
    )
    referral.full_clean()
    with transaction.atomic():
        referral.save()
        ReferralEvent.objects.create(referral=referral, to_state=referral.state, actor=actor)
        _audit_referral(referral, actor, "create", "", request)
    return referral


def _offer_snapshot(document: OfferDocument) -> dict[str, Any]:
    return {
        "offer_key": document.key,
        "offer_title": document.title[:255],
        "offer_kind": document.kind,
        "offer_url": document.url[:500],
        "provider_name": document.provider_name[:255],
        "organization_id": document.organization_id,
        "owner_user_id": document.owner_user_id,
    }


def _bring_snapshot(offer_key: str) -> dict[str, list[str]]:
    """What the offer asks the person to bring, kept on the referral as it is now."""
    things = things_to_bring_for(offer_key)
    return {
        "documents_to_bring": list(things.documents),
        "other_things_to_bring": list(things.other),
    }


# Provider answers the referring caseworker hears of by e-mail.
CASEWORKER_NEWS = frozenset({"accept", "decline", "complete", "no_show"})
# Audit actions keep the names they had when referrals lived in casework, so that the trail of
# one referral reads as one history in the audit log.
AUDIT_PREFIX = "casework.referral."


def _audit_referral(referral: Referral, actor: Any, action: str, note: str, request) -> None:
    audit_record(
        actor=actor,
        action=AUDIT_PREFIX + action,
        obj=referral,
        object_repr=str(referral)[:255],
        request=request,
        detail={"state": referral.state, "note": note, "offer_key": referral.offer_key},
    )


@dataclass(frozen=True)
class SendFacts:
    """What casework gives when a referral is sent: the person's eligibility facts (no
    identity) and the snapshot of the consented fields' values, taken now."""

    profile: PersonProfile
    shared_values: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Completion:
    """The structured outcome recorded beside the free-text note when a referral completes."""

    result: str = ""
    sessions_attended: int | None = None


def _check_transition(
    referral: Referral, action: str, side: str, note: str, expected_state: str
) -> Transition:
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise ReferralTransitionRefused(_("This action does not exist."), code="unknown")
    if expected_state and referral.state != expected_state:
        raise ReferralTransitionRefused(
            _("Someone else changed this referral in the meantime: it is now %(state)s."),
            code="race",
            params={"state": referral.get_state_display()},
        )
    if referral.state not in transition.sources:
        raise ReferralTransitionRefused(
            _("A referral that is %(state)s cannot be moved to %(target)s."),
            code="transition",
            params={
                "state": referral.get_state_display(),
                "target": ReferralState(transition.target).label,
            },
        )
    if transition.side != side:
        raise ReferralTransitionRefused(
            _("Only the other side of the referral can do this."), code="side"
        )
    try:
        validate_no_identity_number(note)
    except ValidationError as error:
        raise ValidationError({"note": error.messages}) from None
    if transition.note_required and not note.strip():
        message = _("%(what)s: this field is required.")
        raise ValidationError(
            {"note": ValidationError(message, params={"what": transition.note_label})}
        )
    return transition


def _check_send(referral: Referral, facts: SendFacts | None) -> None:
    """A referral is sent only to an offer the engine would return for the person today."""
    if referral.is_logged:
        raise ReferralTransitionRefused(_("A logged referral is never sent."), code="logged")
    if facts is None:
        raise ReferralTransitionRefused(_("The person's facts are missing."), code="facts")
    document = offer_document(key=referral.offer_key)
    if document is None:
        raise ValidationError(_("This offer no longer exists."))
    # The offer as the engine indexes it (seats left from the capacity matching keeps).
    document = Enricher(keys=[document.key])(document).document
    problems = eligibility_problems(
        document=document, person=facts.profile, on=timezone.localdate()
    )
    if problems:
        raise ValidationError(problems, code="ineligible")
    referral.shared_values = {
        key: value for key, value in facts.shared_values.items() if key in referral.shared_fields
    }
    referral.consent_recorded_at = timezone.now()
    for name, value in _bring_snapshot(referral.offer_key).items():
        setattr(referral, name, value)


def _apply_seat(referral: Referral, target: str) -> None:
    """Take a seat on acceptance; give it back exactly once when the referral stops holding it."""
    if target in SEAT_HOLDING_STATES and not referral.seat_held and not referral.is_logged:
        seat_take(offer_key=referral.offer_key)
        referral.seat_held = True
    elif referral.seat_held and target not in SEAT_HOLDING_STATES:
        seat_release(offer_key=referral.offer_key)
        referral.seat_held = False


def _apply_fields(referral: Referral, action: str, note: str, completion: Completion) -> None:
    now = timezone.now()
    if action == "send":
        referral.sent_at, referral.overdue_flagged_at = now, None
    if action in {"accept", "decline"}:
        referral.answered_at = now
    if action == "decline":
        referral.decline_reason = note
    if action == "complete":
        _check_completion(completion)
        referral.outcome = note
        referral.outcome_result = completion.result
        referral.sessions_attended = completion.sessions_attended
    if action != "send":
        referral.reminded_at = None


def _check_completion(completion: Completion) -> None:
    if completion.result not in OutcomeResult.values:
        raise ValidationError({"result": _("Say how far the goal was met.")})


def referral_transition(
    *,
    referral: Referral,
    action: str,
    actor: Any,
    side: str,
    note: str = "",
    expected_state: str = "",
    facts: SendFacts | None = None,
    completion: Completion | None = None,
    request: HttpRequest | None = None,
) -> Referral:
    """Apply one transition of the table under a row lock: seat, fields, event, audit.

    Raises `ReferralTransitionRefused` (a ValidationError) when the table, the side or a
    concurrent change refuses it, and ValidationError for bad input; nothing changes then.
    """
    note = note.strip()
    with transaction.atomic():
        referral = Referral.objects.select_for_update().get(pk=referral.pk)
        transition = _check_transition(referral, action, side, note, expected_state)
        if action == "send":
            _check_send(referral, facts)
        previous, target = referral.state, transition.target
        _apply_fields(referral, action, note, completion or Completion())
        referral.state = target
        referral.full_clean()
        _apply_seat(referral, target)
        referral.save()
        ReferralEvent.objects.create(
            referral=referral, from_state=previous, to_state=target, actor=actor, note=note
        )
        _audit_referral(referral, actor, action, note, request)
        _announce(referral, action)
    return referral


def _announce(referral: Referral, action: str) -> None:
    """On sending: let the offer's app open its record now, and mail the provider after commit;
    on the provider's answers, mail the referring caseworker after commit; tell anyone listening
    (`matching.signals.referral_moved`) after commit."""
    transaction.on_commit(
        partial(referral_moved.send, sender=Referral, referral=referral, action=action)
    )
    if action in CASEWORKER_NEWS:
        transaction.on_commit(partial(referral_notify_caseworker, referral=referral))
    if action != "send":
        return
    source = sources().get(referral.offer_kind)
    if source is not None and source.referral_sent is not None:
        source.referral_sent(referral)
    transaction.on_commit(partial(referral_notify_sent, referral=referral))


def _provider_recipients(referral: Referral) -> list[str]:
    users: list[Any] = [referral.owner_user]
    if referral.organization is not None:
        users += [membership.user for membership in referral.organization.memberships.all()]
    return sorted({user.email for user in users if user is not None and user.email})


def _sent_message(referral: Referral) -> tuple[str, str]:
    code = referral.person_code
    subject = gettext("New referral %(code)s") % {"code": code}
    body = gettext(
        "A new referral %(code)s has arrived for “%(offer)s” (need: %(need)s). "
        "Please accept or decline it in the referral inbox: %(url)s"
    ) % {
        "code": code,
        "offer": referral.offer_title,
        "need": referral.need_category.display_name,
        "url": settings.SITE_URL.rstrip("/") + reverse("casework:inbox_detail", args=[referral.pk]),
    }
    return subject, body


def referral_notify_sent(*, referral: Referral) -> int:
    """E-mail the provider's members (or the offer's owner) that a referral arrived; count sent."""
    recipients = _provider_recipients(referral)
    if not recipients:
        return 0
    # Users keep no language preference: write in the site language, which providers read.
    with translation.override(settings.LANGUAGE_CODE):
        subject, body = _sent_message(referral)
    return send_mass_mail(
        [(subject, body, None, [email]) for email in recipients], fail_silently=True
    )


def _caseworker_message(referral: Referral) -> tuple[str, str]:
    values = {
        "code": referral.person_code,
        "offer": referral.offer_title,
        "state": referral.get_state_display(),
        "url": settings.SITE_URL.rstrip("/")
        + reverse("casework:referral_detail", args=[referral.pk]),
    }
    subject = gettext("Referral %(code)s: %(state)s") % values
    body = (
        gettext(
            "The provider has answered the referral %(code)s to “%(offer)s”: it is now %(state)s. "
            "Follow it up here: %(url)s"
        )
        % values
    )
    return subject, body


def referral_notify_caseworker(*, referral: Referral) -> int:
    """E-mail the referring caseworker that the provider answered (accepted, declined,
    completed, no-show): code, offer and state only."""
    caseworker = referral.created_by
    if caseworker is None or not caseworker.email:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject, body = _caseworker_message(referral)
    return send_mass_mail([(subject, body, None, [caseworker.email])], fail_silently=True)


def referral_record_read(
    *, actor: Any, referral: Referral, request: HttpRequest | None = None
) -> None:
    """Audit one opening of a referral, by staff or by the provider."""
    _audit_referral(referral, actor, "read", "", request)


def referrals_listed(*, actor: Any, count: int, request: HttpRequest | None = None) -> None:
    """Audit a list of referrals shown to staff or to a provider's inbox."""
    audit_record(
        actor=actor,
        action=AUDIT_PREFIX + "list",
        object_type="matching.referral",
        request=request,
        detail={"count": count},
    )


def referral_note_add(
    *, referral: Referral, side: str, actor: Any, text: str, request: HttpRequest | None = None
) -> ReferralNote:
    """Add a note that both sides read in the referral's timeline (never an identity number)."""
    if referral.is_logged:
        raise ValidationError(_("A logged referral takes no notes: it was made elsewhere."))
    note = ReferralNote(referral=referral, side=side, author=actor, text=text.strip())
    note.full_clean()
    with transaction.atomic():
        note.save()
        _audit_referral(referral, actor, "note", "", request)
    return note


LOGGED_STATES = (
    ReferralState.IN_PROGRESS,
    ReferralState.COMPLETED,
    ReferralState.NO_SHOW,
    ReferralState.DECLINED,
)


@dataclass(frozen=True)
class LoggedReferral:
    """A referral made outside the platform, as the caseworker records it."""

    provider_name: str
    offer_title: str
    need_category: Category
    referred_on: date
    state: str
    outcome: str = ""
    completion: Completion = field(default_factory=Completion)


def referral_log(
    *, person_code: str, logged: LoggedReferral, actor: Any, request: HttpRequest | None = None
) -> Referral:
    """Record a referral made outside the platform so outcome figures are complete: it takes
    no seat, notifies nobody and is marked as logged."""
    if logged.state not in LOGGED_STATES:
        raise ValidationError({"state": _("Choose where the referral stands.")})
    if logged.state == ReferralState.COMPLETED:
        _check_completion(logged.completion)
    moment = timezone.make_aware(datetime.combine(logged.referred_on, time(12)))
    referral = Referral(
        person_code=person_code,
        is_logged=True,
        provider_name=logged.provider_name.strip(),
        offer_title=logged.offer_title.strip(),
        need_category=logged.need_category,
        state=logged.state,
        outcome=logged.outcome.strip() if logged.state == ReferralState.COMPLETED else "",
        decline_reason=logged.outcome.strip() if logged.state == ReferralState.DECLINED else "",
        outcome_result=logged.completion.result,
        sessions_attended=logged.completion.sessions_attended,
        sent_at=moment,
        created_by=actor,
    )
    referral.full_clean()
    with transaction.atomic():
        referral.save()
        ReferralEvent.objects.create(referral=referral, to_state=referral.state, actor=actor)
        _audit_referral(referral, actor, "log", "", request)
    return referral


ONWARD_FROM_STATES = frozenset(
    {
        ReferralState.SENT,
        ReferralState.ACCEPTED,
        ReferralState.IN_PROGRESS,
        ReferralState.DECLINED,
        ReferralState.COMPLETED,
    }
)


def onward_propose(
    *,
    referral: Referral,
    offer_key: str,
    reason: str,
    actor: Any,
    request: HttpRequest | None = None,
) -> OnwardProposal:
    """The provider proposes referring the person on to another offer (it cannot serve them, or
    finished and sees a further need); the referring caseworker decides."""
    if referral.is_logged or referral.state not in ONWARD_FROM_STATES:
        raise ReferralTransitionRefused(
            _("An onward referral cannot be proposed from a referral that is %(state)s."),
            code="onward",
            params={"state": referral.get_state_display()},
        )
    document = offer_document(key=offer_key)
    if document is None or document.key == referral.offer_key:
        raise ValidationError({"offer_key": _("Choose another offer that still exists.")})
    proposal = OnwardProposal(
        referral=referral,
        offer_key=document.key,
        offer_title=document.title[:255],
        provider_name=document.provider_name[:255],
        reason=reason.strip(),
        proposed_by=actor,
    )
    proposal.full_clean()
    with transaction.atomic():
        proposal.save()
        _audit_referral(referral, actor, "onward_propose", proposal.offer_key, request)
    return proposal


def onward_decide(
    *,
    proposal: OnwardProposal,
    actor: Any,
    onward_referral: Referral | None,
    request: HttpRequest | None = None,
) -> OnwardProposal:
    """Record the caseworker's decision: approved with the new referral it became (linked to the
    first one), or rejected (None)."""
    with transaction.atomic():
        proposal = OnwardProposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.state != OnwardState.PROPOSED:
            raise ReferralTransitionRefused(
                _("This proposal has already been decided."), code="race"
            )
        approved = onward_referral is not None
        proposal.state = OnwardState.APPROVED if approved else OnwardState.REJECTED
        proposal.onward_referral = onward_referral
        proposal.decided_by, proposal.decided_at = actor, timezone.now()
        proposal.save()
        action = "onward_approve" if approved else "onward_reject"
        _audit_referral(proposal.referral, actor, action, proposal.offer_key, request)
    return proposal
