"""What every search backend of the offer index does."""

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from matching.ranking import QueryPlan
from matching.types import MatchResult, OfferDocument

Progress = Callable[[int], None]


@dataclass(frozen=True)
class IndexedDocument:
    """A document as indexed, with the fingerprint that `verify` compares with the database."""

    document: OfferDocument
    fingerprint: str

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
