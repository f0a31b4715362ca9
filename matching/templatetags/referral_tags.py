"""Template helpers of referral screens: the actions open to one side, with their forms."""

from typing import Any

from django import template

from matching.models import OutcomeResult

register = template.Library()


@register.inclusion_tag("matching/includes/referral_actions.html", takes_context=True)
def referral_actions(context: Any, referral: Any, actions: list, url_name: str) -> dict:
    """The forms of the transitions this side may apply now (`matching.selectors.
    referral_actions`), each posting to `url_name` with the referral and the action."""
    return {
        "referral": referral,
        "actions": actions,
        "url_name": url_name,
        "outcome_results": OutcomeResult.choices,
        "csrf_token": context.get("csrf_token"),
    }
