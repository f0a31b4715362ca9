"""What the audit log's codes mean, in the reader's language: the one registry of labels.

Every code written by `audit_record` anywhere in the project has a label here; a code missing
from it (a test greps the code base for them) still reads as words rather than as a code.
"""

from collections.abc import Mapping
from typing import Any

from django.apps import apps
from django.utils.functional import Promise
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

ACTIONS: Mapping[str, Promise] = {
    # audit
    "audit.list": _("Browsed the audit log"),
    "audit.export": _("Exported the audit log"),
    # accounts and organizations
    "user.create_staff": _("Created a staff account"),
    "staff_assignment.create": _("Assigned a staff member to an agency"),
    "membership.create": _("Added a member to an organization"),
    "judicial_office.create": _("Opened a judicial office"),
    "jurisdiction.centres_set": _("Loaded townships' centre points"),
    "organization.register": _("Registered an organization"),
    "organization.update": _("Updated an organization's details"),
    "organization.verify": _("Verified an organization"),
    "organization.reject": _("Rejected an organization's registration"),
    "organization.resubmit": _("Resubmitted an organization for verification"),
    "organization.verification_list": _("Viewed the organization verification queue"),
    # accounts: authentication
    "account.login": _("Logged in"),
    "account.login_failed": _("Failed to log in"),
    "account.lockout": _("Was locked out after too many failed logins"),
    "account.mfa_activated": _("Turned on two-factor authentication"),
    "account.mfa_deactivated": _("Turned off two-factor authentication"),
    "account.mfa_reset": _("Reset two-factor authentication"),
    "account.mfa_failed": _("Entered a wrong two-factor code"),
    "organization.register_existing_account": _(
        "Tried to register an organization with an existing account's e-mail"
    ),
    # oversight
    "oversight_profile.set": _("Set an oversight user's body and jurisdiction"),
    "case_review.grant": _("Granted a named case review"),
    "case_review.revoke": _("Withdrew a named case review"),
    "case_review.expire": _("A named case review expired"),
    "case_review.read": _("Read a case under a named case review"),
    # service catalog
    "service_offer.import": _("Imported a service offer"),
    "service_offer.import_update": _("Updated a service offer by import"),
    # casework: persons
    "casework.person.create": _("Created a supervised person's record"),
    "casework.person.update": _("Changed a supervised person's record"),
    "casework.person.transfer": _("Transferred a supervised person to another agency"),
    "casework.person.read": _("Opened a supervised person's record"),
    "casework.person.unseal": _("Cleared a supervised person's sealed flag"),
    "casework.unseal.request": _("Asked to clear a sealed flag"),
    "casework.unseal.approve": _("Approved clearing a sealed flag"),
    "casework.unseal.reject": _("Rejected clearing a sealed flag"),
    "casework.transfer.request": _("Asked to transfer a supervised person"),
    "casework.transfer.approve": _("Approved a transfer"),
    "casework.transfer.reject": _("Rejected a transfer"),
    "casework.duplicate.open": _("Opened a possible-duplicate review"),
    "casework.duplicate.approve": _("Decided a possible duplicate is the same person"),
    "casework.duplicate.reject": _("Decided a possible duplicate is another person"),
    "volunteer.identity_shared": _("Gave an identity number another volunteer profile gives"),
    "volunteer.identity_confirmed": _("Confirmed whose identity number a volunteer profile gives"),
    "casework.person.list": _("Listed supervised persons"),
    "casework.person.export": _("Exported supervised persons"),
    "casework.aggregates.read": _("Read the casework figures"),
    "casework.assessment.create": _("Recorded a needs assessment"),
    "casework.plan.create": _("Recorded a correction plan"),
    # casework: referrals
    "casework.referral.create": _("Drafted a referral"),
    "casework.referral.list": _("Listed referrals"),
    "casework.referral.read": _("Opened a referral"),
    "casework.referral.overdue": _("Flagged a referral as unanswered"),
    "casework.referral.send": _("Sent a referral"),
    "casework.referral.accept": _("Accepted a referral"),
    "casework.referral.decline": _("Declined a referral"),
    "casework.referral.start": _("Started the service of a referral"),
    "casework.referral.complete": _("Completed a referral"),
    "casework.referral.no_show": _("Recorded a no-show on a referral"),
    "casework.referral.withdraw": _("Withdrew a referral"),
    "casework.referral.close": _("Closed a referral"),
    "casework.referral.note": _("Added a note to a referral"),
    "casework.referral.log": _("Recorded a referral made elsewhere"),
    "casework.referral.onward_propose": _("Proposed an onward referral"),
    "casework.referral.onward_approve": _("Approved an onward referral"),
    "casework.referral.onward_reject": _("Turned down an onward referral"),
    "casework.referral.notify_person": _("Told the person about a referral"),
    # employment
    "employment.application.read": _("Opened a job application"),
    "employment.application.referred": _("A job application was opened from a referral"),
    "employment.application.interview_scheduled": _("Scheduled an interview"),
    "employment.application.offered": _("Offered the job"),
    "employment.application.hired": _("Recorded a hire"),
    "employment.application.not_hired": _("Recorded that the applicant was not hired"),
    "employment.application.withdrawn": _("Withdrew a job application"),
    "employment.follow_up.still_employed": _("Recorded a follow-up: still employed"),
    "employment.follow_up.left": _("Recorded a follow-up: left the job"),
    "employment.follow_up.not_needed": _("Closed a follow-up that is no longer needed"),
    "employment.follow_up.pending": _("Reopened a follow-up"),
    # volunteers
    "volunteer.profile_created": _("Created a volunteer profile"),
    "volunteer.profile_updated": _("Updated a volunteer profile"),
    "volunteer.document_uploaded": _("Uploaded a volunteer document"),
    "volunteer.document_read": _("Opened a volunteer document"),
    "volunteer.screening": _("Moved a volunteer through screening"),
    "volunteer.screening_read": _("Opened a volunteer's screening record"),
    "volunteer.shift_roster_read": _("Opened the shift coordination list"),
    "volunteer.mentor_read": _("Opened a mentor's profile"),
    "volunteer.signup_confirmed": _("Signed up for a shift"),
    "volunteer.signup_waitlisted": _("Joined a shift's waiting list"),
    "volunteer.signup_cancelled": _("Cancelled a shift sign-up"),
    "volunteer.signup_promoted": _("Moved from the waiting list onto a shift"),
    "volunteer.hours_logged": _("Logged volunteer hours"),
    "volunteer.hours_approved": _("Approved volunteer hours"),
    "volunteer.hours_rejected": _("Rejected volunteer hours"),
    "volunteer.hours_pending": _("Returned volunteer hours for approval"),
    # procurement
    "procurement.standard_set": _("Set a price standard"),
    "procurement.budget_set": _("Set a purchase-of-service budget"),
    "procurement.contract_create": _("Created a contract"),
    "procurement.contract_update": _("Changed a contract"),
    "procurement.contract_amend": _("Amended a contract"),
    "procurement.contract_attach": _("Attached a file to a contract"),
    "procurement.contract_line_add": _("Added a line to a contract"),
    "procurement.contract_line_remove": _("Removed a line from a contract"),
    "procurement.contract_sign": _("Signed a contract"),
    "procurement.contract_activate": _("Put a contract into force"),
    "procurement.contract_close": _("Closed a contract"),
    "procurement.contract_attachment_read": _("Opened a contract attachment"),
    "procurement.contracts_export": _("Exported contracts"),
    "procurement.delivery_record": _("Recorded a delivered service"),
    "procurement.delivery_correct": _("Corrected a delivered service"),
    "procurement.delivery_withdraw": _("Withdrew a delivered service"),
    "procurement.delivery_confirm": _("Confirmed a delivered service"),
    "procurement.delivery_dispute": _("Disputed a delivered service"),
    "procurement.delivery_evidence_read": _("Opened the evidence of a delivered service"),
    "procurement.evidence_read": _("Opened delivery evidence"),
    "procurement.deliveries_export": _("Exported delivered services"),
    "procurement.invoice_generate": _("Drew up an invoice"),
    "procurement.invoice_submit": _("Submitted an invoice"),
    "procurement.invoice_approve": _("Approved an invoice"),
    "procurement.invoice_reject": _("Rejected an invoice"),
    "procurement.invoice_pay": _("Recorded the payment of an invoice"),
    "procurement.invoice_export": _("Exported an invoice"),
    "procurement.invoices_export": _("Exported invoices"),
    # reports
    "reports.report.read": _("Read a report"),
    "reports.report.export": _("Exported a report"),
    "reports.opinion.issue": _("Issued a supervision opinion"),
    "reports.opinion.read": _("Opened a supervision opinion"),
    "reports.opinion.respond": _("Responded to a supervision opinion"),
    "reports.opinion.close": _("Closed a supervision opinion"),
    "reports.opinion.reopen": _("Reopened a supervision opinion"),
    "reports.delivery.create": _("Delivered a committee report"),
    "reports.delivery.read": _("Opened a committee report"),
}

