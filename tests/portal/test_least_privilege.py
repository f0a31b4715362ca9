"""Agency managers see and act only within their agency's jurisdiction; editors keep to the CMS."""

import pytest

from django.urls import reverse

from wagtail.models import Page

from portal.accounts.models import Role
from portal.audit.models import AuditEntry
from portal.audit.services import audit_record
from portal.organizations.models import (
    AgencyApprovalTask,
    Organization,
    ProviderSectionPage,
    VerificationStatus,
)
from portal.organizations.services import (
    AGENCY_MANAGERS_GROUP,
    CMS_EDITORS_GROUP,
    agency_managers_group,
    least_privilege_sync,
    organization_verify,
)
from tests.factories.portal import (
    CorrectionsAgencyFactory,
    MembershipFactory,
    OrganizationFactory,
    UserFactory,
    jurisdiction,
    user_with_role,
)

pytestmark = pytest.mark.django_db

ZHONGYUAN, ERQI, LUOLONG = "410102", "410103", "410311"


def manager_of(code: str):
    return user_with_role(
        Role.AGENCY_MANAGER, agency=CorrectionsAgencyFactory(jurisdiction=jurisdiction(code))
    )


def pending_in(code: str) -> Organization:
    return MembershipFactory(
        organization__status=VerificationStatus.UNVERIFIED,
        organization__jurisdiction=jurisdiction(code),
    ).organization


def test_the_verification_queue_lists_only_the_managers_jurisdiction(client):
    own, other = pending_in(ZHONGYUAN), pending_in(ERQI)
    client.force_login(manager_of(ZHONGYUAN))
    listed = list(client.get(reverse("organizations:verification_queue")).context["page"])
    assert own in listed and other not in listed


def test_a_manager_cannot_verify_or_reject_another_countys_organization(client):
    other = pending_in(ERQI)
    client.force_login(manager_of(ZHONGYUAN))
    verify = client.post(reverse("organizations:verify", args=[other.pk]))
    reject = client.post(reverse("organizations:reject", args=[other.pk]), {"reason": "不符合"})
    assert verify.status_code == 404 and reject.status_code == 404
    other.refresh_from_db()
    assert other.status == VerificationStatus.UNVERIFIED
    assert not AuditEntry.objects.filter(action__startswith="organization.verify").exists()


def test_a_manager_cannot_open_another_countys_registration(client):
    other = pending_in(ERQI)
    client.force_login(manager_of(ZHONGYUAN))
    assert client.get(reverse("organizations:detail", args=[other.pk])).status_code == 404


def test_a_manager_verifies_in_the_own_county(client):
    own = pending_in(ZHONGYUAN)
    client.force_login(manager_of(ZHONGYUAN))
    client.post(reverse("organizations:verify", args=[own.pk]))
    own.refresh_from_db()
    assert own.status == VerificationStatus.VERIFIED


def test_superusers_see_every_county(client):
    pending_in(ZHONGYUAN), pending_in(LUOLONG)
    client.force_login(UserFactory(is_superuser=True, role=""))
    assert len(client.get(reverse("organizations:verification_queue")).context["page"]) == 2


def test_the_dashboard_counts_only_the_own_countys_registrations():
    from portal.organizations.selectors import pending_verification_count

    pending_in(ZHONGYUAN), pending_in(ERQI), pending_in(ERQI)
    assert pending_verification_count(manager_of(ZHONGYUAN)) == 1
    assert pending_verification_count() == 3


def test_a_manager_reads_only_the_own_countys_audit_entries(client):
    audit_record(actor=None, action="organization.update", obj=OrganizationFactory())
    other = OrganizationFactory(jurisdiction=jurisdiction(LUOLONG))
    audit_record(actor=None, action="organization.update", obj=other)
    audit_record(actor=None, action="system.unplaced")
    client.force_login(manager_of(ZHONGYUAN))
    shown = [row["entry"] for row in client.get(reverse("audit:list")).context["rows"]]
    places = {entry.jurisdiction_code for entry in shown}
    assert places == {ZHONGYUAN}


def test_entries_are_filed_under_the_objects_place_else_the_actors():
    manager = manager_of(ERQI)
    by_object = audit_record(actor=manager, action="x.y", obj=OrganizationFactory())
    by_actor = audit_record(actor=manager, action="x.y")
    assert by_object.jurisdiction_code == ZHONGYUAN and by_actor.jurisdiction_code == ERQI


def _offer_in_moderation(organization: Organization, submitter) -> Page:
    section = organization_verify(organization=organization, actor=None)
    page = section.add_child(instance=Page(title="心理咨询", slug="counseling", live=False))
    page.save_revision(user=submitter)
    page.get_workflow().start(page, submitter)
    return page


def test_approval_is_limited_to_providers_in_the_managers_jurisdiction():
    own_manager, other_manager = manager_of(ZHONGYUAN), manager_of(LUOLONG)
    agency_managers_group().user_set.add(own_manager, other_manager)  # as staff_role_setup does
    organization = OrganizationFactory(status=VerificationStatus.UNVERIFIED)
    page = _offer_in_moderation(organization, UserFactory())
    task = page.current_workflow_task.specific
    assert isinstance(task, AgencyApprovalTask)
    assert task.get_actions(page, own_manager) and not task.get_actions(page, other_manager)
    assert task.get_task_states_user_can_moderate(own_manager).count() == 1
    assert task.get_task_states_user_can_moderate(other_manager).count() == 0
    assert not task.user_can_access_editor(page, other_manager)
    assert task.locked_for_user(page, other_manager)


def test_only_the_own_agency_may_publish_in_a_providers_section():
    own_manager, other_manager = manager_of(ZHONGYUAN), manager_of(LUOLONG)
    section = organization_verify(
        organization=OrganizationFactory(status=VerificationStatus.UNVERIFIED), actor=None
    )
    least_privilege_sync()
    assert section.permissions_for_user(own_manager).can_publish()
    assert not section.permissions_for_user(other_manager).can_publish()
    assert not section.permissions_for_user(other_manager).can_edit()
    assert not section.editors_group.page_permissions.filter(
        group__name=AGENCY_MANAGERS_GROUP
    ).exists()


def test_site_editors_edit_cms_pages_but_not_provider_sections():
    from django.contrib.auth.models import Group

    section = organization_verify(
        organization=OrganizationFactory(status=VerificationStatus.UNVERIFIED), actor=None
    )
    home = section.get_parent().get_parent()
    news = home.add_child(instance=Page(title="新闻", slug="news-test"))
    editor = UserFactory(role=Role.SITE_EDITOR)
    Group.objects.get(name=CMS_EDITORS_GROUP).user_set.add(editor)
    assert section.permissions_for_user(editor).can_edit()  # Wagtail's default: the whole tree
    least_privilege_sync()
    editor = type(editor).objects.get(pk=editor.pk)
    assert news.permissions_for_user(editor).can_edit()
    assert news.permissions_for_user(editor).can_add_subpage()
    assert not section.permissions_for_user(editor).can_edit()
    assert not section.get_parent().permissions_for_user(editor).can_add_subpage()


def test_the_sync_is_idempotent():
    organization_verify(organization=OrganizationFactory(status="unverified"), actor=None)
    least_privilege_sync()
    counts = ProviderSectionPage.objects.get().get_parent().get_children().count()
    least_privilege_sync()
    assert ProviderSectionPage.objects.get().get_parent().get_children().count() == counts
