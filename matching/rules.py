"""The one eligibility rule: whether one offer document is open to one person on one day.

It says in Python exactly what both search backends' filters say in SQL and in the
Elasticsearch query (the contract tests run every case through the search and through this
predicate), so that a referral is never sent to an offer the engine would not return.
"""

from datetime import date

from django.utils.translation import gettext_lazy as _

from matching.ranking import area_prefixes, normalize_area_code
from matching.types import OfferDocument, PersonProfile


def _any_or(accepted: tuple[str, ...], value: str) -> bool:
    """An empty list accepts anyone; otherwise the person's (known) value must be listed."""
    return not accepted or value in accepted


def _age_open(document: OfferDocument, person: PersonProfile) -> bool:
    if person.age is None:
        return document.min_age is None and document.max_age is None
    return (document.min_age is None or document.min_age <= person.age) and (
        document.max_age is None or document.max_age >= person.age
    )


def _area_open(document: OfferDocument, person: PersonProfile) -> bool:
    areas = {normalize_area_code(code) for code in document.service_area_codes if code}
    return not areas or bool(areas & set(area_prefixes(person.jurisdiction_code)))


def _group_problems(document: OfferDocument, person: PersonProfile) -> list[str]:
    problems = []
    if not _any_or(document.genders, person.gender):
        problems.append(_("The offer is not open to the person's gender."))
    if not _age_open(document, person):
        problems.append(_("The person's age is outside the offer's age range."))
    if person.is_juvenile and not document.accepts_juveniles:
        problems.append(_("The offer does not accept juveniles."))
    if not person.is_juvenile and not document.accepts_adults:
        problems.append(_("The offer accepts juveniles only."))
    if not _any_or(document.correction_types, person.correction_type):
        problems.append(_("The offer is not open to the person's correction type."))
    if not _any_or(document.supervision_levels, person.supervision_level):
        problems.append(_("The offer is not open to the person's supervision level."))
    if not _area_open(document, person):
        problems.append(_("The person lives outside the offer's service area."))
    return problems


def _availability_problems(document: OfferDocument, on: date) -> list[str]:
    problems = []
    if document.valid_from and document.valid_from > on:
        problems.append(_("The offer has not started yet."))
    if document.valid_until and document.valid_until < on:
        problems.append(_("The offer has expired."))
    if document.seats_left is not None and document.seats_left <= 0:
        problems.append(_("This offer has no seats left."))
    return problems


def eligibility_problems(*, document: OfferDocument, person: PersonProfile, on: date) -> list[str]:
    """Every reason the engine would not return the offer for the person today (empty: open)."""
    return _group_problems(document, person) + _availability_problems(document, on)
