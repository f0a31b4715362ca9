"""Writes of the reports app: audited reads and exports of reports, supervision opinions and
their one transition table, and the committee's report inbox."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.accounts.models import Role
from portal.audit.services import audit_record
from portal.organizations.models import CorrectionsAgency
from reports.definitions import REPORTS, ReportDefinition, ReportScope
from reports.models import OpinionEvent, OpinionState, ReportDelivery, SupervisionOpinion
from reports.periods import Period
from reports.scope import oversight_jurisdiction, oversight_kind


def report_read(
    *,
    actor: Any,
    report: ReportDefinition,
    scope: ReportScope,
    export_format: str = "",
    request: HttpRequest | None = None,
) -> None:
    """Record that a user read or exported a report of a place and period."""
    audit_record(
        actor=actor,
        action="reports.report.export" if export_format else "reports.report.read",
        object_type="reports.report",
        object_id=report.slug,
        object_repr=str(report.title),
        request=request,
        detail={
            "jurisdiction": scope.jurisdiction.code,
            "start": scope.period.start.isoformat(),
            "end": scope.period.end.isoformat(),
            "format": export_format,
        },
    )


@dataclass(frozen=True)
class OpinionStep:
    """One allowed move of a supervision opinion: from which states, to which, by whom."""

    sources: frozenset[str]
    target: str
    side: str


PROCURATORATE, AGENCY = "procuratorate", "agency"
S = OpinionState
OPINION_STEPS: dict[str, OpinionStep] = {
    "respond": OpinionStep(frozenset({S.ISSUED}), S.RESPONDED, AGENCY),
    "close": OpinionStep(frozenset({S.RESPONDED}), S.CLOSED, PROCURATORATE),
    "reopen": OpinionStep(frozenset({S.RESPONDED}), S.ISSUED, PROCURATORATE),
}
"""The one table of allowed opinion transitions; `opinion_transition` applies it."""


@transaction.atomic
def opinion_issue(
    *,
    actor: Any,
    agency: CorrectionsAgency,
    kind: str,
    subject: str,
    content: str,
    deadline: date,
    case_code: str = "",
    request: HttpRequest | None = None,
) -> SupervisionOpinion:
    """Record a procuratorate's opinion on an agency's work, with its deadline."""
    if deadline < timezone.localdate():
        raise ValidationError({"deadline": _("The deadline cannot be in the past.")})
    opinion = SupervisionOpinion(
        agency=agency,
        kind=kind,
        subject=subject,
        content=content,
        deadline=deadline,
        case_code=case_code,
        issued_by=actor,
    )
    opinion.full_clean()
    opinion.save()
    OpinionEvent.objects.create(opinion=opinion, action="issue", to_state=S.ISSUED, actor=actor)
    audit_record(actor=actor, action="reports.opinion.issue", obj=opinion, request=request)
    return opinion


@transaction.atomic
def opinion_transition(
    *,
    opinion: SupervisionOpinion,
    action: str,
    side: str,
    actor: Any,
    note: str = "",
    response: str = "",
    rectification: str = "",
    request: HttpRequest | None = None,
) -> SupervisionOpinion:
    """Apply one step of the table under a row lock: a response with its rectification, a
    closing, or a reopening with the reason; recorded in the history and the audit trail."""
    step = OPINION_STEPS.get(action)
    locked = SupervisionOpinion.objects.select_for_update().get(pk=opinion.pk)
    if step is None or step.side != side or locked.state not in step.sources:
        raise ValidationError(_("This opinion cannot be changed that way now."))
    if action == "respond":
        _respond(locked, response=response, rectification=rectification)
    elif action == "reopen" and not note.strip():
        raise ValidationError({"note": _("Say why the rectification is not accepted.")})
    from_state = locked.state
    locked.state = step.target
    locked.closed_at = timezone.now() if step.target == S.CLOSED else None
    locked.full_clean()
    locked.save()
    _record_opinion_step(locked, action, from_state, actor, note or response, request)
    return locked


def _record_opinion_step(
    opinion: SupervisionOpinion,
    action: str,
    from_state: str,
    actor: Any,
    note: str,
    request: HttpRequest | None,
) -> None:
    OpinionEvent.objects.create(
        opinion=opinion,
        action=action,
        from_state=from_state,
        to_state=opinion.state,
        actor=actor,
        note=note,
    )
    audit_record(
        actor=actor,
        action=f"reports.opinion.{action}",
        obj=opinion,
        request=request,
        detail={"from": from_state, "to": opinion.state},
    )


def _respond(opinion: SupervisionOpinion, *, response: str, rectification: str) -> None:
    if not response.strip():
        raise ValidationError({"response": _("Write the agency's response.")})
    opinion.response = response
    opinion.rectification = rectification
    opinion.responded_at = timezone.now()


def opinion_read(
    *, actor: Any, opinion: SupervisionOpinion, request: HttpRequest | None = None
) -> None:
    """Record that a user read a supervision opinion."""
    audit_record(actor=actor, action="reports.opinion.read", obj=opinion, request=request)


def delivery_read(
    *, actor: Any, delivery: ReportDelivery, request: HttpRequest | None = None
) -> None:
    """Mark a delivered report read (the first time) and record the read."""
    if delivery.read_at is None:
        ReportDelivery.objects.filter(pk=delivery.pk).update(read_at=timezone.now())
    audit_record(actor=actor, action="reports.delivery.read", obj=delivery, request=request)


ALL_SECTIONS = ("persons", "needs", "referrals", "employment", "volunteers", "procurement")
SECTIONS_BY_KIND: dict[str, tuple[str, ...]] = {
    "procuratorate": ALL_SECTIONS,
    "peoples_congress": ALL_SECTIONS,
    "public_security": ("persons",),
    "civil_affairs": ("persons", "needs", "volunteers"),
    "human_resources": ("employment",),
    "finance": ("procurement",),
}
"""Which sections of the committee's report each member unit receives."""


