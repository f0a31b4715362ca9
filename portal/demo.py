"""The demo-data registry: each app adds its part of `manage.py seed_demo` in its `demo.py`."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.module_loading import autodiscover_modules


@dataclass
class DemoContext:
    """Passed to every seeder: where to report, and what earlier seeders made for later ones."""

    write: Callable[[str], None]
    show_passwords: bool
    shared: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Seeder:
    """One app's part of the demo, run in `order` (kernel 0-99, catalog 100-199, ...)."""

    order: int
    name: str
    run: Callable[[DemoContext], None]


_seeders: dict[str, Seeder] = {}


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
