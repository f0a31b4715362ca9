"""The contract between the matching engine, the offer apps and casework.

Offer apps describe their objects as `OfferDocument`s (through `matching.registry`); casework
describes a person as a `PersonProfile`; the engine answers with `Hit`s that explain their rank.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class OfferDocument:
    """Everything ranking needs to know about one offer, whatever app it comes from."""

    key: str
    kind: str
    source_id: int
    title: str
    text: str
    url: str
    provider_name: str
    organization_id: int | None = None
    owner_user_id: int | None = None
    categories: tuple[str, ...] = ()
    jurisdiction_code: str = ""
    latitude: float | None = None
    longitude: float | None = None
    service_area_codes: tuple[str, ...] = ()
    genders: tuple[str, ...] = ()
    min_age: int | None = None
    max_age: int | None = None
    accepts_adults: bool = True
    accepts_juveniles: bool = False
    correction_types: tuple[str, ...] = ()
    supervision_levels: tuple[str, ...] = ()
    schedule: str = ""
    valid_from: date | None = None
    valid_until: date | None = None
    seats_left: int | None = None
    funded_by_contract: bool = False
    languages: tuple[str, ...] = ()


@dataclass(frozen=True)
class ThingsToBring:
    """What an offer asks a referred person to bring: documents of the shared list (their
    `DocumentToBring` values, named in the reader's language) and other things as written."""

    documents: tuple[str, ...] = ()
    other: tuple[str, ...] = ()


@dataclass(frozen=True)
class Need:
    """One assessed need of a person: a category slug and its priority (1 low .. 5 urgent)."""

    category: str
    priority: int = 3


@dataclass(frozen=True)
class PersonProfile:
    """What matching may know of a supervised person: eligibility facts and needs, no identity."""

    gender: str = ""
    age: int | None = None
    is_juvenile: bool = False
    correction_type: str = ""
    supervision_level: str = ""
    jurisdiction_code: str = ""
    latitude: float | None = None
    longitude: float | None = None
    needs: tuple[Need, ...] = ()
    languages: tuple[str, ...] = ()


@dataclass(frozen=True)
class MatchQuery:
    """A ranking request: for a person (optional), with a keyword and filters (all optional)."""

    person: PersonProfile | None = None
    keyword: str = ""
    kinds: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    max_distance_km: float | None = None
    funded_only: bool = False
    on_date: date | None = None
    offset: int = 0
    limit: int = 20


@dataclass(frozen=True)
class ScoreParts:
    """Why a hit ranked where it did; the parts add up to the score."""

    needs_met: float = 0.0
    distance: float = 0.0
    funding: float = 0.0
    text: float = 0.0
    matched_needs: tuple[str, ...] = ()
    distance_km: float | None = None
    met_needs: tuple[Need, ...] = ()
    matched_terms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Hit:
    """One ranked offer with its score and the parts that explain it."""

    document: OfferDocument
    score: float
    parts: ScoreParts = field(default_factory=ScoreParts)


@dataclass(frozen=True)
class MatchResult:
    """A page of hits and how many offers matched in all."""

    hits: tuple[Hit, ...]
    total: int
    # True when more offers matched than were counted: `total` is then a lower bound.
    total_capped: bool = False
    backend: str = ""
    weights: dict[str, Decimal] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
