"""Background tasks of casework."""

from django_tasks import task

from casework.services import referrals_flag_overdue, referrals_remind


@task()
def flag_overdue_referrals() -> int:
    """Flag referrals left unanswered past REFERRAL_RESPONSE_DAYS (scheduled daily)."""
    return referrals_flag_overdue()


@task()
def remind_referrals() -> int:
    """Remind caseworkers of referrals needing attention (scheduled daily)."""
    return referrals_remind()
