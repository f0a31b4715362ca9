import pytest
from allauth.account.models import EmailAddress

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from portal.accounts.models import Role, User
from portal.audit.models import AuditEntry
from portal.organizations.models import (
    Membership,
    Organization,
    ProviderSectionPage,
    VerificationStatus,
)
from portal.organizations.services import (
    MODERATION_WORKFLOW,
    organization_reject,
    organization_verify,
)
from portal.organizations.signals import organization_verified
from tests.factories.portal import (
    PASSWORD,
    MembershipFactory,
    OrganizationFactory,
    UserFactory,
    jurisdiction,
    make_credit_code,
    user_with_role,
)

pytestmark = pytest.mark.django_db

REGISTER = reverse("organizations:register")


def registration(**overrides) -> dict:
    data = {
        "kind": "social_organization",
        "name": "郑州市中原区新航社会工作服务中心",
        "credit_code": make_credit_code(4242, "410102"),
        "legal_representative": "王静",
        "jurisdiction": jurisdiction("410102").pk,
        "address": "中原区建设西路66号",
        "phone": "0371-67890101",
        "email": "contact@xinhang.org.cn",
        "website": "",
        "description": "心理辅导与社会适应服务。",
        "last_name": "王",
        "first_name": "静",
        "account_email": "Owner@Xinhang.org.cn",
        "account_phone": "13800000000",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "certificate": certificate(),
    }
    data.update(overrides)
    return data


def certificate(
    name: str = "登记证书.pdf", content: bytes = b"%PDF-1.4 certificate"
) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def nothing_saved(before_users: int) -> bool:
    return Organization.objects.count() == 0 and User.objects.count() == before_users


def test_registration_creates_unverified_organization_owner_and_sends_confirmation(client):
    response = client.post(REGISTER, registration())
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    organization = Organization.objects.get()
    assert organization.status == VerificationStatus.UNVERIFIED
    owner = User.objects.get(email="owner@xinhang.org.cn")
    assert owner.role == Role.PROVIDER_STAFF
    assert Membership.objects.get(organization=organization).user == owner
    assert not EmailAddress.objects.get(user=owner).verified
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["owner@xinhang.org.cn"]
    assert AuditEntry.objects.filter(
        action="organization.register", object_id=str(organization.pk)
    ).exists()


def test_employer_registration_makes_employer_staff(client):
    client.post(REGISTER, registration(kind="employer", credit_code=make_credit_code(77)))
    assert User.objects.get(email="owner@xinhang.org.cn").role == Role.EMPLOYER_STAFF


def test_lowercase_credit_code_is_stored_in_capitals(client):
    code = "91350100M000100Y43"
    client.post(REGISTER, registration(credit_code=code.lower()))
    assert Organization.objects.get().credit_code == code


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"credit_code": "91350100M000100Y44"}, "credit_code", "check character does not match"),
        ({"credit_code": "91350100M00"}, "credit_code", "exactly 18 characters"),
        ({"name": ""}, "name", "This field is required"),
        ({"legal_representative": ""}, "legal_representative", "This field is required"),
        ({"jurisdiction": ""}, "jurisdiction", "This field is required"),
        ({"phone": ""}, "phone", "This field is required"),
        ({"phone": "not a phone"}, "phone", "telephone number"),
        ({"account_email": "not-an-email"}, "account_email", "valid email"),
        ({"password2": "something-else-entirely"}, "password2", "do not match"),
        ({"password1": "123", "password2": "123"}, "password1", "too short"),
        ({"jurisdiction": "city"}, "jurisdiction", "valid choice"),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(english, overrides, field, message):
    before = User.objects.count()
    if overrides.get("jurisdiction") == "city":
        overrides["jurisdiction"] = jurisdiction("410100").pk
    response = english.post(REGISTER, registration(**overrides))
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors[field])
    assert message in errors
    assert nothing_saved(before)


def test_registration_with_a_taken_email_answers_as_a_new_one_and_tells_the_owner(
    client, django_capture_on_commit_callbacks
):
    """No account enumeration: the same redirect and message; the address owner is e-mailed."""
    fresh = client.post(REGISTER, registration(), follow=True)
    Organization.objects.all().delete()
    mail.outbox.clear()
    before = User.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        taken = client.post(
            REGISTER,
            registration(
                name="另一个社会工作服务中心", credit_code=make_credit_code(4243, "410102")
            ),
            follow=True,
        )
    assert taken.redirect_chain == fresh.redirect_chain
    assert [str(m) for m in taken.context["messages"]] == [
        str(m) for m in fresh.context["messages"]
    ]
    assert nothing_saved(before)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["owner@xinhang.org.cn"]
    assert "另一个社会工作服务中心" in mail.outbox[0].body
    assert reverse("account_reset_password") in mail.outbox[0].body
    assert AuditEntry.objects.filter(action="organization.register_existing_account").exists()


