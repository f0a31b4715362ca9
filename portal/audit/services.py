"""The one way to write an audit entry, the client address it records, and the chain check."""

import ipaddress
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import connection, models, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit.chain import GENESIS, entry_hash, normalized_detail
from portal.audit.models import AuditEntry, AuditVerification, CaseReviewGrant
from portal.audit.selectors import case_reviews_expired_unrecorded, case_reviews_granted_to

# Where an object's place is found, tried in order: a person's or an office's agency, an
# organization's county, a referral's person.
OBJECT_PLACES = (
    ("jurisdiction",),
    ("agency", "jurisdiction"),
    ("organization", "jurisdiction"),
    ("person", "agency", "jurisdiction"),
)
# Any constant will do: it names the one advisory lock that serializes writers of the chain.
CHAIN_LOCK_KEY = 0x61756469


def _valid_ip(value: str | None) -> str | None:
    try:
        return str(ipaddress.ip_address((value or "").strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address as seen by the outermost proxy the deployment trusts.

    With TRUSTED_PROXY_COUNT = n (default 0) the address is the n-th X-Forwarded-For entry
    from the right, which our own proxies appended; whatever a client put further left is
    ignored. With 0, or too few entries, it is the address of the connection itself.
    """
    if request is None:
        return None
    remote = _valid_ip(request.META.get("REMOTE_ADDR"))
    count = settings.TRUSTED_PROXY_COUNT
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    if count <= 0 or len(hops) < count:
        return remote
    return _valid_ip(hops[-count]) or remote


def _object_place(obj: Any) -> str:
    from portal.organizations.models import Jurisdiction  # models import this module's users

    if isinstance(obj, Jurisdiction):
        return obj.code
    for path in OBJECT_PLACES:
        value = obj
        try:
            for name in path:
                value = getattr(value, name, None)
        except ObjectDoesNotExist:
            continue
        if isinstance(value, Jurisdiction):
            return value.code
    return ""


def audit_place(*, obj: Any = None, actor: Any = None, jurisdiction: Any = None) -> str:
    """The division code an entry is filed under: given, else the object's, else the actor's.

    Managers and oversight read the entries filed inside their own jurisdiction.
    """
    from portal.accounts.scopes import user_jurisdiction  # it imports organizations' models

    if jurisdiction:
        return str(getattr(jurisdiction, "code", jurisdiction))[:9]
    place = _object_place(obj) if obj is not None else ""
    if place or not getattr(actor, "is_authenticated", False):
        return place
    workplace = user_jurisdiction(actor)
    return workplace.code if workplace is not None else ""


def _head_rows() -> models.QuerySet:
    """The chain's entries, last first, as (sequence, row hash)."""
    return AuditEntry.objects.order_by("-sequence").values_list("sequence", "row_hash")


@lru_cache(maxsize=1)
def _locked_head_sql() -> str:
    """PostgreSQL: the chain's lock and its head read as one text, in one round trip."""
    # psycopg's client-side binding (Django's default) sends it as a simple query, in which each
    # statement reads with its own snapshot: the head is read after the lock is granted.
    sql, params = _head_rows()[:1].query.sql_with_params()
    if params:
        raise ValueError("the chain's head read has parameters")
    return f"SELECT pg_advisory_xact_lock(%s); {sql}"


def _chain_head() -> tuple[int, str]:
    """Lock the chain for this transaction and return its last sequence number and hash."""
    if connection.vendor != "postgresql":
        return _head_rows().first() or (0, GENESIS)
    with connection.cursor() as cursor:
        cursor.execute(_locked_head_sql(), [CHAIN_LOCK_KEY])
        cursor.nextset()
        row = cursor.fetchone()
    return (row[0], row[1]) if row else (0, GENESIS)


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    request: HttpRequest | None = None,
    detail: dict[str, Any] | None = None,
    jurisdiction: Any = None,
) -> AuditEntry:
    """Append one audit entry to the chain; the caller's transaction makes it atomic with the
    change (on PostgreSQL the chain stays locked until that transaction ends)."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)[:255]
    user = actor if getattr(actor, "is_authenticated", False) else None
    entry = AuditEntry(
        actor=user,
        actor_label=(user.email if user else str(actor or "system"))[:255],
        action=action,
        object_type=object_type,
        object_id=str(object_id)[:64],
        object_repr=object_repr[:255],
        detail=normalized_detail(detail),
        ip_address=client_ip(request),
        jurisdiction_code=audit_place(obj=obj, actor=user, jurisdiction=jurisdiction),
        created_at=timezone.now(),
    )
    with transaction.atomic():
        last_sequence, last_hash = _chain_head()
        entry.sequence, entry.prev_hash = last_sequence + 1, last_hash
        entry.row_hash = entry_hash(entry)
        entry.save()
    return entry


@dataclass
class ChainCheck:
    """What one pass over the chain found; problems as data, worded by `chain_problem_text`."""

    rows_checked: int = 0
    head_sequence: int | None = None
    head_hash: str = ""
    problems: list[dict[str, Any]] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.problems


def chain_problem_text(problem: dict[str, Any]) -> str:
    """One problem found by the chain check as a sentence in the reader's language."""
    texts = {
        "missing": _("Entries %(first)s to %(last)s are missing (deleted)."),
        "unlinked": _(
            "Entry %(sequence)s does not follow the entry before it (inserted or replaced)."
        ),
        "hash": _("Entry %(sequence)s does not match its hash (edited or forged)."),
        "head": _(
            "Entry %(sequence)s, the last one seen by the previous check, is gone or changed."
        ),
    }
    return texts.get(problem.get("kind", ""), _("Unknown problem: %(kind)s")) % {
        "kind": "",
        "first": "",
        "last": "",
        "sequence": "",
        **problem,
    }


def _check_row(check: ChainCheck, entry: AuditEntry, expected_sequence: int, previous: str):
    if entry.sequence != expected_sequence:
        check.problems.append(
            {"kind": "missing", "first": expected_sequence, "last": entry.sequence - 1}
        )
    elif entry.prev_hash != previous:
        check.problems.append({"kind": "unlinked", "sequence": entry.sequence})
    if entry.row_hash != entry_hash(entry):
        check.problems.append({"kind": "hash", "sequence": entry.sequence})


def audit_chain_check() -> ChainCheck:
    """Walk the whole chain in sequence order and list every break, without writing anything.

    Rows removed from the end leave a valid chain, so the head seen by the previous stored
    check must still be there with the same hash.
    """
    check, previous, expected = ChainCheck(), GENESIS, 1
    last = AuditVerification.objects.order_by("-ran_at", "-id").first()
    last_head_seen = last is None or last.head_sequence is None
    for entry in AuditEntry.objects.order_by("sequence").iterator(chunk_size=2000):
        _check_row(check, entry, expected, previous)
        check.rows_checked += 1
        previous, expected = entry.row_hash, entry.sequence + 1
        check.head_sequence, check.head_hash = entry.sequence, entry.row_hash
        if last is not None and entry.sequence == last.head_sequence:
            last_head_seen = entry.row_hash == last.head_hash
    if last is not None and not last_head_seen:
        check.problems.append({"kind": "head", "sequence": last.head_sequence})
    return check


@transaction.atomic
def audit_verification_record() -> AuditVerification:
    """Check the chain and keep the result, for the audit screen and the next run."""
    check = audit_chain_check()
    verification = AuditVerification(
        intact=check.intact,
        rows_checked=check.rows_checked,
        head_sequence=check.head_sequence,
        head_hash=check.head_hash,
        problems=check.problems,
    )
    verification.full_clean()
    verification.save()
    return verification


def _grant_agency(actor: Any) -> Any:
    from portal.organizations.selectors import agency_for_user  # see audit_place

    if getattr(actor, "role", "") != "agency_manager" or not actor.is_active:
        raise PermissionDenied("Only agency managers grant named case reviews.")
    agency = agency_for_user(actor)
    if agency is None:
        raise PermissionDenied("This manager has no agency.")
    return agency


def _check_grantee(grantee: Any, agency: Any) -> None:
    from portal.accounts.scopes import jurisdiction_scope

    if getattr(grantee, "role", "") != "oversight" or not grantee.is_active:
        raise ValidationError(
            {"grantee": _("Named case reviews are granted to oversight users only.")}
        )
    if not jurisdiction_scope(grantee).covers(agency.jurisdiction.code):
        raise ValidationError(
            {"grantee": _("This oversight user does not cover your agency's jurisdiction.")}
        )


@transaction.atomic
def case_review_grant(
    *,
    actor: Any,
    grantee: Any,
    case_code: str,
    reason: str,
    ends_at: Any,
    request: HttpRequest | None = None,
) -> CaseReviewGrant:
    """An agency manager lets one oversight user read one named case of the agency, for a
    stated reason, until ends_at; the grant is audited."""
    agency = _grant_agency(actor)
    _check_grantee(grantee, agency)
    grant = CaseReviewGrant(
        grantee=grantee,
        case_code=case_code.strip().upper(),
        agency=agency,
        reason=reason.strip(),
        ends_at=ends_at,
        granted_by=actor,
    )
    grant.full_clean()
    grant.save()
    _audit_grant(grant, actor, "case_review.grant", request, reason=grant.reason)
    return grant


def _audit_grant(review: CaseReviewGrant, actor: Any, action: str, request, **detail) -> None:
    audit_record(
        actor=actor,
        action=action,
        obj=review,
        object_repr=review.case_code,
        request=request,
        jurisdiction=review.agency.jurisdiction,
        detail={
            "case": review.case_code,
            "grantee": review.grantee.email,
            "until": timezone.localtime(review.ends_at).isoformat(timespec="minutes"),
            **detail,
        },
    )


@transaction.atomic
def case_review_revoke(
    *, actor: Any, grant: CaseReviewGrant, request: HttpRequest | None = None
) -> CaseReviewGrant:
    """A manager of the granting agency ends a named case review early; audited."""
    if _grant_agency(actor).pk != grant.agency_id:
        raise PermissionDenied("Only the granting agency withdraws its grants.")
    grant = CaseReviewGrant.objects.select_for_update().get(pk=grant.pk)
    if grant.revoked_at is None:
        grant.revoked_at = timezone.now()
        grant.save(update_fields=["revoked_at"])
        _audit_grant(grant, actor, "case_review.revoke", request)
    return grant


def case_reviews_expire() -> int:
    """Write the expiry of every grant whose period ended into the audit log, once each."""
    expired = 0
    for grant in case_reviews_expired_unrecorded().select_related("agency__jurisdiction"):
        with transaction.atomic():
            locked = CaseReviewGrant.objects.select_for_update().get(pk=grant.pk)
            if locked.expiry_recorded:
                continue
            locked.expiry_recorded = True
            locked.save(update_fields=["expiry_recorded"])
            _audit_grant(locked, None, "case_review.expire", None)
            expired += 1
    return expired


def case_review_read_record(
    *, actor: Any, case_code: str, request: HttpRequest | None = None
) -> CaseReviewGrant:
    """Record an oversight user's read of a case under their active grant (PermissionDenied
    without one)."""
    grant = case_reviews_granted_to(actor).filter(case_code=case_code).first()
    if grant is None:
        raise PermissionDenied("No active named case review for this case.")
    _audit_grant(grant, actor, "case_review.read", request, grant=grant.pk)
    return grant
