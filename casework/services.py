"""Writes of casework: persons, transfers, assessments, plans, shortlist and referrals.

Each change is validated, saved inside a transaction and audited in the same place; reads of a
person's record are audited here too, so that every view records who looked at what.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import Max
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from casework.eligibility import eligibility_problems
from casework.models import (
    OPEN_STATES,
    SEAT_HOLDING_STATES,
    TRANSITIONS,
    AssessedNeed,
    CorrectionPlan,
    ExecutionTransfer,
    NeedsAssessment,
    PersonStatus,
    PlanGoal,
    Referral,
    ReferralEvent,
    ReferralState,
    SharedField,
    ShortlistEntry,
    SupervisedPerson,
)
from casework.selectors import overdue_cutoff, person_profile
from matching import selectors as matching_selectors
from matching.models import Category
from matching.services import seat_release, seat_take
from matching.signals import referral_changed
from portal.audit.services import audit_record
from portal.identity import (
    encrypt_identity_number,
    identity_birth_date,
    identity_gender,
    identity_lookup_hash,
    mask_identity_number,
    normalize_identity_number,
    validate_identity_number,
)
from portal.organizations.models import CorrectionsAgency, JudicialOffice


def _audit_person(*, actor: Any, action: str, person: SupervisedPerson, request, **detail) -> None:
    # Persons are named by their pseudonymous code in the audit log, which oversight reads.
    audit_record(
        actor=actor,
        action=action,
        obj=person,
        object_repr=person.referral_code,
        request=request,
        detail={"sealed": person.is_juvenile, **detail},
    )


def _set_identity(person: SupervisedPerson, identity_number: str) -> None:
    """Check the number against itself, the gender and birth date, and store it encrypted."""
    try:
        validate_identity_number(identity_number)
    except ValidationError as error:
        raise ValidationError({"identity_number": error.messages}) from None
    number = normalize_identity_number(identity_number)
    errors: dict[str, Any] = {}
    if person.birth_date and identity_birth_date(number) != person.birth_date:
        errors["birth_date"] = _("The birth date does not match the identity number.")
    if person.gender and identity_gender(number) != person.gender:
        errors["gender"] = _("The gender does not match the identity number.")
    lookup = identity_lookup_hash(number)
    duplicates = SupervisedPerson.objects.filter(identity_lookup_hash=lookup).exclude(pk=person.pk)
    if duplicates.exists():
        errors["identity_number"] = _("A supervised person with this identity number exists.")
    if errors:
        raise ValidationError(errors)
    person.identity_number_encrypted = encrypt_identity_number(number)
    person.identity_lookup_hash = lookup
    person.identity_number_masked = mask_identity_number(number)


def person_create(
    *,
    actor: Any,
    identity_number: str,
    caseworkers: Iterable[Any] = (),
    request: HttpRequest | None = None,
    **fields: Any,
) -> SupervisedPerson:
    """Record a new supervised person after checking the identity number against the facts."""
    person = SupervisedPerson(**fields)
    _set_identity(person, identity_number)
    person.full_clean()
    with transaction.atomic():
        person.save()
        person.caseworkers.set(caseworkers)
        _audit_person(actor=actor, action="casework.person.create", person=person, request=request)
    return person


def person_update(
    *,
    actor: Any,
    person: SupervisedPerson,
    identity_number: str = "",
    caseworkers: Iterable[Any] | None = None,
    request: HttpRequest | None = None,
    **fields: Any,
) -> SupervisedPerson:
    """Change a person's record; a blank identity number keeps the stored one (re-checked)."""
    for name, value in fields.items():
        setattr(person, name, value)
    _set_identity(person, identity_number or person.identity_number)
    person.full_clean()
    with transaction.atomic():
        person.save()
        if caseworkers is not None:
            person.caseworkers.set(caseworkers)
        _audit_person(
            actor=actor,
            action="casework.person.update",
            person=person,
            request=request,
            fields=sorted(fields),
        )
    return person