def test_duplicate_organization_name_and_credit_code_are_refused(english):
    existing = OrganizationFactory()
    before = User.objects.count()
    response = english.post(
        REGISTER, registration(name=existing.name, credit_code=existing.credit_code.lower())
    )
    errors = response.context["form"].errors
    assert "name is already registered" in errors["name"][0]
    assert "credit code is already registered" in errors["credit_code"][0]
    assert Organization.objects.count() == 1 and User.objects.count() == before


def test_errors_are_translated_into_chinese(client):
    response = client.post(REGISTER, registration(credit_code="91350100M000100Y44"))
    assert "校验码" in " ".join(response.context["form"].errors["credit_code"])


def test_registration_page_renders_in_both_languages(client, settings):
    assert "登记" in client.get(REGISTER).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "Register your organization" in client.get(REGISTER).content.decode()


def test_owner_cannot_log_in_before_confirming_email(client):
    client.post(REGISTER, registration())
    response = client.post(
        reverse("account_login"), {"login": "owner@xinhang.org.cn", "password": PASSWORD}
    )
    assert response.url == reverse("account_email_verification_sent")
    assert client.get(reverse("dashboard")).status_code == 302


@pytest.fixture
def pending():
    return MembershipFactory(organization__status=VerificationStatus.UNVERIFIED)


@pytest.mark.parametrize(
    "role", [Role.CASEWORKER, Role.OVERSIGHT, Role.PROVIDER_STAFF, Role.VOLUNTEER, Role.SITE_EDITOR]
)
def test_only_agency_managers_can_verify_or_reject(client, pending, role):
    client.force_login(user_with_role(role))
    organization = pending.organization
    assert client.post(reverse("organizations:verify", args=[organization.pk])).status_code == 403
    response = client.post(reverse("organizations:reject", args=[organization.pk]), {"reason": "x"})
    assert response.status_code == 403
    organization.refresh_from_db()
    assert organization.status == VerificationStatus.UNVERIFIED
    assert not ProviderSectionPage.objects.exists()


def test_anonymous_visitors_are_sent_to_login(client, pending):
    response = client.get(reverse("organizations:verification_queue"))
    assert response.status_code == 302 and reverse("account_login") in response.url


def test_agency_manager_sees_the_queue_and_verifies(client, pending):
    manager = user_with_role(Role.AGENCY_MANAGER)
    client.force_login(manager)
    queue = client.get(reverse("organizations:verification_queue"))
    assert pending.organization.name in queue.content.decode()
    response = client.post(reverse("organizations:verify", args=[pending.organization.pk]))
    assert response.status_code == 302
    organization = Organization.objects.get(pk=pending.organization.pk)
    assert organization.status == VerificationStatus.VERIFIED
    assert organization.verified_by == manager
    assert AuditEntry.objects.filter(action="organization.verify", actor=manager).exists()


def test_verification_creates_section_group_and_moderation(pending):
    received = []
    organization_verified.connect(
        lambda **kwargs: received.append(kwargs), weak=False, dispatch_uid="t"
    )
    try:
        section = organization_verify(
            organization=pending.organization, actor=user_with_role(Role.AGENCY_MANAGER)
        )
    finally:
        organization_verified.disconnect(dispatch_uid="t")
    assert section.organization == pending.organization and section.live
    assert section.get_parent().specific.__class__.__name__ == "ProvidersIndexPage"
    assert pending.user in section.editors_group.user_set.all()
    assert section.editors_group.permissions.filter(codename="access_admin").exists()
    codenames = set(
        section.editors_group.page_permissions.values_list("permission__codename", flat=True)
    )
    assert codenames == {"add_page", "change_page", "lock_page"}
    assert section.get_workflow().name.original == MODERATION_WORKFLOW
    assert received[0]["section"] == section and received[0]["organization"] == pending.organization