DETAIL_FIELDS: Mapping[str, Promise] = {
    "reason": _("Reason"),
    "note": _("Note"),
    "state": _("State"),
    "from": _("From"),
    "to": _("To"),
    "role": _("Role"),
    "sealed": _("Sealed juvenile record"),
    "view": _("Screen"),
    "fields": _("Fields changed"),
    "to_agency": _("To agency"),
    "to_office": _("To judicial office"),
    "count": _("Number of records"),
    "searched": _("Searched"),
    "offer_key": _("Offer"),
    "job": _("Job offer"),
    "months": _("Months after hiring"),
    "left_reason": _("Reason for leaving"),
    "kind": _("Kind"),
    "document": _("Document"),
    "hours": _("Hours"),
    "publish": _("Published"),
    "grant": _("Case review grant"),
    "until": _("Valid until"),
    "grantee": _("Granted to"),
    "case": _("Case code"),
    # Its own context: the audit catalog's 页码 (page number) must not become Wagtail's "Page".
    "page": pgettext_lazy("audit detail", "Page"),
    "email": _("E-mail address"),
    "type": _("Type"),
    "quantity": _("Quantity"),
    "total": _("Total"),
    "lines": _("Lines"),
    "before": _("Before"),
    "ceiling": _("Ceiling"),
    "rows": _("Rows"),
    "format": _("Format"),
    "actor": _("Filter: who"),
    "action": _("Filter: action"),
    "object_type": _("Filter: object type"),
    "object_id": _("Filter: object id"),
    "date_from": _("Filter: from"),
    "date_to": _("Filter: to"),
}


