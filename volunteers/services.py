"""Writes of the volunteers app: profiles, screening, shift sign-ups, hours and mentees."""

from collections.abc import Iterable
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from matching.eligibility import OfferKind
from matching.models import Referral, Side
from matching.selectors import offer_key
from matching.services import Completion, index_offer, referral_transition
from portal.audit.services import audit_record
from portal.identity import (
    encrypt_identity_number,
    identity_lookup_hash,
    mask_identity_number,
    normalize_identity_number,
    validate_identity_number,
)
from portal.organizations.models import CorrectionsAgency, Jurisdiction
from portal.templatetags.display_lists import joined
from volunteers.models import (
    ACTIVE_SIGNUP_STATUSES,
    HoursEntry,
    HoursStatus,
    ScreeningDocument,
    ScreeningStatus,
    ScreeningStep,
    Shift,
    SignUp,
    SignUpStatus,
    VolunteerOpportunityPage,
    VolunteerProfile,
)
from volunteers.selectors import (
    is_screening_manager,
    may_decide_hours,
    mentees_of,
    missing_documents,
)
from volunteers.validators import validate_document

MANAGER = "manager"
VOLUNTEER = "volunteer"
_S = ScreeningStatus

# The screening pipeline: every allowed move, and who may make it.
SCREENING_TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    (_S.APPLIED, _S.DOCUMENTS_CHECKED): frozenset({MANAGER}),
    (_S.DOCUMENTS_CHECKED, _S.APPLIED): frozenset({MANAGER}),
    (_S.DOCUMENTS_CHECKED, _S.TRAINING_COMPLETED): frozenset({MANAGER}),
    (_S.TRAINING_COMPLETED, _S.APPROVED): frozenset({MANAGER}),
    (_S.APPROVED, _S.ACTIVE): frozenset({MANAGER}),
    (_S.APPROVED, _S.SUSPENDED): frozenset({MANAGER}),
    (_S.ACTIVE, _S.SUSPENDED): frozenset({MANAGER}),
    (_S.SUSPENDED, _S.ACTIVE): frozenset({MANAGER}),
    **{
        (status, _S.RETIRED): frozenset({MANAGER, VOLUNTEER})
        for status in _S.values
        if status != _S.RETIRED
    },
}


def screening_next_statuses(*, volunteer: VolunteerProfile, actor: Any) -> list[ScreeningStatus]:
    """The statuses this actor may move the volunteer to from where they stand."""
    roles = _screening_roles(actor, volunteer)
    return [
        ScreeningStatus(to_status)
        for (from_status, to_status), allowed in SCREENING_TRANSITIONS.items()
        if from_status == volunteer.status and roles & allowed
    ]


def _screening_roles(actor: Any, volunteer: VolunteerProfile) -> set[str]:
    roles = set()
    if is_screening_manager(actor, volunteer):
        roles.add(MANAGER)
    if getattr(actor, "pk", None) == volunteer.user_id:
        roles.add(VOLUNTEER)
    return roles


def volunteer_profile_save(
    *,
    user: Any,
    real_name: str,
    phone: str,
    identity_number: str,
    agency: CorrectionsAgency,
    jurisdictions: Iterable[Jurisdiction],
    skills: list[str],
    qualifications: str = "",
    interests: list[str],
    languages: list[str],
    availability: list[str],
    motivation: str = "",
    request: HttpRequest | None = None,
) -> VolunteerProfile:
    """Create or update the user's volunteer profile; an empty identity number keeps the old one."""
    profile = VolunteerProfile.objects.filter(user=user).first() or VolunteerProfile(user=user)
    created = profile.pk is None
    if identity_number or created:
        _set_identity_number(profile, identity_number)
    sharers = _identity_sharers(profile)
    profile.real_name, profile.phone, profile.agency = real_name, phone, agency
    profile.skills, profile.qualifications, profile.interests = skills, qualifications, interests
    profile.languages, profile.availability, profile.motivation = (
        languages,
        availability,
        motivation,
    )
    action = "volunteer.profile_created" if created else "volunteer.profile_updated"
    with transaction.atomic():
        profile.full_clean()
        profile.save()
        profile.jurisdictions.set(jurisdictions)
        audit_record(actor=user, action=action, obj=profile, request=request)
        _identity_shared_record(profile, sharers, request)
        # The areas are set after the save that queued the mentor offer's reindexing.
        key = offer_key(OfferKind.MENTOR, profile.pk)
        transaction.on_commit(lambda: index_offer(key=key))
    return profile


