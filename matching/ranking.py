"""The ranking rules both backends share: weights, distance decay, keyword terms, query plans.

A hit's score is the sum of four parts:
  needs    weight * (sum of the priorities of the person's needs the offer meets) / (sum of all)
  distance weight * decay ** ((km / scale) ** 2)  (a Gaussian decay, as Elasticsearch's `gauss`)
  funding  weight when the offer is funded by a purchase-of-service contract
  text     weight * (keyword terms the offer matches) / (keyword terms)
Weights come from `settings.MATCHING_WEIGHTS` over `DEFAULT_WEIGHTS`; the distance scale from
`settings.MATCHING_DISTANCE_SCALE_KM`.
"""

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Protocol

import jieba
from jieba import finalseg

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from matching.eligibility import OfferKind
from matching.models import Category
from matching.types import MatchQuery, Need, OfferDocument, PersonProfile, ScoreParts
from portal.organizations.models import Jurisdiction

jieba.setLogLevel(60)

DEFAULT_WEIGHTS = {"needs": 0.5, "distance": 0.25, "funding": 0.1, "text": 0.15}
DEFAULT_DISTANCE_SCALE_KM = 25.0
DISTANCE_DECAY = 0.5
MIN_DISTANCE_EXPONENT = -50.0
EARTH_RADIUS_KM = 6371.0088
KEYWORD_MAX_CHARS = 100
KEYWORD_MAX_TERMS = 12
MAX_LIMIT = 100
STOP_TERMS = frozenset(
    [
        "的",
        "了",
        "和",
        "与",
        "及",
        "或",
        "在",
        "是",
        "为",
        "对",
        "等",
        "a",
        "an",
        "and",
        "or",
        "of",
        "the",
        "to",
        "in",
        "for",
        "on",
        "with",
        "by",
    ]
)
_WORD = re.compile(r"\w", re.UNICODE)


def weights() -> dict[str, float]:
    """The weight of each score part, settings overriding the defaults."""
    return {**DEFAULT_WEIGHTS, **getattr(settings, "MATCHING_WEIGHTS", {})}


def distance_scale_km() -> float:
    """The distance at which the distance part has fallen to half its weight."""
    return float(getattr(settings, "MATCHING_DISTANCE_SCALE_KM", DEFAULT_DISTANCE_SCALE_KM))


def degree_scales(latitude: float) -> tuple[float, float]:
    """Kilometres per degree of latitude and of longitude around a latitude."""
    km_per_degree = math.pi * EARTH_RADIUS_KM / 180
    return km_per_degree, km_per_degree * math.cos(math.radians(latitude))


def distance_km(origin: tuple[float, float], latitude: float, longitude: float) -> float:
    """The distance from the origin to a point on the plane tangent at the origin.

    Within the hundred kilometres where distance still counts, this differs from the
    great-circle distance by well under 1%, and it costs the database only arithmetic.
    """
    lat_scale, lon_scale = degree_scales(origin[0])
    return math.hypot((latitude - origin[0]) * lat_scale, (longitude - origin[1]) * lon_scale)


def distance_factor(km: float) -> float:
    """The Gaussian decay of distance: 1 on the spot, 0.5 at the scale, near 0 at 3 scales."""
    exponent = math.log(DISTANCE_DECAY) * (km / distance_scale_km()) ** 2
    return math.exp(max(exponent, MIN_DISTANCE_EXPONENT))


def keyword_terms(keyword: str) -> tuple[str, ...]:
    """The distinct terms of a keyword, truncated to a sane length, stop words dropped."""
    terms = [term for term in text_terms(keyword[:KEYWORD_MAX_CHARS]) if term not in STOP_TERMS]
    return tuple(dict.fromkeys(terms))[:KEYWORD_MAX_TERMS]