def test_staff_of_one_organization_cannot_edit_another_section(pending):
    manager = user_with_role(Role.AGENCY_MANAGER)
    other = MembershipFactory(organization__status=VerificationStatus.UNVERIFIED)
    own_section = organization_verify(organization=pending.organization, actor=manager)
    other_section = organization_verify(organization=other.organization, actor=manager)
    assert own_section.permissions_for_user(pending.user).can_edit()
    assert own_section.permissions_for_user(pending.user).can_add_subpage()
    assert not own_section.permissions_for_user(pending.user).can_publish()
    assert not other_section.permissions_for_user(pending.user).can_edit()
    assert not own_section.get_parent().permissions_for_user(pending.user).can_edit()


def test_section_editors_upload_media_to_their_own_collection_only(pending):
    from wagtail.images import get_image_model
    from wagtail.permissions import policy_registry

    permission_policy = policy_registry.get_by_type(get_image_model())
    manager = user_with_role(Role.AGENCY_MANAGER)
    other = MembershipFactory(organization__status=VerificationStatus.UNVERIFIED)
    own_section = organization_verify(organization=pending.organization, actor=manager)
    organization_verify(organization=other.organization, actor=manager)
    collections = permission_policy.collections_user_has_permission_for(pending.user, "add")
    assert [collection.name for collection in collections] == [own_section.title]


def test_members_added_after_verification_join_the_section_group(pending):
    from portal.organizations.services import membership_create

    section = organization_verify(
        organization=pending.organization, actor=user_with_role(Role.AGENCY_MANAGER)
    )
    colleague = UserFactory(role=Role.PROVIDER_STAFF)
    membership_create(
        organization=pending.organization, user=colleague, role="staff", actor=pending.user
    )
    assert section.permissions_for_user(colleague).can_edit()


def test_verified_organization_cannot_be_verified_again(client, pending):
    manager = user_with_role(Role.AGENCY_MANAGER)
    organization_verify(organization=pending.organization, actor=manager)
    client.force_login(manager)
    client.post(reverse("organizations:verify", args=[pending.organization.pk]))
    assert ProviderSectionPage.objects.filter(organization=pending.organization).count() == 1
    assert AuditEntry.objects.filter(action="organization.verify").count() == 1


def test_rejection_needs_a_reason(client, pending):
    client.force_login(user_with_role(Role.AGENCY_MANAGER))
    response = client.post(
        reverse("organizations:reject", args=[pending.organization.pk]), {"reason": "  "}
    )
    assert response.status_code == 400
    pending.organization.refresh_from_db()
    assert pending.organization.status == VerificationStatus.UNVERIFIED


def test_rejected_owner_sees_reason_corrects_and_resubmits(client, pending):
    organization_reject(
        organization=pending.organization,
        actor=user_with_role(Role.AGENCY_MANAGER),
        reason="证书不清晰",
    )
    client.force_login(pending.user)
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert "证书不清晰" in dashboard
    data = registration(name="改正后的名称", credit_code=make_credit_code(999))
    response = client.post(reverse("organizations:edit", args=[pending.organization.pk]), data)
    assert response.status_code == 302
    organization = Organization.objects.get(pk=pending.organization.pk)
    assert organization.status == VerificationStatus.UNVERIFIED
    assert organization.rejection_reason == "" and organization.name == "改正后的名称"
    assert AuditEntry.objects.filter(action="organization.resubmit").exists()


def test_verified_organization_may_change_contact_details_only(client, pending):
    organization_verify(
        organization=pending.organization, actor=user_with_role(Role.AGENCY_MANAGER)
    )
    client.force_login(pending.user)
    data = registration(name="Another name", phone="0371-99999999")
    client.post(reverse("organizations:edit", args=[pending.organization.pk]), data)
    organization = Organization.objects.get(pk=pending.organization.pk)
    assert organization.phone == "0371-99999999"
    assert organization.name != "Another name"
    assert organization.status == VerificationStatus.VERIFIED


def test_non_members_cannot_see_or_edit_an_organization(client, pending):
    client.force_login(user_with_role(Role.PROVIDER_STAFF))
    assert (
        client.get(reverse("organizations:detail", args=[pending.organization.pk])).status_code
        == 403
    )
    assert (
        client.get(reverse("organizations:edit", args=[pending.organization.pk])).status_code == 404
    )


def test_provider_section_page_lists_the_organization_publicly(client, pending):
    section = organization_verify(
        organization=pending.organization, actor=user_with_role(Role.AGENCY_MANAGER)
    )
    response = client.get(section.url)
    assert response.status_code == 200
    assert pending.organization.name in response.content.decode()
    index = client.get(section.get_parent().url)
    assert pending.organization.name in index.content.decode()