def person_transfer(
    *,
    actor: Any,
    person: SupervisedPerson,
    to_agency: CorrectionsAgency,
    to_office: JudicialOffice | None,
    transferred_on: date,
    reason: str,
    request: HttpRequest | None = None,
) -> ExecutionTransfer:
    """Move the executing place; the transfer row keeps the history; caseworkers are released."""
    transfer = ExecutionTransfer(
        person=person,
        from_agency=person.agency,
        from_office=person.judicial_office,
        to_agency=to_agency,
        to_office=to_office,
        transferred_on=transferred_on,
        reason=reason,
        recorded_by=actor,
    )
    transfer.full_clean()
    with transaction.atomic():
        transfer.save()
        person.agency, person.judicial_office = to_agency, to_office
        person.save(update_fields=["agency", "judicial_office", "updated_at"])
        person.caseworkers.clear()
        _audit_person(
            actor=actor,
            action="casework.person.transfer",
            person=person,
            request=request,
            to_agency=to_agency.pk,
            to_office=to_office.pk if to_office else None,
        )
    return transfer


def person_record_read(
    *, actor: Any, person: SupervisedPerson, view: str, request: HttpRequest | None = None
) -> None:
    """Audit one opening of a person's record (detail, edit form, matching screen, versions)."""
    _audit_person(
        actor=actor, action="casework.person.read", person=person, request=request, view=view
    )


def persons_listed(
    *, actor: Any, count: int, export: bool, searched: bool, request: HttpRequest | None = None
) -> None:
    """Audit a list or an export of persons: how many, and whether a search was made."""
    audit_record(
        actor=actor,
        action="casework.person.export" if export else "casework.person.list",
        object_type="casework.supervisedperson",
        request=request,
        detail={"count": count, "searched": searched},
    )


def aggregates_read(*, actor: Any, request: HttpRequest | None = None) -> None:
    """Audit a reading of the aggregate casework figures."""
    audit_record(
        actor=actor, action="casework.aggregates.read", object_type="casework", request=request
    )


@dataclass(frozen=True)
class NeedInput:
    """One need entered in an assessment form."""

    category: Category
    priority: int
    notes: str = ""


@dataclass(frozen=True)
class GoalInput:
    """One goal entered in a plan form."""

    description: str
    review_on: date
    measures: str = ""
    category: Category | None = None


def _next_version(queryset) -> int:
    return (queryset.aggregate(top=Max("version"))["top"] or 0) + 1


def assessment_create(
    *,
    actor: Any,
    person: SupervisedPerson,
    assessed_at: date,
    needs: Sequence[NeedInput],
    summary: str = "",
    request: HttpRequest | None = None,
) -> NeedsAssessment:
    """Add a new version of a person's needs assessment; earlier versions stay as they were."""
    categories = [need.category.pk for need in needs]
    if not needs:
        raise ValidationError({"needs": _("An assessment lists at least one need.")})
    if len(set(categories)) != len(categories):
        raise ValidationError({"needs": _("Each category can be listed only once.")})
    with transaction.atomic():
        SupervisedPerson.objects.select_for_update().filter(pk=person.pk).first()
        assessment = NeedsAssessment(
            person=person,
            version=_next_version(person.assessments),
            assessed_at=assessed_at,
            assessor=actor,
            summary=summary,
        )
        assessment.full_clean()
        assessment.save()
        for need in needs:
            row = AssessedNeed(assessment=assessment, **need.__dict__)
            row.full_clean()
            row.save()
        _audit_person(
            actor=actor,
            action="casework.assessment.create",
            person=person,
            request=request,
            version=assessment.version,
        )
    return assessment


def plan_create(
    *,
    actor: Any,
    person: SupervisedPerson,
    valid_from: date,
    goals: Sequence[GoalInput],
    summary: str = "",
    request: HttpRequest | None = None,
) -> CorrectionPlan:
    """Add a new version of a person's individual correction plan with its goals."""
    if not goals:
        raise ValidationError({"goals": _("A plan has at least one goal.")})
    if any(goal.review_on < valid_from for goal in goals):
        raise ValidationError({"goals": _("A review date cannot be before the plan starts.")})
    with transaction.atomic():
        SupervisedPerson.objects.select_for_update().filter(pk=person.pk).first()
        plan = CorrectionPlan(
            person=person,
            version=_next_version(person.plans),
            valid_from=valid_from,
            author=actor,
            summary=summary,
        )
        plan.full_clean()
        plan.save()
        for goal in goals:
            row = PlanGoal(plan=plan, **goal.__dict__)
            row.full_clean()
            row.save()
        _audit_person(
            actor=actor,
            action="casework.plan.create",
            person=person,
            request=request,
            version=plan.version,
        )
    return plan


