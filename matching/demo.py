"""Demo data of matching: rebuild the offer index once every offer app has seeded its offers."""

from django.utils.translation import gettext as _

from matching.selectors import index_status
from matching.services import index_rebuild
from portal.demo import DemoContext, register


@register(order=290, name="matching: offer index")
def seed_offer_index(ctx: DemoContext) -> None:
    """Index every offer the earlier seeders created, so that matching screens find them."""
    loaded = index_rebuild()
    counts = ", ".join(f"{kind} {count}" for kind, count in index_status().items())
    ctx.write(
        _("Offer index rebuilt: %(count)d offers (%(counts)s).")
        % {"count": loaded, "counts": counts}
    )