class Searchable(Protocol):
    """What `search_tokens` reads of an offer: an `OfferDocument` or the four fields alone."""

    @property
    def title(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def provider_name(self) -> str: ...
    @property
    def schedule(self) -> str: ...


def search_tokens(document: Searchable) -> str:
    """The space-delimited terms an offer is found by (title, text, provider, schedule): the
    `text_terms` of the four joined by spaces (a space ends jieba's blocks, so each field is
    segmented on its own)."""
    terms = [
        *text_terms(document.title),
        *text_terms(document.text),
        *field_terms(document.provider_name),
        *field_terms(document.schedule),
    ]
    return " " + " ".join(dict.fromkeys(terms)) + " "


# --- segmentation: jieba's `cut_for_search`, its two passes fused and cached (same words) ---

# Bounds of the per-process caches (a web worker indexes offers too: it must not grow for ever).
FIELD_TERMS_MAX = 10_000
FRAGMENTS_MAX = 200_000
WORD_TERMS_MAX = 100_000
BLOCKS_MAX = 50_000
# What `_fragments` holds besides a word's log-probability (which is never above 0).
PREFIX = 1.0  # a prefix of words only (a count of 0 in jieba's dictionary)
ABSENT = 2.0  # not in the dictionary
NO_PATH = -math.inf
_field_terms: dict[str, list[str]] = {}
_fragments: dict[str, float] = {}
_word_terms: dict[str, list[str]] = {}
# Blocks repeat across offers (category words, phrases, a provider's name in its texts): their
# terms are kept whole, which spares most blocks their route.
_blocks: dict[str, list[str]] = {}
_caches_of: list = [None, None]


def _caches(frequencies, total: float) -> tuple[dict[str, float], dict[str, list[str]]]:
    """The caches of fragments and of words' terms, emptied when jieba's dictionary changes or
    one of them is full."""
    if (
        _caches_of[0] is not frequencies
        or _caches_of[1] != total
        or len(_fragments) >= FRAGMENTS_MAX
        or len(_word_terms) >= WORD_TERMS_MAX
    ):
        _fragments.clear()
        _word_terms.clear()
        _blocks.clear()
        _caches_of[:] = [frequencies, total]
    return _fragments, _word_terms


def _fragment(fragment: str, frequencies, total: float) -> float:
    """A fragment's entry of `_fragments`: jieba's log-probability of a word (the term of its
    `calc`, the same float), PREFIX or ABSENT."""
    count = frequencies.get(fragment)
    weight = _fragments[fragment] = (
        ABSENT if count is None else math.log(count) - math.log(total) if count else PREFIX
    )
    return weight


def _route(block: str, frequencies, total: float) -> list[int]:
    """For each position of a block, where jieba's best path's word from there ends (its
    `get_DAG` and `calc` in one backward pass; ties go to the longer word, as in `calc`)."""
    size, fragments, unknown = len(block), _fragments, 0.0 - math.log(total)
    scores, ends = [0.0] * (size + 1), list(range(size + 1))
    for start in range(size - 1, -1, -1):
        weight = fragments.get(block[start])
        if weight is None:
            weight = _fragment(block[start], frequencies, total)
        best = weight + scores[start + 1] if weight <= 0.0 else NO_PATH
        stop = start + 1  # the end of the fragment, past its last character
        while weight < ABSENT and stop < size:
            stop += 1
            fragment = block[start:stop]
            weight = fragments.get(fragment)
            if weight is None:
                weight = _fragment(fragment, frequencies, total)
            if weight <= 0.0:
                score = weight + scores[stop]
                if score >= best:
                    best, ends[start] = score, stop - 1
        scores[start] = best if best > NO_PATH else unknown + scores[start + 1]
    return ends


def _terms_of(word: str, frequencies) -> list[str]:
    """The terms `cut_for_search` makes of one word of `cut`: the 2- and 3-character words in
    it (of words longer than that), then the word itself; lower-cased, spaces and words without
    a letter or digit dropped. Cached."""
    words = []
    if len(word) > 2:
        words += [gram for gram in _grams(word, 2) if frequencies.get(gram)]
        if len(word) > 3:
            words += [gram for gram in _grams(word, 3) if frequencies.get(gram)]
    words.append(word)
    terms = _word_terms[word] = [
        term for term in (item.strip().lower() for item in words) if term and _WORD.search(term)
    ]
    return terms


def _grams(word: str, size: int) -> list[str]:
    return [word[i : i + size] for i in range(len(word) - size + 1)]


def _run_terms(run: str, frequencies, total: float, terms: list[str]) -> None:
    """The terms of a run of single characters off the dictionary's path: jieba's HMM for new
    words (a run of ASCII letters and digits is one, as its HMM leaves it)."""
    if len(run) == 1 or (run.isascii() and run.isalnum()):
        words: Iterable[str] = (run,)
    else:
        weight = _fragments.get(run)
        if weight is None:
            weight = _fragment(run, frequencies, total)
        words = run if weight <= 0.0 else finalseg.cut(run)
    for word in words:
        known = _word_terms.get(word)
        terms += _terms_of(word, frequencies) if known is None else known


def _block_terms(block: str, frequencies, total: float, terms: list[str]) -> None:
    """The terms of one block of word characters (jieba's `__cut_DAG`, then `_terms_of`)."""
    ends, words = _route(block, frequencies, total), _word_terms
    start, size, run = 0, len(block), -1
    while start < size:
        stop = ends[start] + 1
        if stop - start == 1:
            run = start if run < 0 else run
        else:
            if run >= 0:
                _run_terms(block[run:start], frequencies, total, terms)
                run = -1
            word = block[start:stop]
            known = words.get(word)
            terms += _terms_of(word, frequencies) if known is None else known
        start = stop
    if run >= 0:
        _run_terms(block[run:], frequencies, total, terms)


def _new_block(block: str, frequencies, total: float) -> list[str]:
    """A block's terms, kept in `_blocks` (emptied alone when full: the others stay valid)."""
    if len(_blocks) >= BLOCKS_MAX:
        _blocks.clear()
    terms: list[str] = []
    _block_terms(block, frequencies, total, terms)
    _blocks[block] = terms
    return terms


def text_terms(text: str) -> list[str]:
    """Lower-cased search terms of a text (Chinese words and their parts, English words): the
    words of jieba's `cut_for_search` (its default tokenizer, HMM on), for offers indexed and
    for keywords alike."""
    tokenizer = jieba.dt
    tokenizer.check_initialized()
    frequencies, total = tokenizer.FREQ, tokenizer.total
    words, blocks = _caches(frequencies, total)[1], _blocks
    terms: list[str] = []
    # Split by a group: the pieces alternate between other characters and word characters.
    for index, piece in enumerate(jieba.re_han_default.split(text)):
        if index % 2:
            known = blocks.get(piece)
            terms += _new_block(piece, frequencies, total) if known is None else known
            continue
        for char in piece:  # spaces and punctuation, one by one
            known = words.get(char)
            terms += _terms_of(char, frequencies) if known is None else known
    return terms


def field_terms(value: str) -> list[str]:
    """`text_terms` of a short field whose values repeat (provider, schedule), each value
    segmented once per process."""
    terms = _field_terms.get(value)
    if terms is None:
        if len(_field_terms) >= FIELD_TERMS_MAX:
            _field_terms.clear()
        terms = _field_terms[value] = text_terms(value)
    return terms


def area_prefixes(code: str) -> tuple[str, ...]:
    """The service-area codes that cover a division: its province, city, county and township.

    Area codes are normalized first (410100 -> 4101, 410000 -> 41) so that a city-wide area
    covers the counties and townships below it.
    """
    normalized = normalize_area_code(code)
    return tuple(normalized[:size] for size in (2, 4, 6, 9) if size <= len(normalized))


def normalize_area_code(code: str) -> str:
    """A division code without the zero pairs that stand for 'the whole city/province'."""
    code = code.strip()
    if len(code) == 6:
        while code.endswith("00") and len(code) > 2:
            code = code[:-2]
    return code


@dataclass(frozen=True)
class WeightedNeed:
    """A need of the person and the share of the needs weight it brings when met."""

    need: Need
    weight: float


@dataclass(frozen=True)
class QueryPlan:
    """A validated `MatchQuery`, resolved into what both backends filter and score by."""

    query: MatchQuery
    person: PersonProfile | None
    today: date
    kinds: tuple[str, ...]
    categories: tuple[str, ...]
    terms: tuple[str, ...]
    origin: tuple[float, float] | None
    prefixes: tuple[str, ...]
    needs: tuple[WeightedNeed, ...]
    max_distance_km: float | None
    offset: int
    limit: int
    weights: dict[str, float]
    warnings: tuple[str, ...] = ()

    @property
    def term_weight(self) -> float:
        return self.weights["text"] / len(self.terms) if self.terms else 0.0

    def decimal_weights(self) -> dict[str, Decimal]:
        return {name: Decimal(str(value)) for name, value in self.weights.items()}


def plan_query(query: MatchQuery) -> QueryPlan:
    """Validate a query (unknown values are dropped with a warning) and resolve it into a plan."""
    warnings: list[str] = []
    kinds = _known(
        query.kinds, set(OfferKind.values), _("Unknown offer kind “%s” ignored."), warnings
    )
    slugs = set(Category.objects.values_list("slug", flat=True)) if query.categories else set()
    categories = _known(query.categories, slugs, _("Unknown category “%s” ignored."), warnings)
    person = query.person
    origin = person_origin(person) if person else None
    weights_ = weights()
    return QueryPlan(
        query=query,
        person=person,
        today=query.on_date or timezone.localdate(),
        kinds=kinds,
        categories=categories,
        terms=keyword_terms(query.keyword or ""),
        origin=origin,
        prefixes=area_prefixes(person.jurisdiction_code) if person else (),
        needs=weighted_needs(person.needs if person else (), weights_["needs"]),
        max_distance_km=_max_distance(query.max_distance_km, origin, warnings),
        offset=max(query.offset, 0),
        limit=min(max(query.limit, 1), MAX_LIMIT),
        weights=weights_,
        warnings=tuple(warnings),
    )


def _max_distance(km: float | None, origin: tuple | None, warnings: list[str]) -> float | None:
    if km is None:
        return None
    if km <= 0:
        warnings.append(_("The distance limit must be more than 0 km; it was ignored."))
        return None
    if origin is None:
        warnings.append(_("The distance limit was ignored: the person has no known location."))
        return None
    return float(km)


def person_origin(person: PersonProfile) -> tuple[float, float] | None:
    """Where a person is: their coordinates, else the centre of their jurisdiction."""
    if person.latitude is not None and person.longitude is not None:
        return (person.latitude, person.longitude)
    return jurisdiction_point(person.jurisdiction_code)


def jurisdiction_point(code: str) -> tuple[float, float] | None:
    """The centre of a division (or of its county when the township is unknown)."""
    for candidate in dict.fromkeys([code, code[:6]]):
        if not candidate:
            continue
        row = Jurisdiction.objects.filter(code=candidate).values("latitude", "longitude").first()
        if row:
            return (float(row["latitude"]), float(row["longitude"]))
    return None


def _known(values: tuple[str, ...], known: set[str], message: str, warnings: list) -> tuple:
    for value in values:
        if value not in known:
            warnings.append(message % value)
    return tuple(value for value in dict.fromkeys(values) if value in known)


def weighted_needs(needs: tuple[Need, ...], total_weight: float) -> tuple[WeightedNeed, ...]:
    """Each distinct need with its share of the needs weight, by priority (clamped to 1..5)."""
    by_category: dict[str, int] = {}
    for need in needs:
        priority = min(max(int(need.priority), 1), 5)
        by_category[need.category] = max(by_category.get(need.category, 0), priority)
    total = sum(by_category.values())
    return tuple(
        WeightedNeed(Need(category, priority), total_weight * priority / total)
        for category, priority in by_category.items()
    )


def need_to_refer(needs: tuple[Need, ...], categories: tuple[str, ...]) -> str:
    """The need a referral to an offer is for: the person's most urgent need among the offer's
    categories (the first of equals), else the person's first need ("" without needs)."""
    met = [need for need in needs if need.category in categories]
    best = max(met, key=lambda need: need.priority, default=None)
    if best is not None:
        return best.category
    return needs[0].category if needs else ""


def score_parts(document: OfferDocument, plan: QueryPlan, matched_terms: tuple) -> ScoreParts:
    """Why an offer ranks where it does for a plan: the parts add up to its score."""
    met = [item for item in plan.needs if item.need.category in document.categories]
    km = None
    if plan.origin and document.latitude is not None and document.longitude is not None:
        km = distance_km(plan.origin, document.latitude, document.longitude)
    return ScoreParts(
        needs_met=sum(item.weight for item in met),
        distance=plan.weights["distance"] * distance_factor(km) if km is not None else 0.0,
        funding=plan.weights["funding"] if document.funded_by_contract else 0.0,
        text=plan.term_weight * len(matched_terms),
        matched_needs=tuple(item.need.category for item in met),
        distance_km=km,
        met_needs=tuple(item.need for item in met),
        matched_terms=tuple(matched_terms),
    )


def total_score(parts: ScoreParts) -> float:
    """The score of a hit: the sum of its parts."""
    return parts.needs_met + parts.distance + parts.funding + parts.text