def colleague(**overrides) -> dict:
    return {
        "last_name": "赵",
        "first_name": "同事",
        "email": "colleague@xinhang.org.cn",
        "phone": "",
        **overrides,
    }


def test_owner_adds_a_colleague_who_is_invited_and_edits_the_section(
    client, pending, django_capture_on_commit_callbacks
):
    section = organization_verify(
        organization=pending.organization, actor=user_with_role(Role.AGENCY_MANAGER)
    )
    client.force_login(pending.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("organizations:member_invite", args=[pending.organization.pk]), colleague()
        )
    assert response.status_code == 302
    user = User.objects.get(email="colleague@xinhang.org.cn")
    assert user.role == Role.PROVIDER_STAFF and not user.has_usable_password()
    assert Membership.objects.get(user=user).role == "staff"
    assert (
        mail.outbox[-1].to == [user.email]
        and "/accounts/password/reset/key/" in mail.outbox[-1].body
    )
    assert section.permissions_for_user(user).can_edit()


def test_only_owners_add_colleagues(client, pending):
    staff = MembershipFactory(organization=pending.organization, role="staff")
    client.force_login(staff.user)
    response = client.post(
        reverse("organizations:member_invite", args=[pending.organization.pk]), colleague()
    )
    assert response.status_code == 404
    assert not User.objects.filter(email="colleague@xinhang.org.cn").exists()


def test_adding_a_colleague_with_a_taken_email_saves_nothing(english, pending):
    UserFactory(email="colleague@xinhang.org.cn")
    english.force_login(pending.user)
    response = english.post(
        reverse("organizations:member_invite", args=[pending.organization.pk]), colleague()
    )
    assert "already exists" in response.context["form"].errors["email"][0]
    assert pending.organization.memberships.count() == 1


def test_members_are_told_of_the_decision_by_email(
    english, pending, django_capture_on_commit_callbacks
):
    english.force_login(user_with_role(Role.AGENCY_MANAGER))
    with django_capture_on_commit_callbacks(execute=True):
        english.post(
            reverse("organizations:reject", args=[pending.organization.pk]),
            {"reason": "Certificate unreadable"},
        )
    message = mail.outbox[-1]
    assert message.to == [pending.user.email]
    assert "Certificate unreadable" in message.body
    assert reverse("organizations:detail", args=[pending.organization.pk]) in message.body


def test_agency_manager_opens_a_judicial_office_in_a_township_of_the_county(client):
    manager = user_with_role(Role.AGENCY_MANAGER)
    township = jurisdiction("410102003")
    client.force_login(manager)
    response = client.post(
        reverse("organizations:judicial_offices"),
        {"township": township.pk, "phone": "0371-1234567"},
    )
    assert response.status_code == 302
    office = township.judicial_office
    assert office.agency == manager.staff_assignment.agency and office.name == "棉纺路街道司法所"
    assert AuditEntry.objects.filter(action="judicial_office.create", actor=manager).exists()


def test_townships_of_another_county_or_with_an_office_are_refused(english):
    from portal.organizations.models import JudicialOffice

    manager = user_with_role(Role.AGENCY_MANAGER)
    english.force_login(manager)
    for township in (jurisdiction("410105001"), jurisdiction("410102001")):
        if township.code == "410102001":
            JudicialOffice.objects.create(
                agency=manager.staff_assignment.agency, jurisdiction=township, name="x"
            )
        response = english.post(
            reverse("organizations:judicial_offices"), {"township": township.pk}
        )
        assert "valid choice" in response.context["form"].errors["township"][0]
    assert JudicialOffice.objects.count() == 1


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.OVERSIGHT, Role.PROVIDER_STAFF])
def test_only_agency_managers_open_judicial_offices(client, role):
    client.force_login(user_with_role(role))
    assert client.get(reverse("organizations:judicial_offices")).status_code == 403


def test_the_office_service_refuses_a_township_of_another_county():
    from django.core.exceptions import ValidationError

    from portal.organizations.services import judicial_office_create

    manager = user_with_role(Role.AGENCY_MANAGER)
    with pytest.raises(ValidationError) as raised:
        judicial_office_create(
            actor=manager,
            agency=manager.staff_assignment.agency,
            township=jurisdiction("410105001"),
        )
    assert "township" in raised.value.message_dict
