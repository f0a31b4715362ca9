"""Wagtail's "submitted for approval" e-mail, sent only to the approvers who may act on the page."""

from typing import Any

from wagtail.admin.mail import GroupApprovalTaskStateSubmissionEmailNotifier
from wagtail.models import TaskState
from wagtail.signals import task_submitted

from portal.organizations.models import AgencyApprovalTask

# Wagtail's own receiver is connected under this uid (wagtail.admin.signal_handlers); connecting
# ours first under the same uid and sender makes Wagtail's later connect a no-op, so there is one
# submission e-mail, not two.
WAGTAIL_SUBMISSION_UID = "group_approval_task_submitted_email_notification"


class AgencySubmissionEmailNotifier(GroupApprovalTaskStateSubmissionEmailNotifier):
    """For the agency task, the group's members whose jurisdiction holds the provider."""

    def get_recipient_users(self, task_state: TaskState, **kwargs: Any):
        recipients = super().get_recipient_users(task_state, **kwargs)
        task = task_state.task.specific
        if not isinstance(task, AgencyApprovalTask):
            return recipients
        page = task_state.workflow_state.content_object
        return [user for user in recipients if task.covers(page, user)]


def connect() -> None:
    """Take the place of Wagtail's submission e-mail (called before wagtail.admin is ready)."""
    task_submitted.connect(
        AgencySubmissionEmailNotifier(),
        sender=TaskState,
        dispatch_uid=WAGTAIL_SUBMISSION_UID,
        weak=False,
    )