def _humanize(code: str) -> str:
    return " · ".join(part.replace("_", " ") for part in code.split(".") if part).capitalize()


def action_label(code: str) -> str:
    """The action as a sentence in the active language; an unknown code reads as words."""
    label = ACTIONS.get(code)
    return str(label) if label is not None else _humanize(code) or _gettext("Unknown action")


def detail_label(key: str) -> str:
    """The name of one detail field in the active language."""
    label = DETAIL_FIELDS.get(key)
    return str(label) if label is not None else _humanize(key)


def object_type_label(object_type: str) -> str:
    """An object type such as 'casework.referral' as its model's translated name."""
    try:
        return str(apps.get_model(object_type)._meta.verbose_name)
    except (LookupError, ValueError):
        return _humanize(object_type)


def detail_value(value: Any) -> str:
    """One detail value as text: yes/no for booleans, lists joined, empty as a dash."""
    if isinstance(value, bool):
        return _gettext("yes") if value else _gettext("no")
    if isinstance(value, list):
        return ", ".join(detail_value(item) for item in value)
    if value is None or value == "":
        return "—"
    return str(value)


def detail_fields(detail: Mapping[str, Any]) -> list[tuple[str, str]]:
    """A row's detail as (label, value) pairs, known fields first in the registry's order."""
    known = [key for key in DETAIL_FIELDS if key in detail]
    others = sorted(key for key in detail if key not in DETAIL_FIELDS)
    return [(detail_label(key), detail_value(detail[key])) for key in [*known, *others]]


def detail_columns(details: list[Mapping[str, Any]]) -> list[str]:
    """The detail keys that occur in some rows, in the order `detail_fields` uses."""
    present = {key for detail in details for key in detail}
    return [key for key in DETAIL_FIELDS if key in present] + sorted(present - set(DETAIL_FIELDS))
