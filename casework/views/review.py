"""A named case review: an oversight user reads one case an agency granted, read-only, audited."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from casework.selectors import latest_assessment, persons_visible_to
from portal.accounts.models import Role
from portal.audit.services import case_review_read_record


@login_required
def case_review(request, code: str):
    """The case's record as its caseworker keeps it, without confidential notes or actions."""
    if request.user.role != Role.OVERSIGHT:
        raise PermissionDenied
    person = get_object_or_404(persons_visible_to(request.user), referral_code=code)
    grant = case_review_read_record(actor=request.user, case_code=code, request=request)
    context = {
        "person": person,
        "grant": grant,
        "assessment": latest_assessment(person),
        "plan": person.plans.prefetch_related("goals__category").first(),
        "referrals": person.referrals.select_related("need_category"),
        "age": person.age_on(timezone.localdate()),
    }
    return render(request, "casework/case_review.html", context)
