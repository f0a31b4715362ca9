"""Writes of the employment app: offer seats, job referrals' applications, pipeline, follow-ups."""

from datetime import date, datetime
from typing import Any

from dateutil.relativedelta import relativedelta  # type: ignore[import-untyped]

from django.apps import AppConfig
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DEFAULT_DB_ALIAS, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from employment.models import (
    ApplicationEvent,
    EntrepreneurshipSupportPage,
    FollowUp,
    JobApplication,
    JobOfferPage,
)
from employment.selectors import (
    application_can_move,
    application_can_record_follow_up,
    job_hired_count,
)
from employment.vocabulary import (
    FOLLOW_UP_MONTHS,
    TRANSITIONS,
    ApplicationState,
    FollowUpOutcome,
    Transition,
)
from matching.eligibility import OfferKind
from matching.models import TRANSITIONS as REFERRAL_TRANSITIONS
from matching.models import OutcomeResult, Referral, Side
from matching.selectors import offer_key
from matching.services import Completion, capacity_set, index_offer, referral_transition
from portal.accounts.services import site_editors_group
from portal.audit.services import audit_record
from portal.organizations.services import agency_managers_group, group_permissions_grant


def offer_capacity_sync(*, page: JobOfferPage | EntrepreneurshipSupportPage) -> None:
    """Publish an offer's seats to matching (a job's open positions, an incubator's places)
    and have the offer index re-read it."""
    if isinstance(page, JobOfferPage):
        key = offer_key(OfferKind.JOB.value, page.pk)
        capacity_set(
            offer_key=key, seats_total=max(page.positions - job_hired_count(job_id=page.pk), 0)
        )
    else:
        key = offer_key(OfferKind.ENTREPRENEURSHIP.value, page.pk)
        capacity_set(offer_key=key, seats_total=page.incubator_places)
    index_offer(key=key)


def _record_event(
    *, application: JobApplication, source: str, actor: Any, note: str, request: HttpRequest | None
) -> None:
    user = actor if getattr(actor, "is_authenticated", False) else None
    ApplicationEvent.objects.create(
        application=application,
        from_state=source,
        to_state=application.state,
        note=note,
        actor=user,
    )
    audit_record(
        actor=actor,
        action=f"employment.application.{application.state}",
        obj=application,
        request=request,
        detail={"from": source, "to": application.state, "job": application.job_id},
    )


def application_open(referral: Referral) -> JobApplication | None:
    """Open the application a job referral becomes when it is sent (declared to matching's
    registry as the job offers' `referral_sent`); the referral's own state is never copied."""
    kind, _sep, raw_id = referral.offer_key.partition(":")
    job = JobOfferPage.objects.filter(pk=int(raw_id)).first() if raw_id.isdigit() else None
    if kind != OfferKind.JOB.value or job is None:
        return None
    application, created = JobApplication.objects.get_or_create(
        referral=referral, defaults={"job": job, "created_by": referral.created_by}
    )
    if created:
        _record_event(
            application=application, source="", actor=referral.created_by, note="", request=None
        )
    return application


def _apply_details(application: JobApplication, target: str, details: dict[str, Any]) -> None:
    if target == ApplicationState.INTERVIEW_SCHEDULED:
        application.interview_at = details.get("interview_at")
        application.interview_place = details.get("interview_place") or ""
        if application.interview_at is None:
            raise ValidationError({"interview_at": _("Give the date and time of the interview.")})
    elif target == ApplicationState.HIRED:
        application.hired_on = details.get("hired_on")
        if application.hired_on is None:
            raise ValidationError({"hired_on": _("Give the first working day.")})
    elif target in (ApplicationState.NOT_HIRED, ApplicationState.WITHDRAWN):
        application.outcome_reason = (details.get("note") or "").strip()
        if target == ApplicationState.NOT_HIRED and not application.outcome_reason:
            raise ValidationError({"note": _("Say why the person was not hired.")})


def _ensure_position_left(job_id: int) -> None:
    """Refuse a hire once every position is filled, holding the job row lock until commit."""
    job = JobOfferPage.objects.select_for_update().get(pk=job_id)
    if job_hired_count(job_id=job_id) >= job.positions:
        raise ValidationError(
            _(
                "All %(positions)s positions of “%(job)s” are already filled: "
                "no further hire can be recorded."
            ),
            code="positions_filled",
            params={"positions": job.positions, "job": job.title},
        )


def _follow_ups_schedule(application: JobApplication) -> None:
    hired_on = application.hired_on
    assert hired_on is not None
    for months in FOLLOW_UP_MONTHS:
        FollowUp.objects.get_or_create(
            application=application,
            months=months,
            defaults={"due_on": hired_on + relativedelta(months=months)},
        )


