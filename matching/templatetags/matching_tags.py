"""Template helpers of matching: `{{ hit|explain }}`, `{% hit_explanation hit %}`, and the
display of what a document holds as structured values (`{{ document|offer_title }}`,
`{{ document.schedule|schedule_display }}`) in the reader's language."""

from django import template
from django.utils.translation import gettext as _

from matching import selectors
from matching.eligibility import OfferKind
from matching.schedules import display
from matching.types import Hit, OfferDocument

register = template.Library()


@register.filter
def explain(hit: Hit) -> list[str]:
    """Why a hit ranked where it did, as translated sentences."""
    return selectors.explain(hit)


@register.inclusion_tag("matching/explanation.html")
def hit_explanation(hit: Hit) -> dict:
    """The explanation of a hit as a list, for any app's result template."""
    return {"sentences": selectors.explain(hit), "hit": hit}


@register.filter
def schedule_display(value: str) -> str:
    """A document's schedule (weekdays, dates, hours, terms) in the reader's language."""
    return display(value or "")


@register.filter
def offer_title(document: OfferDocument) -> str:
    """A document's title as readers see it: a mentor's name says it is a mentor."""
    if document.kind == OfferKind.MENTOR:
        return _("Volunteer mentor %(name)s") % {"name": document.title}
    return document.title
