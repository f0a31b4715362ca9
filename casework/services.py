"""Writes of casework: persons, transfers, assessments, plans, shortlist and referrals.

Each change is validated, saved inside a transaction and audited in the same place; reads of a
person's record are audited here too, so that every view records who looked at what.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, cast

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail, send_mass_mail
from django.db import transaction
from django.db.models import Max, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from casework.models import (
    AssessedNeed,
    ChangeKind,
    CorrectionPlan,
    DuplicateMatch,
    DuplicateReason,
    DuplicateReview,
    ExecutionTransfer,
    NeedsAssessment,
    NotificationChannel,
    PersonChangeRequest,
    PersonReferral,
    PersonStatus,
    PlanGoal,
    ReviewState,
    ShortlistEntry,
    SupervisedPerson,
)
from casework.selectors import (
    overdue_cutoff,
    person_profile,
    persons_visible_to,
    possible_duplicates,
    staff_assignment,
)
from matching import selectors as matching_selectors
from matching.models import (
    OPEN_STATES,
    Category,
    OnwardProposal,
    Referral,
    ReferralState,
    SharedField,
    Side,
)
from matching.schedules import display as schedule_text
from matching.selectors import referrals_needing_attention
from matching.services import (
    LoggedReferral,
    SendFacts,
    onward_decide,
    referral_open,
    referral_transition,
)
from matching.services import referral_log as referral_log_record
from portal.accounts.models import Role
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
from portal.organizations.models import CorrectionsAgency, JudicialOffice, Jurisdiction
from portal.organizations.selectors import agency_manager_emails
from portal.sms import send_sms


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
    if errors:
        raise ValidationError(errors)
    person.identity_number_encrypted = encrypt_identity_number(number)
    person.identity_lookup_hash = identity_lookup_hash(number)
    person.identity_number_masked = mask_identity_number(number)


class VisibleDuplicates(ValidationError):
    """Records the actor may see that may be the person being recorded; the screen lists them."""

    def __init__(self, persons: list[SupervisedPerson], *, same_identity: bool) -> None:
        if same_identity:
            message = {"identity_number": _("A person you can see has this identity number.")}
        else:
            message = {
                "confirmed_distinct": _(
                    "Persons you can see have this birth date and the same or a similar name: "
                    "open them, or confirm that this is a different person."
                )
            }
        super().__init__(message)
        self.persons = persons


Matches = list[tuple[SupervisedPerson, str]]


def _duplicates_unseen(
    *, actor: Any, person: SupervisedPerson, confirmed_distinct: bool
) -> Matches:
    """Refuse a record that may duplicate one the actor sees (named to them); return the
    possible duplicates the actor may not see, which go to a review without being revealed."""
    matches = possible_duplicates(person)
    seen = set(
        persons_visible_to(actor)
        .filter(pk__in=[other.pk for other, _reason in matches])
        .values_list("pk", flat=True)
    )
    same_number = [o for o, r in matches if o.pk in seen and r == DuplicateReason.IDENTITY_NUMBER]
    if same_number:
        raise VisibleDuplicates(same_number, same_identity=True)
    if seen and not confirmed_distinct:
        raise VisibleDuplicates([o for o, _r in matches if o.pk in seen], same_identity=False)
    return [(other, reason) for other, reason in matches if other.pk not in seen]


def _review_notice(*, agency_id: int, actor: Any, kind: Any) -> None:
    """Tell the agency's other managers, once the request is saved, that a review awaits them;
    the mail names no person (the list is behind the login)."""
    recipients = agency_manager_emails(agency_id=agency_id, excluding=actor)
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = gettext("A review awaits your decision: %(kind)s") % {"kind": kind}
        body = gettext(
            "A request in your agency needs a second person's decision: %(kind)s. "
            "Open the reviews list to approve or reject it: %(url)s"
        ) % {"kind": kind, "url": settings.SITE_URL + reverse("casework:review_list")}
    transaction.on_commit(lambda: send_mail(subject, body, None, recipients, fail_silently=True))


def _duplicate_review_open(
    *, actor: Any, person: SupervisedPerson, unseen: Matches, request: HttpRequest | None
) -> DuplicateReview | None:
    """Route possible duplicates the recorder may not see to their agency's managers."""
    if not unseen:
        return None
    assignment = staff_assignment(actor)
    agency = assignment.agency if assignment else person.agency
    review = DuplicateReview.objects.create(person=person, agency=agency, requested_by=actor)
    DuplicateMatch.objects.bulk_create(
        DuplicateMatch(review=review, person=other, reason=reason) for other, reason in unseen
    )
    _audit_person(
        actor=actor,
        action="casework.duplicate.open",
        person=person,
        request=request,
        review=review.pk,
        matches=len(unseen),
    )
    _review_notice(agency_id=agency.pk, actor=actor, kind=_("possible duplicate record"))
    return review