def _set_identity_number(profile: VolunteerProfile, raw: str) -> None:
    try:
        validate_identity_number(raw)
    except ValidationError as error:
        raise ValidationError({"identity_number": error.messages}) from None
    number = normalize_identity_number(raw)
    profile.identity_number_encrypted = encrypt_identity_number(number)
    profile.identity_number_masked = mask_identity_number(number)
    profile.identity_number_hash = identity_lookup_hash(number)


def _identity_sharers(profile: VolunteerProfile) -> list[int]:
    """Mark a profile whose number another profile gives; the answer to the volunteer is the
    same either way (no oracle), and the number cannot be squatted."""
    sharers = list(
        VolunteerProfile.objects.filter(identity_number_hash=profile.identity_number_hash)
        .exclude(pk=profile.pk)
        .values_list("pk", flat=True)
    )
    profile.identity_shared = bool(sharers) and (
        profile.identity_shared or not _same_hash_as_saved(profile)
    )
    return sharers


def _same_hash_as_saved(profile: VolunteerProfile) -> bool:
    saved = VolunteerProfile.objects.filter(pk=profile.pk).values_list("identity_number_hash")
    return profile.pk is not None and saved.first() == (profile.identity_number_hash,)


def _identity_shared_record(
    profile: VolunteerProfile, sharers: list[int], request: HttpRequest | None
) -> None:
    """Tell the screening managers (by the mark and the audit log) of a shared number."""
    if not profile.identity_shared:
        return
    audit_record(
        actor=profile.user,
        action="volunteer.identity_shared",
        obj=profile,
        request=request,
        detail={"profiles": sharers},
    )


IDENTITY_TO_CHECK = _(
    "Another profile gives the same identity number: check the identity document and confirm "
    "whose number it is before checking the documents."
)


