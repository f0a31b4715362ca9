"""The offer registry: each offer app declares, in its `documents.py`, how its objects become
offer documents, so that matching never imports a feature app."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import models
from django.utils.module_loading import autodiscover_modules

from matching.types import OfferDocument


@dataclass(frozen=True)
class OfferSource:
    """How one kind of offer is read: every indexable object, and one object as a document."""

    kind: str
    model: type[models.Model]
    queryset: Callable[[], Iterable[models.Model]]
    to_document: Callable[[models.Model], OfferDocument | None]


_sources: dict[str, OfferSource] = {}


def register(source: OfferSource) -> None:
    """Declare an offer source; called at import time from an app's `documents.py`."""
    _sources[source.kind] = source


def sources() -> dict[str, OfferSource]:
    """All registered offer sources, discovering the apps' `documents.py` modules once."""
    if not _sources:
        autodiscover_modules("documents")
    return dict(_sources)