def shortlist_add(*, actor: Any, person: SupervisedPerson, offer_key: str) -> ShortlistEntry:
    """Set an offer aside for a person (once)."""
    document = matching_selectors.offer_document(key=offer_key)
    if document is None:
        raise ValidationError(_("This offer no longer exists."))
    entry, _created = ShortlistEntry.objects.get_or_create(
        person=person,
        offer_key=document.key,
        defaults={"offer_title": document.title[:255], "added_by": actor},
    )
    return entry


def shortlist_remove(*, person: SupervisedPerson, offer_key: str) -> None:
    """Take an offer off a person's shortlist."""
    ShortlistEntry.objects.filter(person=person, offer_key=offer_key).delete()


def _referral_from_offer(
    *, person: SupervisedPerson, offer_key: str, need_category: Category, actor: Any
) -> Referral:
    if person.status != PersonStatus.UNDER_SUPERVISION:
        raise ValidationError(_("Only a person under supervision can be referred."))
    document = matching_selectors.offer_document(key=offer_key)
    if document is None:
        raise ValidationError({"offer_key": _("This offer no longer exists.")})
    if person.referrals.filter(offer_key=document.key, state__in=OPEN_STATES).exists():
        raise ValidationError(_("This person already has an open referral to this offer."))
    return Referral(
        person=person,
        offer_key=document.key,
        offer_title=document.title[:255],
        offer_kind=document.kind,
        offer_url=document.url[:500],
        provider_name=document.provider_name[:255],
        organization_id=document.organization_id,
        owner_user_id=document.owner_user_id,
        need_category=need_category,
        created_by=actor,
    )


def referral_create(
    *,
    actor: Any,
    person: SupervisedPerson,
    offer_key: str,
    need_category: Category,
    shared_fields: Iterable[str],
    message: str = "",
    send: bool = True,
    request: HttpRequest | None = None,
) -> Referral:
    """Refer a person to an offer with the consented fields, and send it (all or nothing)."""
    shared = sorted(set(shared_fields))
    if not set(shared) <= set(SharedField.values):
        raise ValidationError({"shared_fields": _("Only the listed fields can be shared.")})
    referral = _referral_from_offer(
        person=person, offer_key=offer_key, need_category=need_category, actor=actor
    )
    referral.shared_fields, referral.message = shared, message
    referral.consent_recorded_at = timezone.now()
    referral.full_clean()
    with transaction.atomic():
        referral.save()
        ReferralEvent.objects.create(referral=referral, to_state=referral.state, actor=actor)
        _audit_referral(referral, actor, "casework.referral.create", "", request)
        if send:
            referral = referral_transition(
                referral=referral, name="send", side="caseworker", actor=actor, request=request
            )
    return referral


def _audit_referral(referral: Referral, actor: Any, action: str, note: str, request) -> None:
    audit_record(
        actor=actor,
        action=action,
        obj=referral,
        object_repr=f"{referral.person.referral_code} → {referral.offer_title}"[:255],
        request=request,
        detail={"state": referral.state, "note": note, "offer_key": referral.offer_key},
    )


def _check_transition(referral: Referral, name: str, side: str, note: str) -> None:
    transition = TRANSITIONS.get(name)
    if transition is None:
        raise ValidationError(_("This action does not exist."))
    if referral.state not in transition.sources:
        raise ValidationError(
            _("A referral that is %(state)s cannot be moved to %(target)s."),
            params={
                "state": referral.get_state_display(),
                "target": ReferralState(transition.target).label,
            },
            code="transition",
        )
    if transition.side != side:
        raise ValidationError(_("Only the other side of the referral can do this."), code="side")
    if transition.note_required and not note.strip():
        message = _("%(what)s: this field is required.")
        raise ValidationError(
            {"note": ValidationError(message, params={"what": transition.note_label})}
        )
    if name == "send":
        _check_still_eligible(referral)


def _check_still_eligible(referral: Referral) -> None:
    document = matching_selectors.offer_document(key=referral.offer_key)
    if document is None:
        raise ValidationError(_("This offer no longer exists."))
    problems = eligibility_problems(
        document=document,
        person=person_profile(referral.person),
        on=timezone.localdate(),
        seats_left=matching_selectors.seats_left(offer_key=referral.offer_key),
    )
    if problems:
        raise ValidationError(problems)


def _apply_seat(referral: Referral, target: str) -> None:
    """Take a seat on acceptance; give it back exactly once when the referral stops holding it."""
    if target in SEAT_HOLDING_STATES and not referral.seat_held:
        seat_take(offer_key=referral.offer_key)
        referral.seat_held = True
    elif referral.seat_held and target not in SEAT_HOLDING_STATES:
        seat_release(offer_key=referral.offer_key)
        referral.seat_held = False


