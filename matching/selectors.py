"""Reads of the matching layer shared by screens of every app: search, explanations, index state."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.db import DatabaseError
from django.db.models import Q, QuerySet
from django.utils.formats import number_format
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from matching.backends import get_backend
from matching.eligibility import CorrectionType, Gender, OfferKind, SupervisionLevel
from matching.exceptions import SearchUnavailable
from matching.funding import funding_read_once
from matching.indexing import indexed_documents
from matching.models import (
    SHARED_LABELS,
    TRANSITIONS,
    Category,
    OfferCapacity,
    Referral,
    ReferralState,
    Transition,
)
from matching.ranking import plan_query
from matching.registry import document_for
from matching.types import Hit, MatchQuery, MatchResult, Need, OfferDocument
from portal.cache import kept_per_generation

_category_names: dict[str, Any] = {}
_active_categories: dict[str, Any] = {}
# Which side moved a referral into a state (every state has one side reaching it).
TRANSITIONS_BY_TARGET = {str(t.target): str(t.side) for t in TRANSITIONS.values()}


def offer_key(kind: str, source_id: int) -> str:
    """The key that names an offer of any kind across apps: `<kind>:<id>`."""
    return f"{kind}:{source_id}"


_seats: ContextVar[dict[str, int | None] | None] = ContextVar("seats", default=None)


@contextmanager
def offers_read_once() -> Iterator[None]:
    """Within the block, `seats_left` and `offer_funded` answer from one read of every offer's
    capacity and funding (for documents of the whole index: no query per offer)."""
    token = _seats.set({row.offer_key: row.seats_left for row in OfferCapacity.objects.all()})
    try:
        with funding_read_once():
            yield
    finally:
        _seats.reset(token)


def seats_left(*, offer_key: str) -> int | None:
    """Seats left on an offer (None: unlimited or never set)."""
    seats = _seats.get()
    if seats is not None:
        return seats.get(offer_key)
    capacity = OfferCapacity.objects.filter(offer_key=offer_key).first()
    return capacity.seats_left if capacity else None


def offer_document(*, key: str) -> OfferDocument | None:
    """The current document of one offer, read from its app through the registry."""
    return document_for(key)


def offer_search(*, query: MatchQuery) -> MatchResult:
    """Offers a person may join, ranked by needs met, distance, funding and keyword; each hit
    says why. Raises SearchUnavailable when the search backend cannot be reached."""
    try:
        plan = plan_query(query)
    except DatabaseError as error:
        raise SearchUnavailable(str(error)) from error
    return get_backend().search(plan)


def category_names() -> dict[str, tuple[str, str]]:
    """Each category's Chinese and English name by slug, read once per process and generation of
    public content (a category's change starts a new one): called for every hit and need, a
    read of the default cache would be a query each time where that cache is the database."""
    return kept_per_generation(_category_names, _read_category_names)


def _read_category_names() -> dict[str, tuple[str, str]]:
    rows = Category.objects.values_list("slug", "name", "name_en")
    return {slug: (name, name_en or name) for slug, name, name_en in rows}


def active_categories() -> list[Category]:
    """The active categories in their order, read once per process and generation of public
    content (a category's change starts a new one): the matching screen's filter and rows."""
    return kept_per_generation(
        _active_categories, lambda: list(Category.objects.filter(is_active=True))
    )


def category_names_in_language() -> dict[str, str]:
    """Each category's name in the active language, by slug (one read of `category_names`)."""
    column = 1 if (get_language() or "").startswith("en") else 0
    return {slug: pair[column] for slug, pair in category_names().items()}


# The constant texts of facts and explanations, translated once per process and language (the
# compiled catalogs do not change while a process runs); seat counts are kept as they come.
_reading_texts: dict[str | None, dict[str, Any]] = {}
SEAT_TEXTS_MAX = 1000


def _texts() -> dict[str, Any]:
    """The translated constant texts of hit readings for the active language."""
    language = get_language()
    texts = _reading_texts.get(language)
    if texts is None:
        texts = _reading_texts[language] = _translated_texts()
    return texts


def _translated_texts() -> dict[str, Any]:
    return {
        "need": _("%(need)s (priority %(priority)d)"),
        "meets_needs": _("Meets needs: %(needs)s"),
        "km_away": _("%(distance)s km away"),
        "funded_sentence": _("Funded by a purchase-of-service contract"),
        "terms": _("Matches the search words: %(terms)s"),
        "km": _("%(distance)s km"),
        "distance_unknown": _("distance unknown"),
        "no_seat_limit": _("no seat limit"),
        "funded": _("funded by contract"),
        "not_funded": _("not contract-funded"),
        "meets": _("meets: %(needs)s"),
        "meets_none": _("meets no assessed need"),
        "kinds": {value: str(label) for value, label in OfferKind.choices},
        "genders": {value: str(label) for value, label in Gender.choices},
        "correction_types": {value: str(label) for value, label in CorrectionType.choices},
        "levels": {
            value: _("%(level)s supervision") % {"level": label}
            for value, label in SupervisionLevel.choices
        },
        "both_ages": _("adults and juveniles"),
        "juveniles_only": _("juveniles only"),
        "aged": _("aged %(min)d to %(max)d"),
        "aged_over": _("aged %(min)d and over"),
        "aged_up_to": _("aged up to %(max)d"),
        "open_to_all": _("Eligibility: open to every supervised adult"),
        "eligibility": _("Eligibility: %(conditions)s"),
        "seats": {},
    }


def _seats_text(texts: dict[str, Any], count: int) -> str:
    """ "n seats left" in the active language (its plural form chosen by the catalog)."""
    seats = texts["seats"]
    text = seats.get(count)
    if text is None:
        if len(seats) >= SEAT_TEXTS_MAX:
            seats.clear()
        text = seats[count] = ngettext("%(count)d seat left", "%(count)d seats left", count) % {
            "count": count
        }
    return text


def _met_names(needs: tuple[Need, ...], names: dict[str, str] | None) -> list[str]:
    """The names of needs met (a slug if its category no longer exists)."""
    if not needs:
        return []
    names = category_names_in_language() if names is None else names
    return [names.get(need.category, need.category) for need in needs]


def explain(hit: Hit, *, names: dict[str, str] | None = None) -> list[str]:
    """Why a hit ranked where it did, as translated sentences a caseworker can read. A caller
    with many hits passes `names` (`category_names_in_language()`), read once for all."""
    parts, document, texts = hit.parts, hit.document, _texts()
    sentences = []
    if parts.met_needs:
        needs = ", ".join(
            texts["need"] % {"need": name, "priority": need.priority}
            for need, name in zip(parts.met_needs, _met_names(parts.met_needs, names), strict=True)
        )
        sentences.append(texts["meets_needs"] % {"needs": needs})
    if parts.distance_km is not None:
        distance = number_format(parts.distance_km, 1)
        sentences.append(texts["km_away"] % {"distance": distance})
    if document.funded_by_contract:
        sentences.append(texts["funded_sentence"])
    if document.seats_left is not None:
        sentences.append(_seats_text(texts, document.seats_left))
    if parts.matched_terms:
        sentences.append(texts["terms"] % {"terms": ", ".join(parts.matched_terms)})
    sentences.append(eligibility_sentence(document))
    return sentences


@dataclass(frozen=True)
class HitFact:
    """One short fact of a hit for the one-line summary: its name (for styling) and its text."""

    name: str
    text: str


def hit_facts(hit: Hit, *, names: dict[str, str] | None = None) -> list[HitFact]:
    """A hit at a glance, in the reader's language: kind, distance, seats, funding, needs met
    (`names` as for `explain`)."""
    parts, document, texts = hit.parts, hit.document, _texts()
    kind = texts["kinds"].get(document.kind, document.kind)
    if parts.distance_km is None:
        distance = texts["distance_unknown"]
    else:
        distance = texts["km"] % {"distance": number_format(parts.distance_km, 1)}
    if document.seats_left is None:
        seats = texts["no_seat_limit"]
    else:
        seats = _seats_text(texts, document.seats_left)
    funding = texts["funded"] if document.funded_by_contract else texts["not_funded"]
    needs = ", ".join(_met_names(parts.met_needs, names))
    met = texts["meets"] % {"needs": needs} if needs else texts["meets_none"]
    return [
        HitFact("kind", kind),
        HitFact("distance", distance),
        HitFact("seats", seats),
        HitFact("funding", funding),
        HitFact("needs", met),
    ]


def eligibility_sentence(document: OfferDocument) -> str:
    """The offer's eligibility conditions in one sentence."""
    texts = _texts()
    genders, types, levels = texts["genders"], texts["correction_types"], texts["levels"]
    conditions = [genders[value] for value in document.genders if value in genders]
    conditions += [_age_condition(texts, document.min_age, document.max_age)]
    if document.accepts_juveniles:
        conditions.append(
            texts["both_ages"] if document.accepts_adults else texts["juveniles_only"]
        )
    conditions += [types[value] for value in document.correction_types if value in types]
    conditions += [levels[value] for value in document.supervision_levels if value in levels]
    conditions = [condition for condition in conditions if condition]
    if not conditions:
        return texts["open_to_all"]
    return texts["eligibility"] % {"conditions": "; ".join(conditions)}


def _age_condition(texts: dict[str, Any], min_age: int | None, max_age: int | None) -> str:
    if min_age is not None and max_age is not None:
        return texts["aged"] % {"min": min_age, "max": max_age}
    if min_age is not None:
        return texts["aged_over"] % {"min": min_age}
    if max_age is not None:
        return texts["aged_up_to"] % {"max": max_age}
    return ""


def index_status() -> dict[str, int]:
    """How many documents the search backend holds, by kind."""
    return get_backend().counts()


@dataclass(frozen=True)
class IndexReport:
    """Index entries that disagree with the offer apps."""

    missing: tuple[str, ...]
    stale: tuple[str, ...]
    extra: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not (self.missing or self.stale or self.extra)


def index_verify() -> IndexReport:
    """Compare the index with the offer apps: keys missing from it, out of date, or left over."""
    with offers_read_once():
        expected = {indexed.key: indexed.fingerprint for indexed in indexed_documents()}
    actual = get_backend().fingerprints()
    return IndexReport(
        missing=tuple(sorted(expected.keys() - actual.keys())),
        stale=tuple(sorted(k for k in expected.keys() & actual.keys() if expected[k] != actual[k])),
        extra=tuple(sorted(actual.keys() - expected.keys())),
    )


def inbox_referrals_for(user: Any) -> QuerySet[Referral]:
    """Referrals sent to the user's organizations, or to the user's own offers (volunteers)."""
    if not getattr(user, "is_authenticated", False):
        return Referral.objects.none()
    organizations = user.memberships.values("organization_id")
    return (
        Referral.objects.filter(Q(organization__in=organizations) | Q(owner_user=user))
        .exclude(state=ReferralState.DRAFT)
        .select_related("need_category", "created_by")
        .distinct()
    )


def overdue_referrals(referrals: QuerySet[Referral]) -> QuerySet[Referral]:
    """The referrals of a queryset that were flagged overdue and are still unanswered."""
    return referrals.filter(state=ReferralState.SENT, overdue_flagged_at__isnull=False)


def shared_rows(referral: Referral) -> list[tuple[str, object]]:
    """What the provider sees of the person, labelled, in a stable order."""
    return [
        (str(SHARED_LABELS[key]), value) for key, value in referral.shared_with_provider().items()
    ]


def referral_actions(referral: Referral, side: str) -> list[tuple[str, Transition]]:
    """The transitions of the one table that this side may apply to the referral now."""
    if referral.is_logged:
        return []
    return [
        (name, transition)
        for name, transition in TRANSITIONS.items()
        if transition.side == side and referral.state in transition.sources
    ]


def referrals_to_offer(*, key: str) -> QuerySet[Referral]:
    """The referrals sent to one offer (drafts excluded), newest first."""
    return (
        Referral.objects.filter(offer_key=key)
        .exclude(state=ReferralState.DRAFT)
        .select_related("need_category", "created_by")
    )


@dataclass(frozen=True)
class TimelineEntry:
    """One line of a referral's timeline: a transition or a note, by whom and from which side."""

    when: Any
    who: Any
    side: str
    text: str
    from_state: str = ""
    to_state: str = ""

    @property
    def is_note(self) -> bool:
        return not self.to_state


def referral_timeline(referral: Referral) -> list[TimelineEntry]:
    """The events and notes of a referral in one list, oldest first (two queries)."""
    labels = dict(ReferralState.choices)
    entries = [
        TimelineEntry(
            when=event.created_at,
            who=event.actor,
            side=TRANSITIONS_BY_TARGET.get(event.to_state, ""),
            text=event.note,
            from_state=str(labels.get(event.from_state, "")),
            to_state=str(labels[event.to_state]),
        )
        for event in referral.events.select_related("actor")
    ]
    entries += [
        TimelineEntry(when=note.created_at, who=note.author, side=note.side, text=note.text)
        for note in referral.notes.select_related("author")
    ]
    return sorted(entries, key=lambda entry: entry.when)


ATTENTION_STATES = (ReferralState.DECLINED, ReferralState.COMPLETED, ReferralState.NO_SHOW)


def referrals_needing_attention(referrals: QuerySet[Referral]) -> QuerySet[Referral]:
    """What the referring side must act on: declined, completed or no-show (to be closed or
    referred again), and sent ones flagged overdue. Logged referrals never need attention."""
    return referrals.filter(
        Q(state__in=ATTENTION_STATES)
        | Q(state=ReferralState.SENT, overdue_flagged_at__isnull=False),
        is_logged=False,
    )