def _move_referral(
    application: JobApplication, actions: tuple[str, ...], note: str, actor: Any, request
) -> None:
    """Take the referral along through the one transition function, as the provider side; a
    step the employer already took in the referral inbox is not taken twice."""
    outcome = note or str(application.get_state_display())
    result = (
        OutcomeResult.MET if application.state == ApplicationState.HIRED else OutcomeResult.NOT_MET
    )
    referral = application.referral
    for action in actions:
        if referral.state == REFERRAL_TRANSITIONS[action].target:
            continue
        referral = referral_transition(
            referral=referral,
            action=action,
            side=Side.PROVIDER,
            actor=actor,
            note=outcome,
            completion=Completion(result=result),
            request=request,
        )


def _check_transition(application: JobApplication, transition: Transition, actor: Any) -> None:
    if not application_can_move(user=actor, application=application):
        raise PermissionDenied
    if application.state not in transition.sources or not application.referral.is_open:
        raise ValidationError(
            _("An application that is “%(state)s” cannot take this step."),
            code="transition_not_allowed",
            params={"state": application.get_state_display()},
        )


def application_transition(
    *,
    application_id: int,
    action: str,
    actor: Any,
    details: dict[str, Any] | None = None,
    request: HttpRequest | None = None,
) -> JobApplication:
    """Move an application one step of the pipeline table, as the employer; audited. The
    referral follows in the same transaction (if its table refuses, nothing changes)."""
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise ValidationError({"action": _("This action does not exist.")})
    details = details or {}
    note = (details.get("note") or "").strip()
    with transaction.atomic():
        application = (
            JobApplication.objects.select_for_update()
            .select_related("referral")
            .get(pk=application_id)
        )
        _check_transition(application, transition, actor)
        source = application.state
        _apply_details(application, transition.target, details)
        if transition.target == ApplicationState.HIRED:
            _ensure_position_left(application.job_id)
        application.state = transition.target
        application.full_clean()
        application.save()
        _record_event(
            application=application, source=source, actor=actor, note=note, request=request
        )
        _move_referral(application, transition.referral_actions[source], note, actor, request)
        if application.state == ApplicationState.HIRED:
            _follow_ups_schedule(application)
            offer_capacity_sync(page=JobOfferPage.objects.get(pk=application.job_id))
    return application


def _check_follow_up_answer(follow_up: FollowUp, outcome: str, on: date) -> None:
    if not follow_up.is_pending:
        raise ValidationError(_("This follow-up has already been recorded."), code="recorded")
    if outcome not in (FollowUpOutcome.STILL_EMPLOYED, FollowUpOutcome.LEFT):
        raise ValidationError({"outcome": _("Choose still employed or left the job.")})
    if not follow_up.is_open_on(on):
        raise ValidationError(
            _("This follow-up is not due yet: it opens on %(opens)s."),
            code="not_due",
            params={"opens": follow_up.opens_on.isoformat()},
        )


def follow_up_record(
    *,
    follow_up_id: int,
    actor: Any,
    outcome: str,
    left_reason: str = "",
    note: str = "",
    request: HttpRequest | None = None,
) -> FollowUp:
    """Record whether a hire is still employed; a person who left needs no later follow-ups."""
    with transaction.atomic():
        follow_up = (
            FollowUp.objects.select_for_update().select_related("application").get(pk=follow_up_id)
        )
        if not application_can_record_follow_up(user=actor, application=follow_up.application):
            raise PermissionDenied
        now: datetime = timezone.now()
        _check_follow_up_answer(follow_up, outcome, timezone.localdate(now))
        follow_up.outcome = outcome
        follow_up.left_reason = left_reason if outcome == FollowUpOutcome.LEFT else ""
        follow_up.note = note.strip()
        follow_up.recorded_by = actor
        follow_up.recorded_at = now
        follow_up.full_clean()
        follow_up.save()
        if outcome == FollowUpOutcome.LEFT:
            FollowUp.objects.filter(
                application=follow_up.application,
                months__gt=follow_up.months,
                outcome=FollowUpOutcome.PENDING,
            ).update(outcome=FollowUpOutcome.NOT_NEEDED)
        audit_record(
            actor=actor,
            action=f"employment.follow_up.{outcome}",
            obj=follow_up,
            request=request,
            detail={"months": follow_up.months, "left_reason": follow_up.left_reason},
        )
    return follow_up


def application_read_record(
    *, application: JobApplication, actor: Any, request: HttpRequest | None = None
) -> None:
    """Audit one opening of an application, since it shows what a person shared."""
    audit_record(
        actor=actor,
        action="employment.application.read",
        obj=application,
        request=request,
        detail={"job": application.job_id},
    )


def job_fair_editors_grant(*, app_config: AppConfig, using: str = DEFAULT_DB_ALIAS) -> None:
    """Let agency managers and site editors manage job fairs in the Wagtail admin."""
    group_permissions_grant(
        app_config=app_config,
        codenames=[f"{action}_jobfair" for action in ("add", "change", "delete", "view")],
        groups=[agency_managers_group(), site_editors_group()],
        using=using,
    )