def person_create(
    *,
    actor: Any,
    identity_number: str,
    caseworkers: Iterable[Any] = (),
    confirmed_distinct: bool = False,
    request: HttpRequest | None = None,
    **fields: Any,
) -> SupervisedPerson:
    """Record a new supervised person; possible duplicates are named only if the actor sees them."""
    person = SupervisedPerson(**fields)
    _set_identity(person, identity_number)
    person.full_clean()
    unseen = _duplicates_unseen(actor=actor, person=person, confirmed_distinct=confirmed_distinct)
    with transaction.atomic():
        person.save()
        person.caseworkers.set(caseworkers)
        _audit_person(actor=actor, action="casework.person.create", person=person, request=request)
        _duplicate_review_open(actor=actor, person=person, unseen=unseen, request=request)
    return person


IDENTIFYING_FIELDS = ("family_name", "given_name", "birth_date")


def person_update(
    *,
    actor: Any,
    person: SupervisedPerson,
    identity_number: str = "",
    caseworkers: Iterable[Any] | None = None,
    confirmed_distinct: bool = False,
    request: HttpRequest | None = None,
    **fields: Any,
) -> SupervisedPerson:
    """Change a person's record; a blank identity number keeps the stored one (re-checked)."""
    if person.is_juvenile and fields.get("is_juvenile") is False:
        raise ValidationError(
            {"is_juvenile": _("Clearing the sealed flag needs the agency manager's approval.")}
        )
    before = (person.identity_lookup_hash, *(getattr(person, name) for name in IDENTIFYING_FIELDS))
    for name, value in fields.items():
        setattr(person, name, value)
    _set_identity(person, identity_number or person.identity_number)
    person.full_clean()
    after = (person.identity_lookup_hash, *(getattr(person, name) for name in IDENTIFYING_FIELDS))
    unseen: Matches = []
    if after != before:
        unseen = _duplicates_unseen(
            actor=actor, person=person, confirmed_distinct=confirmed_distinct
        )
    with transaction.atomic():
        person.save()
        _duplicate_review_open(actor=actor, person=person, unseen=unseen, request=request)
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
    """Move the executing place (applied by an approved change request); the transfer row keeps
    the history; caseworkers are released."""
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


# Second-person reviews: every allowed decision, from the state a review is in to the next.
APPROVE, REJECT = "approve", "reject"
REVIEW_TRANSITIONS: dict[tuple[str, str], str] = {
    (ReviewState.PENDING, APPROVE): ReviewState.APPROVED,
    (ReviewState.PENDING, REJECT): ReviewState.REJECTED,
}
Reviewed = PersonChangeRequest | DuplicateReview


def _change_check(change: PersonChangeRequest) -> None:
    """A change request gives a reason; unsealing needs a sealed record; a transfer a new place."""
    if not change.reason:
        raise ValidationError({"reason": _("Give a reason for the request.")})
    person = change.person
    if change.kind == ChangeKind.UNSEAL and not person.is_juvenile:
        raise ValidationError(_("This record is not sealed."))
    if change.kind == ChangeKind.TRANSFER:
        ExecutionTransfer(
            person=person,
            from_agency=person.agency,
            from_office=person.judicial_office,
            to_agency=change.to_agency,
            to_office=change.to_office,
            transferred_on=cast(date, change.transferred_on),
            reason=change.reason,
            recorded_by=change.requested_by,
        ).full_clean()


def person_change_request(
    *,
    actor: Any,
    person: SupervisedPerson,
    kind: str,
    reason: str,
    to_agency: CorrectionsAgency | None = None,
    to_office: JudicialOffice | None = None,
    transferred_on: date | None = None,
    request: HttpRequest | None = None,
) -> PersonChangeRequest:
    """Ask the person's agency manager to clear the sealed flag or to transfer; nothing changes
    until another person approves."""
    change = PersonChangeRequest(
        person=person,
        agency=person.agency,
        kind=kind,
        reason=reason.strip(),
        requested_by=actor,
        to_agency=to_agency,
        to_office=to_office,
        transferred_on=transferred_on,
    )
    _change_check(change)
    with transaction.atomic():
        SupervisedPerson.objects.select_for_update().filter(pk=person.pk).first()
        if person.change_requests.filter(kind=kind, state=ReviewState.PENDING).exists():
            raise ValidationError(_("A request of this kind is already awaiting approval."))
        change.full_clean()
        change.save()
        _audit_person(
            actor=actor,
            action=f"casework.{kind}.request",
            person=person,
            request=request,
            change=change.pk,
        )
        _review_notice(agency_id=change.agency_id, actor=actor, kind=ChangeKind(change.kind).label)
    return change


