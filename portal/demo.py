"""The demo-data registry: each app adds its part of `manage.py seed_demo` in its `demo.py`.

The kernel's seeders (order 0-99) publish in `ctx.shared`, for the seeders that follow:

- `agencies`: dict of county division code -> CorrectionsAgency, for 410422 (平顶山市叶县),
  410423 (鲁山县), 411726 (驻马店市泌阳县), 411025 (许昌市襄城县), 411303 (南阳市卧龙区) and
  411121 (漯河市舞阳县): counties with real township centre points, where offers sit.
- `judicial_offices`: list of JudicialOffice, two to four per agency (`office.agency`).
- `providers_index`: the ProvidersIndexPage at /providers/.
- `agency_sections`: dict of county code -> ProviderSectionPage of that agency (volunteer
  opportunities go there).
- `users`: dict of key -> User: "superuser" (admin@demo.cn), "caseworker" (叶县, first
  office), "agency_manager" (叶县), "oversight", "site_editor", "provider_staff" (owner of
  the first social organization), "employer_staff" (owner of the first employer), "volunteer",
  "pending_owner" and "rejected_owner".
- `password`: the shared demo password, or None when DEBUG is off (passwords then random).
- `social_organizations`, `employers`: lists of verified Organization (8 and 4).
- `sections`: dict of organization pk -> its ProviderSectionPage (verified ones only).
"""

import math
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.module_loading import autodiscover_modules


@dataclass
class DemoContext:
    """Passed to every seeder: where to report, what earlier seeders made for later ones, and
    the lines (the demo accounts) printed once everything is loaded."""

    write: Callable[[str], None]
    show_passwords: bool
    shared: dict[str, Any] = field(default_factory=dict)
    summary: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Seeder:
    """One app's part of the demo, run in `order` (kernel 0-99, catalog 100-199, ...)."""

    order: int
    name: str
    run: Callable[[DemoContext], None]


_seeders: dict[str, Seeder] = {}
KM_PER_DEGREE = 111.32
OWN_CENTRES_PREFERRED = 3
# The county of the demo's caseworker and agency manager (平顶山市叶县): its agency's screens,
# fair and volunteers are the ones the accounts table in the README leads to.
HOME_COUNTY = "410422"


def register(*, order: int, name: str) -> Callable:
    """Register a seeder function; it must be idempotent (update_or_create, never create)."""

    def decorator(function: Callable[[DemoContext], None]) -> Callable[[DemoContext], None]:
        _seeders[name] = Seeder(order=order, name=name, run=function)
        return function

    return decorator


def seeders() -> list[Seeder]:
    """All registered seeders in the order they must run."""
    autodiscover_modules("demo")
    return sorted(_seeders.values(), key=lambda seeder: (seeder.order, seeder.name))


def township_in(county, key: int | str):
    """A township of a county chosen by a number or a stable name (cycling), among those with
    their own centre point when the county has at least `OWN_CENTRES_PREFERRED` (fewer would
    pile its offers on one or two points); the county itself when it has no township."""
    townships, placed = townships_of(county)
    choices = placed if len(placed) >= OWN_CENTRES_PREFERRED else townships
    return choices[_number(key) % len(choices)] if choices else county


def townships_of(county) -> tuple[list, list]:
    """A county's townships in code order, and those of them with their own centre point."""
    from portal.organizations.models import Jurisdiction, JurisdictionLevel
    from portal.organizations.selectors import has_own_centre

    townships = list(
        Jurisdiction.objects.filter(parent=county, level=JurisdictionLevel.TOWNSHIP)
        .select_related("parent")
        .order_by("code")
    )
    return townships, [township for township in townships if has_own_centre(township)]


def demo_point(place, key: int | str) -> tuple[Decimal, Decimal]:
    """A township's own centre when one is loaded; otherwise a point 2 to 9 km from a
    division's centre, always the same for the same key.

    The shipped division data gives townships their county's centre; the demo loads the
    GeoNames centres shipped for some townships (`shipped_township_centres_load`) and a
    deployment loads its own with `manage.py township_centres`. A township still without one
    has its demo offers spread around it: distances differ instead of all reading 0.0 km.
    """
    from portal.organizations.selectors import has_own_centre

    if has_own_centre(place):
        return place.latitude, place.longitude
    number = _number(key)
    distance_km = 2 + number % 8
    angle = math.radians(number % 360)
    latitude = float(place.latitude) + distance_km / KM_PER_DEGREE * math.sin(angle)
    longitude = float(place.longitude) + distance_km / (
        KM_PER_DEGREE * math.cos(math.radians(float(place.latitude)))
    ) * math.cos(angle)
    return Decimal(f"{latitude:.6f}"), Decimal(f"{longitude:.6f}")


def _number(key: int | str) -> int:
    return key if isinstance(key, int) else zlib.crc32(key.encode())