def _apply_fields(referral: Referral, name: str, note: str) -> None:
    now = timezone.now()
    if name == "send":
        referral.sent_at, referral.overdue_flagged_at = now, None
    if name in {"accept", "decline"}:
        referral.answered_at = now
    if name == "decline":
        referral.decline_reason = note
    if name == "complete":
        referral.outcome = note


def referral_transition(
    *,
    referral: Referral,
    name: str,
    side: str,
    actor: Any,
    note: str = "",
    request: HttpRequest | None = None,
) -> Referral:
    """Apply one transition of the table: seat, fields, event, audit, referral_changed."""
    with transaction.atomic():
        referral = Referral.objects.select_for_update().get(pk=referral.pk)
        _check_transition(referral, name, side, note)
        previous, target = referral.state, TRANSITIONS[name].target
        _apply_seat(referral, target)
        _apply_fields(referral, name, note)
        referral.state = target
        referral.full_clean()
        referral.save()
        ReferralEvent.objects.create(
            referral=referral, from_state=previous, to_state=target, actor=actor, note=note
        )
        _audit_referral(referral, actor, f"casework.referral.{name}", note, request)
        referral_changed.send(
            sender=Referral,
            offer_key=referral.offer_key,
            referral_id=referral.pk,
            referral_code=referral.person.referral_code,
            state=referral.state,
            shared=referral.shared_with_provider(on=timezone.localdate()),
            actor=actor,
        )
        if name == "send":
            transaction.on_commit(partial(referral_notify_sent, referral=referral))
    return referral


def _provider_recipients(referral: Referral) -> list[str]:
    users: list[Any] = [referral.owner_user]
    if referral.organization is not None:
        users += [membership.user for membership in referral.organization.memberships.all()]
    return sorted({user.email for user in users if user is not None and user.email})


def _sent_message(referral: Referral) -> tuple[str, str]:
    code = referral.person.referral_code
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


def referral_record_read(
    *, actor: Any, referral: Referral, request: HttpRequest | None = None
) -> None:
    """Audit one opening of a referral, by staff or by the provider."""
    _audit_referral(referral, actor, "casework.referral.read", "", request)


def referrals_listed(*, actor: Any, count: int, request: HttpRequest | None = None) -> None:
    """Audit a list of referrals shown to staff or to a provider's inbox."""
    audit_record(
        actor=actor,
        action="casework.referral.list",
        object_type="casework.referral",
        request=request,
        detail={"count": count},
    )


def _overdue_recipients(referral: Referral) -> list[str]:
    users: list[Any] = list(referral.person.caseworkers.all())
    users += [referral.created_by, referral.owner_user]
    if referral.organization is not None:
        users += [membership.user for membership in referral.organization.memberships.all()]
    emails = {user.email for user in users if user is not None and user.email}
    if referral.organization is not None and referral.organization.email:
        emails.add(referral.organization.email)
    return sorted(emails)


def _overdue_message(referral: Referral) -> tuple[str, str]:
    subject = gettext("Referral %(code)s has had no answer") % {
        "code": referral.person.referral_code
    }
    body = gettext(
        "The referral %(code)s to “%(offer)s” was sent on %(sent)s and has not been answered. "
        "Please accept or decline it in the referral inbox."
    ) % {
        "code": referral.person.referral_code,
        "offer": referral.offer_title,
        "sent": timezone.localtime(referral.sent_at).date().isoformat(),
    }
    return subject, body


def referrals_flag_overdue() -> int:
    """Flag sent referrals left unanswered too long, and tell the caseworkers and the provider."""
    due = Referral.objects.filter(
        state=ReferralState.SENT, sent_at__lt=overdue_cutoff(), overdue_flagged_at__isnull=True
    ).select_related("person", "organization", "owner_user", "created_by")
    mails = []
    flagged = 0
    for referral in due:
        with transaction.atomic():
            referral.overdue_flagged_at = timezone.now()
            referral.save(update_fields=["overdue_flagged_at", "updated_at"])
            _audit_referral(referral, None, "casework.referral.overdue", "", None)
        flagged += 1
        subject, body = _overdue_message(referral)
        mails.append((subject, body, None, _overdue_recipients(referral)))
    send_mass_mail([mail for mail in mails if mail[3]], fail_silently=True)
    return flagged
