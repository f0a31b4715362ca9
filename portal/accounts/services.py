"""Writes to accounts: staff accounts created by agency managers and administrators."""

from typing import Any

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.mfa.utils import decrypt

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse

from portal.accounts.models import OversightProfile, Role, User
from portal.accounts.roles import SUPERUSER, has_role, roles_creatable_by
from portal.audit.services import audit_record
from portal.organizations.models import (
    CorrectionsAgency,
    JudicialOffice,
    Jurisdiction,
    Membership,
    MembershipRole,
    Organization,
)
from portal.organizations.selectors import agency_for_user
from portal.organizations.services import (
    agency_managers_group,
    membership_create,
    owner_role_for,
    staff_assignment_create,
)

SITE_EDITORS_GROUP = "Editors"


def site_editors_group() -> Group:
    """Wagtail's editors group, which site editors join; it may enter the Wagtail admin."""
    group, _created = Group.objects.get_or_create(name=SITE_EDITORS_GROUP)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    return group


def _check_actor(actor: Any, role: str, agency: CorrectionsAgency | None) -> None:
    if role not in roles_creatable_by(actor):
        raise PermissionDenied("This user may not create accounts with that role.")
    if not has_role(actor, SUPERUSER) and agency != agency_for_user(actor):
        raise PermissionDenied("Agency managers create staff of their own agency only.")


@transaction.atomic
def staff_create(
    *,
    actor: Any,
    email: str,
    last_name: str,
    first_name: str,
    role: str,
    phone: str = "",
    agency: CorrectionsAgency | None = None,
    judicial_office: JudicialOffice | None = None,
    oversight_kind: str = "",
    oversight_jurisdiction: Jurisdiction | None = None,
    request: HttpRequest | None = None,
) -> User:
    """Create a staff account without a password and e-mail its owner a link to choose one;
    an oversight account gets its body and jurisdiction."""
    _check_actor(actor, role, agency)
    user = User(email=email.strip().lower(), last_name=last_name, first_name=first_name)
    user.phone, user.role = phone, role
    user.set_unusable_password()
    user.full_clean()
    user.save()
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    staff_role_setup(user=user, agency=agency, judicial_office=judicial_office, actor=actor)
    if role == Role.OVERSIGHT and oversight_jurisdiction is not None:
        oversight_profile_set(
            user=user,
            kind=oversight_kind,
            jurisdiction=oversight_jurisdiction,
            actor=actor,
            request=request,
        )
    audit_record(
        actor=actor, action="user.create_staff", obj=user, request=request, detail={"role": role}
    )
    transaction.on_commit(lambda: staff_invitation_send(user=user, request=request))
    return user


@transaction.atomic
def member_invite(
    *,
    actor: Any,
    organization: Organization,
    email: str,
    last_name: str,
    first_name: str,
    phone: str = "",
    request: HttpRequest | None = None,
) -> User:
    """An owner adds a colleague: a new account in the organization, invited by e-mail."""
    if not Membership.objects.filter(
        organization=organization, user=actor, role=MembershipRole.OWNER
    ).exists():
        raise PermissionDenied("Only the organization's owners add members.")
    user = User(email=email.strip().lower(), last_name=last_name, first_name=first_name)
    user.phone, user.role = phone, owner_role_for(organization.kind)
    user.set_unusable_password()
    user.full_clean()
    user.save()
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    membership_create(organization=organization, user=user, role=MembershipRole.STAFF, actor=actor)
    transaction.on_commit(lambda: staff_invitation_send(user=user, request=request))
    return user


def staff_role_setup(
    *,
    user: User,
    agency: CorrectionsAgency | None,
    judicial_office: JudicialOffice | None,
    actor: Any,
) -> None:
    """Give a staff account what its role needs: a workplace and its Wagtail groups."""
    if user.role in (Role.CASEWORKER, Role.AGENCY_MANAGER) and agency is not None:
        staff_assignment_create(
            user=user, agency=agency, judicial_office=judicial_office, actor=actor
        )
    if user.role == Role.AGENCY_MANAGER:
        agency_managers_group().user_set.add(user)
    if user.role == Role.SITE_EDITOR:
        site_editors_group().user_set.add(user)


def set_password_url(user: User, request: HttpRequest | None = None) -> str:
    """A one-time link to allauth's password reset form, which sets the first password."""
    key = f"{user_pk_to_url_str(user)}-{default_token_generator.make_token(user)}"
    path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
    path = path.replace("UID-KEY", key)
    return request.build_absolute_uri(path) if request else settings.SITE_URL + path


def staff_invitation_send(*, user: User, request: HttpRequest | None = None) -> None:
    """E-mail a new staff member the link to choose their password."""
    context = {"user": user, "set_password_url": set_password_url(user, request)}
    subject = render_to_string("account/email/staff_invitation_subject.txt", context).strip()
    body = render_to_string("account/email/staff_invitation_message.txt", context)
    send_mail(subject, body, None, [user.email])


def account_event_record(
    *,
    action: str,
    request: HttpRequest | None,
    user: User | None = None,
    email: str = "",
    detail: dict[str, Any] | None = None,
) -> None:
    """Audit an authentication event (login, failure, lockout, MFA change) of one account."""
    label = (user.email if user is not None else email.strip().lower())[:255]
    audit_record(
        actor=user if user is not None else label,
        action=f"account.{action}",
        object_type=User._meta.label_lower,
        object_id=str(user.pk) if user is not None else "",
        object_repr=label,
        request=request,
        detail=detail,
    )


@transaction.atomic
def mfa_totp_enroll(*, user: User, actor: Any, secret: str = "") -> str:
    """Give an account a TOTP authenticator (demo staff get a known secret); kept if it has one."""
    existing = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if existing is not None:
        return decrypt(existing.data["secret"])
    secret = secret or generate_totp_secret()
    TOTP.activate(user, secret)
    audit_record(actor=actor, action="account.mfa_activated", obj=user, detail={"type": "totp"})
    return secret


@transaction.atomic
def oversight_profile_set(
    *, user: User, kind: str, jurisdiction: Any, actor: Any = None, request: Any = None
) -> OversightProfile:
    """Say which body an oversight user reads for and the place it covers; audited."""
    if user.role != Role.OVERSIGHT:
        raise PermissionDenied("Only oversight accounts belong to an oversight body.")
    profile = OversightProfile.objects.filter(user=user).first() or OversightProfile(user=user)
    if profile.pk and (profile.kind, profile.jurisdiction_id) == (kind, jurisdiction.pk):
        return profile  # nothing changes, so nothing to record
    profile.kind, profile.jurisdiction = kind, jurisdiction
    profile.full_clean()
    profile.save()
    audit_record(
        actor=actor,
        action="oversight_profile.set",
        obj=profile,
        request=request,
        detail={"kind": kind, "to": jurisdiction.code},
    )
    return profile
