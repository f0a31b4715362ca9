"""Template helpers of matching: `{{ hit|explain }}` and `{% hit_explanation hit %}`."""

from django import template

from matching import selectors
from matching.types import Hit

register = template.Library()


@register.filter
def explain(hit: Hit) -> list[str]:
    """Why a hit ranked where it did, as translated sentences."""
    return selectors.explain(hit)


@register.inclusion_tag("matching/explanation.html")
def hit_explanation(hit: Hit) -> dict:
    """The explanation of a hit as a list, for any app's result template."""
    return {"sentences": selectors.explain(hit), "hit": hit}