def _review_check(*, actor: Any, review: Reviewed, action: str, reason: str) -> str:
    """Only a manager of the review's agency decides, once, never on their own request; returns
    the state the decision leads to."""
    assignment = staff_assignment(actor)
    if (
        assignment is None
        or actor.role != Role.AGENCY_MANAGER
        or assignment.agency_id != review.agency_id
    ):
        raise PermissionDenied(_("Only a manager of the agency concerned can decide this."))
    if not review.is_pending:
        raise ValidationError(_("This has already been decided."))
    to_state = REVIEW_TRANSITIONS.get((review.state, action))
    if to_state is None:
        raise ValidationError(_("This decision is not possible."))
    if review.requested_by_id == actor.pk:
        raise ValidationError(_("You asked for this yourself: another manager has to decide."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason for the decision.")})
    return to_state


def _change_apply(*, actor: Any, change: PersonChangeRequest, request: HttpRequest | None) -> None:
    """Make the approved change: clear the sealed flag, or record the transfer."""
    person = SupervisedPerson.objects.select_for_update().get(pk=change.person_id)
    if change.kind == ChangeKind.TRANSFER:
        person_transfer(
            actor=actor,
            person=person,
            to_agency=cast(CorrectionsAgency, change.to_agency),
            to_office=change.to_office,
            transferred_on=cast(date, change.transferred_on),
            reason=change.reason,
            request=request,
        )
        return
    person.is_juvenile = False
    person.save(update_fields=["is_juvenile", "updated_at"])
    _audit_person(actor=actor, action="casework.person.unseal", person=person, request=request)


def review_decide(
    *,
    actor: Any,
    review: Reviewed,
    action: str,
    reason: str,
    request: HttpRequest | None = None,
) -> Reviewed:
    """Approve or reject a change request or a possible duplicate as the second person; an
    approved change is applied in the same transaction."""
    with transaction.atomic():
        review = type(review).objects.select_for_update().get(pk=review.pk)
        to_state = _review_check(actor=actor, review=review, action=action, reason=reason)
        review.state, review.decided_by = to_state, actor
        review.decision_reason, review.decided_at = reason.strip(), timezone.now()
        review.full_clean()
        review.save()
        if isinstance(review, PersonChangeRequest) and to_state == ReviewState.APPROVED:
            _change_apply(actor=actor, change=review, request=request)
        kind = review.kind if isinstance(review, PersonChangeRequest) else "duplicate"
        _audit_person(
            actor=actor,
            action=f"casework.{kind}.{action}",
            person=review.person,
            request=request,
            review=review.pk,
        )
    return review


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


def _check_referable(person: SupervisedPerson, offer_key: str) -> None:
    if person.status != PersonStatus.UNDER_SUPERVISION:
        raise ValidationError(_("Only a person under supervision can be referred."))
    if person.referrals.filter(offer_key=offer_key, state__in=OPEN_STATES).exists():
        raise ValidationError(_("This person already has an open referral to this offer."))


def consented_values(person: SupervisedPerson, *, on: date) -> dict[str, Any]:
    """The values of every field a person may consent to share, as of one day (no identity)."""
    return {
        SharedField.FIRST_NAME: person.given_name,
        SharedField.PHONE: person.phone,
        SharedField.AGE: person.age_on(on),
        SharedField.GENDER: person.gender,
    }


def referral_create(
    *,
    actor: Any,
    person: SupervisedPerson,
    offer_key: str,
    need_category: Category,
    shared_fields: Iterable[str],
    message: str = "",
    send: bool = True,
    previous: Referral | None = None,
    request: HttpRequest | None = None,
) -> Referral:
    """Refer a person to an offer with the consented fields, and send it (all or nothing)."""
    _check_referable(person, offer_key)
    with transaction.atomic():
        referral = referral_open(
            person_code=person.referral_code,
            offer_key=offer_key,
            need_category=need_category,
            shared_fields=shared_fields,
            message=message,
            previous=previous,
            actor=actor,
            request=request,
        )
        PersonReferral.objects.create(person=person, referral=referral)
        if send:
            referral = referral_send(actor=actor, referral=referral, request=request)
    return referral


def referral_person(referral: Referral) -> SupervisedPerson:
    """The supervised person a referral is for (casework's side of the link)."""
    return PersonReferral.objects.select_related("person").get(referral=referral).person


def referral_send(
    *, actor: Any, referral: Referral, request: HttpRequest | None = None
) -> Referral:
    """Send a referral: the engine's eligibility rule for this person, and today's snapshot of
    the consented fields."""
    person = referral_person(referral)
    facts = SendFacts(
        profile=person_profile(person),
        shared_values=consented_values(person, on=timezone.localdate()),
    )
    return referral_transition(
        referral=referral,
        action="send",
        side=Side.CASEWORKER,
        actor=actor,
        facts=facts,
        request=request,
    )


def _overdue_recipients(referral: Referral, person: SupervisedPerson) -> list[str]:
    users: list[Any] = list(person.caseworkers.all())
    users += [referral.created_by, referral.owner_user]
    if referral.organization is not None:
        users += [membership.user for membership in referral.organization.memberships.all()]
    emails = {user.email for user in users if user is not None and user.email}
    if referral.organization is not None and referral.organization.email:
        emails.add(referral.organization.email)
    return sorted(emails)


def _overdue_message(referral: Referral) -> tuple[str, str]:
    subject = gettext("Referral %(code)s has had no answer") % {"code": referral.person_code}
    body = gettext(
        "The referral %(code)s to “%(offer)s” was sent on %(sent)s and has not been answered. "
        "Please accept or decline it in the referral inbox."
    ) % {
        "code": referral.person_code,
        "offer": referral.offer_title,
        "sent": timezone.localtime(referral.sent_at).date().isoformat(),
    }
    return subject, body


def referrals_flag_overdue() -> int:
    """Flag sent referrals left unanswered too long, and tell the caseworkers and the provider."""
    due = PersonReferral.objects.filter(
        referral__state=ReferralState.SENT,
        referral__sent_at__lt=overdue_cutoff(),
        referral__overdue_flagged_at__isnull=True,
    ).select_related("person", "referral__organization", "referral__owner_user")
    mails = []
    for link in due:
        referral = link.referral
        with transaction.atomic():
            referral.overdue_flagged_at = timezone.now()
            referral.save(update_fields=["overdue_flagged_at", "updated_at"])
            audit_record(
                actor=None,
                action="casework.referral.overdue",
                obj=referral,
                object_repr=str(referral)[:255],
                detail={"state": referral.state},
            )
        subject, body = _overdue_message(referral)
        mails.append((subject, body, None, _overdue_recipients(referral, link.person)))
    send_mass_mail([mail for mail in mails if mail[3]], fail_silently=True)
    return len(mails)


# The audit action of a notice sent to a person (named like the referral actions it follows).
PERSON_NOTICE = "casework.referral." + "notify_person"
# Days between two reminders of the same referral; settings.REFERRAL_REMINDER_DAYS overrides.
REMINDER_DAYS = 3


def _reminder_message(referrals: list[Referral]) -> tuple[str, str]:
    subject = gettext("%(count)s referral(s) need your attention") % {"count": len(referrals)}
    lines = [
        f"{referral.person_code} → {referral.offer_title}: {referral.get_state_display()}"
        for referral in referrals
    ]
    intro = gettext(
        "These referrals are declined, completed waiting to be closed, no-shows or unanswered. "
        "Please close them or refer again:"
    )
    url = settings.SITE_URL.rstrip("/") + reverse("casework:referral_list") + "?attention=true"
    return subject, "\n".join([intro, *lines, url])


def _due_reminders(now: Any) -> dict[str, list[Referral]]:
    """Referrals needing attention not reminded within the interval, by caseworker e-mail."""
    interval = timedelta(days=getattr(settings, "REFERRAL_REMINDER_DAYS", REMINDER_DAYS))
    links = PersonReferral.objects.filter(
        referral__in=referrals_needing_attention(Referral.objects.all())
    ).filter(Q(referral__reminded_at__isnull=True) | Q(referral__reminded_at__lt=now - interval))
    due: dict[str, list[Referral]] = {}
    for link in links.select_related("referral__created_by").prefetch_related(
        "person__caseworkers"
    ):
        users = [*link.person.caseworkers.all(), link.referral.created_by]
        for email in {user.email for user in users if user is not None and user.email}:
            due.setdefault(email, []).append(link.referral)
    return due


def referrals_remind() -> int:
    """Remind caseworkers, again after every REFERRAL_REMINDER_DAYS until someone acts, of the
    referrals needing attention; returns how many referrals were reminded of."""
    now = timezone.now()
    due = _due_reminders(now)
    with translation.override(settings.LANGUAGE_CODE):
        mails = [(*_reminder_message(items), None, [email]) for email, items in due.items()]
    reminded = {referral.pk for items in due.values() for referral in items}
    Referral.objects.filter(pk__in=reminded).update(reminded_at=now)
    send_mass_mail(mails, fail_silently=True)
    return len(reminded)


def referral_log(
    *,
    actor: Any,
    person: SupervisedPerson,
    logged: LoggedReferral,
    request: HttpRequest | None = None,
) -> Referral:
    """Record for a person a referral made outside the platform (logged: no seat, no mail)."""
    with transaction.atomic():
        referral = referral_log_record(
            person_code=person.referral_code, logged=logged, actor=actor, request=request
        )
        PersonReferral.objects.create(person=person, referral=referral)
    return referral


def onward_approve(
    *,
    actor: Any,
    proposal: OnwardProposal,
    shared_fields: Iterable[str],
    consent_confirmed: bool,
    request: HttpRequest | None = None,
) -> Referral:
    """Approve a provider's onward proposal: with the person's consent confirmed again, it
    becomes a new referral (sent now) linked to the first one."""
    if not consent_confirmed:
        raise ValidationError(
            {"consent": _("Confirm the person's consent again before referring.")}
        )
    first = proposal.referral
    with transaction.atomic():
        onward = referral_create(
            actor=actor,
            person=referral_person(first),
            offer_key=proposal.offer_key,
            need_category=first.need_category,
            shared_fields=shared_fields,
            previous=first,
            request=request,
        )
        onward_decide(proposal=proposal, actor=actor, onward_referral=onward, request=request)
    return onward


def onward_reject(
    *, actor: Any, proposal: OnwardProposal, request: HttpRequest | None = None
) -> OnwardProposal:
    """Turn down a provider's onward proposal; the first referral goes on unchanged."""
    return onward_decide(proposal=proposal, actor=actor, onward_referral=None, request=request)


def _offer_place_and_time(referral: Referral) -> tuple[str, str]:
    document = matching_selectors.offer_document(key=referral.offer_key)
    if document is None:
        return "", ""
    place = Jurisdiction.objects.filter(code=document.jurisdiction_code).first()
    return (place.name if place else ""), schedule_text(document.schedule)


def slip_facts(referral: Referral) -> dict[str, Any]:
    """What a person is told of an accepted referral: provider, offer, place, time, what to bring
    (as the offer said when the referral was sent) and whom to ask; never an identity number,
    offence or assessment."""
    place, when = _offer_place_and_time(referral)
    caseworker = referral.created_by
    return {
        "code": referral.person_code,
        "provider": referral.provider_name,
        "offer": referral.offer_title,
        "place": place or "—",
        "time": when or "—",
        "caseworker": caseworker.get_full_name() if caseworker else "—",
        "contact": (caseworker.phone or caseworker.email) if caseworker else "—",
        "bring": referral.things_to_bring,
    }


def _person_message(facts: dict[str, Any]) -> tuple[str, str]:
    subject = gettext("Your referral to “%(offer)s” was accepted") % facts
    bring = pgettext("list separator", ", ").join(facts["bring"]) or gettext("nothing else")
    body = gettext(
        "%(provider)s has accepted you for “%(offer)s”. Place: %(place)s. Time: %(time)s. "
        "Please bring this message (your person code is %(code)s) and: %(bring)s. "
        "Questions: %(caseworker)s, %(contact)s."
    ) % {**facts, "bring": bring}
    return subject, body


def person_notify_accepted(*, referral: Referral) -> bool:
    """Tell the person of an accepted referral in their language by their channel (SMS or
    e-mail); nothing is sent when they chose none (they get a printed slip). Audited."""
    link = PersonReferral.objects.select_related("person").filter(referral=referral).first()
    if link is None or referral.is_logged:
        return False
    person, channel = link.person, link.person.notification_channel
    with translation.override(person.preferred_language):
        subject, body = _person_message(slip_facts(referral))
    if channel == NotificationChannel.SMS and person.phone:
        sent = send_sms(to=person.phone, body=body)
    elif channel == NotificationChannel.EMAIL and person.email:
        sent = bool(send_mail(subject, body, None, [person.email], fail_silently=True))
    else:
        return False
    audit_record(
        actor=None,
        action=PERSON_NOTICE,
        obj=referral,
        object_repr=str(referral)[:255],
        detail={"channel": channel, "sent": sent},
    )
    return sent
