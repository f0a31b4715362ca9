"""Casework tasks on each role's dashboard."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from casework.models import PersonStatus, ReviewState
from casework.selectors import persons_visible_to, referrals_visible_to, reviews_to_decide
from matching.models import ReferralState
from matching.selectors import (
    inbox_referrals_for,
    overdue_referrals,
    referrals_needing_attention,
)
from portal.accounts.models import Role
from portal.dashboard import DashboardLink, register

STAFF = frozenset({Role.CASEWORKER, Role.AGENCY_MANAGER})
PROVIDERS = frozenset({Role.PROVIDER_STAFF, Role.EMPLOYER_STAFF, Role.VOLUNTEER})

register(
    DashboardLink(
        roles=STAFF,
        title=_("Supervised persons"),
        description=_("Records, needs, correction plans and matching offers."),
        url=lambda request: reverse("casework:person_list"),
        order=10,
        count=lambda request: (
            persons_visible_to(request.user).filter(status=PersonStatus.UNDER_SUPERVISION).count()
        ),
    )
)
register(
    DashboardLink(
        roles=STAFF,
        title=_("Referrals"),
        description=_("Follow each referral to its outcome."),
        url=lambda request: reverse("casework:referral_list"),
        order=11,
        count=lambda request: (
            referrals_visible_to(request.user)
            .filter(
                state__in=[ReferralState.SENT, ReferralState.ACCEPTED, ReferralState.IN_PROGRESS]
            )
            .count()
        ),
    )
)
register(
    DashboardLink(
        roles=STAFF,
        title=_("Referrals needing attention"),
        description=_("Declined, completed waiting to be closed, no-shows and overdue ones."),
        url=lambda request: reverse("casework:referral_list") + "?attention=true",
        order=11,
        count=lambda request: referrals_needing_attention(
            referrals_visible_to(request.user)
        ).count(),
    )
)
register(
    DashboardLink(
        roles=STAFF,
        title=_("Overdue referrals"),
        description=_("Sent referrals the provider has not answered in time."),
        url=lambda request: reverse("casework:referral_list") + "?overdue=true",
        order=12,
        count=lambda request: overdue_referrals(referrals_visible_to(request.user)).count(),
    )
)
register(
    DashboardLink(
        roles=PROVIDERS,
        title=_("Referral inbox"),
        description=_("Referrals waiting for your answer and those you are serving."),
        url=lambda request: reverse("casework:inbox"),
        order=10,
        count=lambda request: (
            inbox_referrals_for(request.user).filter(state=ReferralState.SENT).count()
        ),
    )
)
register(
    DashboardLink(
        roles=PROVIDERS,
        title=_("Overdue referrals"),
        description=_("Referrals that have waited too long for your answer."),
        url=lambda request: reverse("casework:inbox") + "?overdue=true",
        order=11,
        count=lambda request: overdue_referrals(inbox_referrals_for(request.user)).count(),
    )
)


def _reviews_waiting(request) -> int:
    return sum(
        reviews.filter(state=ReviewState.PENDING).count()
        for reviews in reviews_to_decide(request.user)
    )


register(
    DashboardLink(
        roles=frozenset({Role.AGENCY_MANAGER}),
        title=_("Approvals and possible duplicates"),
        description=_("Transfers and unsealing to approve; new records that may be duplicates."),
        url=lambda request: reverse("casework:review_list"),
        order=12,
        count=_reviews_waiting,
    )
)
