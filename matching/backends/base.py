"""What every search backend of the offer index does."""

import dataclasses
import hashlib
import json
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from matching.ranking import QueryPlan
from matching.types import MatchResult, OfferDocument

Progress = Callable[[int], None]
FIELDS = dataclasses.fields(OfferDocument)


DATE_FIELDS = ("valid_from", "valid_until")


def document_fields(document: OfferDocument) -> dict:
    """A document's fields as a dict (shallow and fast, unlike `dataclasses.asdict`)."""
    return {field.name: getattr(document, field.name) for field in FIELDS}


def document_data(document: OfferDocument) -> dict[str, Any]:
    """A document's fields as JSON values (dates as ISO strings)."""
    return fields_data(document_fields(document))


def fields_data(fields: dict[str, Any]) -> dict[str, Any]:
    """A document's fields (as a dict) as JSON values: a copy, dates as ISO strings."""
    data = dict(fields)
    for name in DATE_FIELDS:
        data[name] = data[name].isoformat() if data[name] else None
    return data


def fingerprint(document: OfferDocument) -> str:
    """A digest of every field of a document, to find index entries that are out of date."""
    return data_fingerprint(document_data(document))


def data_fingerprint(data: dict[str, Any]) -> str:
    """The fingerprint of a document from its `document_data`."""
    text = json.dumps(data, sort_keys=True)
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()


@dataclass(frozen=True)
class IndexedDocument:
    """A document as indexed, with the fingerprint that `verify` compares with the database
    (computed when first read: a rebuild computes it in its worker processes)."""

    document: OfferDocument

    @cached_property
    def fingerprint(self) -> str:
        return fingerprint(self.document)

    @property
    def key(self) -> str:
        return self.document.key


class SearchBackend(ABC):
    """Filters and ranks offers for a query plan and keeps its copy of the offer documents."""

    name = ""

    @abstractmethod
    def search(self, plan: QueryPlan) -> MatchResult:
        """The page of hits of a plan; raises SearchUnavailable when unreachable."""

    @abstractmethod
    def upsert(self, documents: list[IndexedDocument]) -> None:
        """Add or replace documents."""

    @abstractmethod
    def remove(self, keys: list[str]) -> None:
        """Remove documents by key (unknown keys are ignored)."""

    @abstractmethod
    def rebuild(self, documents: Iterable[IndexedDocument], progress: Progress | None) -> int:
        """Replace the whole index with no downtime for readers; returns the count loaded."""

    @abstractmethod
    def fingerprints(self) -> dict[str, str]:
        """Every indexed key with its fingerprint."""

    @abstractmethod
    def counts(self) -> dict[str, int]:
        """How many documents are indexed, by kind."""