def volunteer_identity_confirm(
    *, volunteer: VolunteerProfile, reason: str, actor: Any, request: HttpRequest | None = None
) -> VolunteerProfile:
    """The screening manager, having seen the identity document, confirms that the number is this
    volunteer's: every other profile giving it is marked to be checked instead."""
    if not is_screening_manager(actor, volunteer):
        raise PermissionDenied(_("You may not make this screening decision."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason for this screening decision.")})
    with transaction.atomic():
        same = VolunteerProfile.objects.select_for_update().filter(
            identity_number_hash=volunteer.identity_number_hash
        )
        volunteer = same.get(pk=volunteer.pk)
        if not volunteer.identity_shared:
            raise ValidationError(_("This identity number is not shared with another profile."))
        others = list(same.exclude(pk=volunteer.pk).values_list("pk", flat=True))
        same.exclude(pk=volunteer.pk).update(identity_shared=True)
        volunteer.identity_shared = False
        volunteer.save(update_fields=["identity_shared"])
        audit_record(
            actor=actor,
            action="volunteer.identity_confirmed",
            obj=volunteer,
            request=request,
            detail={"profiles": others, "reason": reason.strip()},
        )
    return volunteer


def screening_document_upload(
    *,
    volunteer: VolunteerProfile,
    kind: str,
    upload: UploadedFile,
    actor: Any,
    request: HttpRequest | None = None,
) -> ScreeningDocument:
    """Store a screening document after checking its type, content and size."""
    try:
        content_type = validate_document(upload)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None
    document = ScreeningDocument(
        volunteer=volunteer,
        kind=kind,
        file=upload,
        original_name=(upload.name or "")[:255],
        content_type=content_type,
        size=upload.size or 0,
    )
    with transaction.atomic():
        document.full_clean()
        document.save()
        audit_record(
            actor=actor,
            action="volunteer.document_uploaded",
            obj=volunteer,
            request=request,
            detail={"kind": kind, "document": document.pk},
        )
    return document


def screening_transition(
    *,
    volunteer: VolunteerProfile,
    to_status: str,
    reason: str,
    actor: Any,
    request: HttpRequest | None = None,
) -> ScreeningStep:
    """Move a volunteer one step through screening, with a reason; the one way status changes."""
    with transaction.atomic():
        volunteer = VolunteerProfile.objects.select_for_update().get(pk=volunteer.pk)
        allowed = SCREENING_TRANSITIONS.get((volunteer.status, to_status))
        if allowed is None:
            raise ValidationError(
                _("A volunteer cannot move from “%(from)s” to “%(to)s”."),
                params={"from": volunteer.get_status_display(), "to": _label(to_status)},
            )
        if not _screening_roles(actor, volunteer) & allowed:
            raise PermissionDenied(_("You may not make this screening decision."))
        _check_screening_preconditions(volunteer, to_status, reason)
        step = _screening_step_record(volunteer, to_status, reason.strip(), actor)
        volunteer.status = to_status
        volunteer.status_changed_at = timezone.now()
        volunteer.save(update_fields=["status", "status_changed_at"])
        if to_status in (ScreeningStatus.SUSPENDED, ScreeningStatus.RETIRED):
            _cancel_future_signups(volunteer)
        _screening_notify(volunteer, step)
        audit_record(
            actor=actor,
            action="volunteer.screening",
            obj=volunteer,
            request=request,
            detail={"from": step.from_status, "to": to_status, "reason": step.reason},
        )
    return step


def _screening_step_record(
    volunteer: VolunteerProfile, to_status: str, reason: str, actor: Any
) -> ScreeningStep:
    step = ScreeningStep(
        volunteer=volunteer,
        from_status=volunteer.status,
        to_status=to_status,
        reason=reason,
        actor=actor,
    )
    step.full_clean()
    step.save()
    return step


def _screening_notify(volunteer: VolunteerProfile, step: ScreeningStep) -> None:
    _notify(
        volunteer.user,
        _("Your volunteer screening: %(status)s") % {"status": _label(step.to_status)},
        _("Your status changed from “%(from)s” to “%(to)s”. Reason: %(reason)s")
        % {"from": _label(step.from_status), "to": _label(step.to_status), "reason": step.reason},
    )


def _label(status: str) -> str:
    return str(ScreeningStatus(status).label) if status in ScreeningStatus.values else status


def _check_screening_preconditions(
    volunteer: VolunteerProfile, to_status: str, reason: str
) -> None:
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason for this screening decision.")})
    if to_status == ScreeningStatus.DOCUMENTS_CHECKED and volunteer.identity_shared:
        raise ValidationError(IDENTITY_TO_CHECK)
    if to_status == ScreeningStatus.DOCUMENTS_CHECKED and missing_documents(volunteer):
        raise ValidationError(
            _("The documents cannot be checked: missing %(documents)s."),
            params={"documents": joined(missing_documents(volunteer))},
        )


def _cancel_future_signups(volunteer: VolunteerProfile) -> None:
    signups = volunteer.signups.filter(
        status__in=ACTIVE_SIGNUP_STATUSES, shift__date__gte=timezone.localdate()
    ).select_related("shift")
    for signup in signups:
        if timezone.make_aware(signup.shift.starts_at) > timezone.now():
            _cancel_locked(signup.shift_id, signup.pk)


def signup_create(*, shift: Shift, volunteer: VolunteerProfile, waitlist: bool = False) -> SignUp:
    """Take a seat on a shift, or a place on its waiting list when asked and it is full."""
    with transaction.atomic():
        shift = Shift.objects.select_for_update().select_related("opportunity").get(pk=shift.pk)
        _check_can_sign_up(shift, volunteer)
        confirmed = shift.signups.filter(status=SignUpStatus.CONFIRMED).count()
        if confirmed >= shift.seats and not waitlist:
            raise ValidationError(
                _("This shift is full. You can join its waiting list instead."), code="shift_full"
            )
        status = SignUpStatus.CONFIRMED if confirmed < shift.seats else SignUpStatus.WAITLISTED
        signup = SignUp(shift=shift, volunteer=volunteer, status=status)
        try:
            with transaction.atomic():
                signup.save()
        except IntegrityError:
            raise ValidationError(_("You have already signed up for this shift.")) from None
        audit_record(actor=volunteer.user, action=f"volunteer.signup_{status}", obj=signup)
        _reindex(shift)
    return signup


def _check_can_sign_up(shift: Shift, volunteer: VolunteerProfile) -> None:
    if not volunteer.is_serving:
        raise ValidationError(_("Only approved volunteers can sign up for shifts."))
    if not shift.opportunity.live:
        raise ValidationError(_("This opportunity is not published."))
    if timezone.make_aware(shift.starts_at) <= timezone.now():
        raise ValidationError(_("This shift has already started."))
    if shift.signups.filter(volunteer=volunteer, status__in=ACTIVE_SIGNUP_STATUSES).exists():
        raise ValidationError(_("You have already signed up for this shift."))
    clash = (
        SignUp.objects.filter(
            volunteer=volunteer, status__in=ACTIVE_SIGNUP_STATUSES, shift__date=shift.date
        )
        .filter(shift__start_time__lt=shift.end_time, shift__end_time__gt=shift.start_time)
        .select_related("shift__opportunity")
        .first()
    )
    if clash is not None:
        raise ValidationError(
            _("This shift overlaps your shift “%(other)s” (%(when)s)."),
            code="overlap",
            params={"other": clash.shift.opportunity.title, "when": str(clash.shift)},
        )


def signup_cancel(*, signup: SignUp, actor: Any) -> SignUp:
    """Give up a place on a shift; the first volunteer waiting takes a freed seat."""
    if getattr(actor, "pk", None) != signup.volunteer.user_id:
        raise PermissionDenied(_("You may cancel only your own sign-ups."))
    with transaction.atomic():
        cancelled = _cancel_locked(signup.shift_id, signup.pk)
    return cancelled


def _cancel_locked(shift_id: int, signup_id: int) -> SignUp:
    shift = Shift.objects.select_for_update().get(pk=shift_id)
    signup = SignUp.objects.select_related("volunteer__user").get(pk=signup_id)
    if signup.status == SignUpStatus.CANCELLED:
        raise ValidationError(_("This sign-up is already cancelled."))
    if timezone.make_aware(shift.starts_at) <= timezone.now():
        raise ValidationError(_("This shift has already started and can no longer be cancelled."))
    was_confirmed = signup.status == SignUpStatus.CONFIRMED
    signup.status = SignUpStatus.CANCELLED
    signup.save(update_fields=["status", "updated_at"])
    audit_record(actor=signup.volunteer.user, action="volunteer.signup_cancelled", obj=signup)
    if was_confirmed:
        _promote_waiting(shift)
    _reindex(shift)
    return signup


def _reindex(shift: Shift) -> None:
    """Seats left changed: the opportunity's offer document must follow."""
    key = offer_key(OfferKind.VOLUNTEER_OPPORTUNITY, shift.opportunity_id)
    transaction.on_commit(lambda: index_offer(key=key))


def _promote_waiting(shift: Shift) -> None:
    confirmed = shift.signups.filter(status=SignUpStatus.CONFIRMED).count()
    waiting = shift.signups.filter(status=SignUpStatus.WAITLISTED).select_related("volunteer__user")
    for signup in waiting.order_by("created_at", "pk")[: max(shift.seats - confirmed, 0)]:
        signup.status = SignUpStatus.CONFIRMED
        signup.save(update_fields=["status", "updated_at"])
        audit_record(actor=None, action="volunteer.signup_promoted", obj=signup)
        _notify(
            signup.volunteer.user,
            _("A seat is yours: %(opportunity)s") % {"opportunity": shift.opportunity.title},
            _(
                "A seat freed on the shift %(shift)s and you moved up from the waiting list. "
                "If you cannot come, cancel on your shifts page so the next volunteer can."
            )
            % {"shift": shift},
        )


def _notify(user: Any, subject: str, message: str) -> None:
    """E-mail a user once the change is committed; a mail failure never undoes the change."""
    subject, message = str(subject), str(message)
    transaction.on_commit(
        lambda: send_mail(subject, message, None, [user.email], fail_silently=True)
    )


def hours_log(
    *,
    volunteer: VolunteerProfile,
    day: date,
    start_time: time,
    end_time: time,
    activity: str = "",
    shift: Shift | None = None,
    opportunity: VolunteerOpportunityPage | None = None,
) -> HoursEntry:
    """Record time served, on a shift the volunteer took or on another activity."""
    if not volunteer.is_serving:
        raise ValidationError(_("Only approved volunteers can log hours."))
    if shift is not None:
        _check_shift_hours(volunteer, shift, day, start_time, end_time)
        opportunity = shift.opportunity
        activity = activity or shift.opportunity.title
    _check_hours_time(volunteer, day, start_time, end_time)
    entry = HoursEntry(
        volunteer=volunteer,
        shift=shift,
        opportunity=opportunity,
        activity=activity,
        date=day,
        start_time=start_time,
        end_time=end_time,
        hours=_duration(start_time, end_time),
    )
    with transaction.atomic():
        entry.full_clean()
        entry.save()
        audit_record(actor=volunteer.user, action="volunteer.hours_logged", obj=entry)
    return entry


def _duration(start_time: time, end_time: time) -> Decimal:
    seconds = (
        datetime.combine(date.min, end_time) - datetime.combine(date.min, start_time)
    ).total_seconds()
    return (Decimal(seconds) / Decimal(3600)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _check_hours_time(
    volunteer: VolunteerProfile, day: date, start_time: time, end_time: time
) -> None:
    if end_time <= start_time:
        raise ValidationError({"end_time": _("The end time must be after the start time.")})
    if timezone.make_aware(datetime.combine(day, end_time)) > timezone.now():
        raise ValidationError({"date": _("Hours can be logged only once they are served.")})
    overlapping = volunteer.hours.exclude(status=HoursStatus.REJECTED).filter(
        date=day, start_time__lt=end_time, end_time__gt=start_time
    )
    if overlapping.exists():
        raise ValidationError(_("You have already logged hours overlapping this time."))


def _check_shift_hours(
    volunteer: VolunteerProfile, shift: Shift, day: date, start_time: time, end_time: time
) -> None:
    if not shift.signups.filter(volunteer=volunteer, status=SignUpStatus.CONFIRMED).exists():
        raise ValidationError({"shift": _("You were not confirmed on this shift.")})
    if day != shift.date or start_time < shift.start_time or end_time > shift.end_time:
        raise ValidationError(
            _("Hours on a shift must lie within its time: %(shift)s."), params={"shift": str(shift)}
        )


def hours_decide(
    *,
    entry: HoursEntry,
    approve: bool,
    actor: Any,
    reason: str = "",
    request: HttpRequest | None = None,
) -> HoursEntry:
    """Approve or reject pending hours; a rejection needs a reason."""
    if not may_decide_hours(actor, entry):
        raise PermissionDenied(_("You may not decide on these hours."))
    with transaction.atomic():
        entry = HoursEntry.objects.select_for_update().get(pk=entry.pk)
        if entry.status != HoursStatus.PENDING:
            raise ValidationError(_("These hours have already been decided."))
        if not approve and not reason.strip():
            raise ValidationError(
                {"rejection_reason": _("Give a reason for rejecting these hours.")}
            )
        entry.status = HoursStatus.APPROVED if approve else HoursStatus.REJECTED
        entry.rejection_reason = "" if approve else reason.strip()
        entry.decided_by = actor
        entry.decided_at = timezone.now()
        entry.full_clean()
        entry.save()
        audit_record(
            actor=actor,
            action=f"volunteer.hours_{entry.status}",
            obj=entry,
            request=request,
            detail={"hours": str(entry.hours), "reason": entry.rejection_reason},
        )
    return entry


def mentee_referral_move(
    *,
    volunteer: VolunteerProfile,
    referral_id: int,
    action: str,
    actor: Any,
    note: str = "",
    completion: Completion | None = None,
    request: HttpRequest | None = None,
) -> Referral:
    """A mentor answers or follows a referral to their mentor offer through the one referral
    transition function (as the provider side)."""
    referral = mentees_of(volunteer).filter(pk=referral_id).first()
    if referral is None or volunteer.user_id != getattr(actor, "pk", None):
        raise PermissionDenied(_("This referral is not yours to answer."))
    return referral_transition(
        referral=referral,
        action=action,
        side=Side.PROVIDER,
        actor=actor,
        note=note,
        completion=completion,
        request=request,
    )
