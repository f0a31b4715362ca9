"""Whether one offer document is still open to one person, with the reasons it is not.

Used when a referral is sent, so that a referral never goes to an offer the matching engine
would no longer return for the person (ineligible, expired or full).
"""

from datetime import date

from django.utils.translation import gettext_lazy as _

from matching.types import OfferDocument, PersonProfile


def _date_problems(document: OfferDocument, on: date) -> list[str]:
    problems = []
    if document.valid_from and document.valid_from > on:
        problems.append(_("The offer has not started yet."))
    if document.valid_until and document.valid_until < on:
        problems.append(_("The offer has expired."))
    return problems


def _age_problems(document: OfferDocument, person: PersonProfile) -> list[str]:
    age = person.age
    if age is not None and (
        (document.min_age is not None and age < document.min_age)
        or (document.max_age is not None and age > document.max_age)
    ):
        return [_("The person's age is outside the offer's age range.")]
    juvenile = person.is_juvenile or (age is not None and age < 18)
    if juvenile and not document.accepts_juveniles:
        return [_("The offer does not accept juveniles.")]
    if not juvenile and not document.accepts_adults:
        return [_("The offer accepts juveniles only.")]
    return []


def _group_problems(document: OfferDocument, person: PersonProfile) -> list[str]:
    problems = []
    if document.genders and person.gender not in document.genders:
        problems.append(_("The offer is not open to the person's gender."))
    if document.correction_types and person.correction_type not in document.correction_types:
        problems.append(_("The offer is not open to the person's correction type."))
    if document.supervision_levels and person.supervision_level not in document.supervision_levels:
        problems.append(_("The offer is not open to the person's supervision level."))
    return problems


def eligibility_problems(
    *, document: OfferDocument, person: PersonProfile, on: date, seats_left: int | None
) -> list[str]:
    """Every reason the person cannot be referred to the offer today (empty: eligible)."""
    problems = _date_problems(document, on)
    problems += _age_problems(document, person)
    problems += _group_problems(document, person)
    if seats_left is not None and seats_left <= 0:
        problems.append(_("This offer has no seats left."))
    return problems