def sections_for(user: Any) -> list[str]:
    """The report sections meant for an oversight user's body, in report order."""
    wanted = SECTIONS_BY_KIND.get(oversight_kind(user), ("persons",))
    return [slug for slug in REPORTS if slug in wanted]


def report_deliver(*, period: Period, kinds: tuple[str, ...] | None = None) -> int:
    """Put a period's report in the inbox of every active oversight user (of the given kinds)
    with the sections meant for them, once, and tell each by e-mail; returns how many."""
    delivered = 0
    users = (
        get_user_model()
        .objects.filter(role=Role.OVERSIGHT, is_active=True)
        .select_related("oversight_profile__jurisdiction")
    )
    for user in users:
        place = oversight_jurisdiction(user)
        if place is None or (kinds is not None and oversight_kind(user) not in kinds):
            continue
        delivered += int(_deliver_one(user=user, place=place, period=period))
    return delivered


@transaction.atomic
def _deliver_one(*, user: Any, place: Any, period: Period) -> bool:
    delivery, created = ReportDelivery.objects.get_or_create(
        recipient=user,
        jurisdiction=place,
        period_start=period.start,
        period_end=period.end,
        defaults={"period_kind": period.kind, "sections": sections_for(user)},
    )
    if created:
        audit_record(actor=None, action="reports.delivery.create", obj=delivery)
        transaction.on_commit(lambda: _mail_delivery(delivery, period))
    return created


def _mail_delivery(delivery: ReportDelivery, period: Period) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        context = {"delivery": delivery, "period": period, "site_url": settings.SITE_URL}
        send_mail(
            subject=_("Community corrections report for %(period)s") % {"period": period.label},
            message=render_to_string("reports/email/delivery.txt", context),
            from_email=None,
            recipient_list=[delivery.recipient.email],
        )
