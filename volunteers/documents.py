"""How volunteer opportunities and mentoring volunteers become offer documents for matching."""

from django.db.models import Model, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Length, Substr
from django.urls import reverse
from django.utils.html import strip_tags

from wagtail.models import Page

from matching.eligibility import OfferKind
from matching.registry import OfferSource, register
from matching.schedules import dated, joined, term
from matching.selectors import offer_key
from matching.types import OfferDocument
from portal.organizations.models import ProviderSectionPage
from volunteers.models import (
    INTEREST_CATEGORIES,
    SERVING_STATUSES,
    DayPart,
    Shift,
    Skill,
    VolunteerOpportunityPage,
    VolunteerProfile,
    Weekday,
)
from volunteers.selectors import opportunity_owner, seats_left, shifts_to_come, upcoming_shifts


def _mentors() -> list[VolunteerProfile]:
    profiles = VolunteerProfile.objects.filter(status__in=SERVING_STATUSES).select_related("agency")
    return [
        profile
        for profile in profiles.prefetch_related("jurisdictions")
        if profile.offers_mentoring
    ]


def _interest_categories(interests: list[str]) -> tuple[str, ...]:
    slugs = [slug for interest in interests for slug in INTEREST_CATEGORIES.get(interest, ())]
    return tuple(dict.fromkeys(slugs))


WEEKDAY_NUMBERS = {day.value: number for number, day in enumerate(Weekday, start=1)}


def availability_schedule(availability: list[str]) -> str:
    """A mentor's weekly availability ("mon-am") as a schedule: weekday and part of the day."""
    parts = dict(DayPart.choices)
    items = []
    for value in availability:
        day, _sep, part = value.partition("-")
        if day in WEEKDAY_NUMBERS and part in parts:
            items.append(f"w{WEEKDAY_NUMBERS[day]}|{term(parts[part])}")
    return joined(*items)


def mentor_document(profile: Model) -> OfferDocument | None:
    """A serving volunteer who offers mentoring, as a mentor offer; None for anyone else."""
    assert isinstance(profile, VolunteerProfile)
    if not profile.offers_mentoring:
        return None
    codes = tuple(j.code for j in profile.jurisdictions.all())
    skills = "、".join(profile.get_skills_display())
    return OfferDocument(
        key=offer_key(OfferKind.MENTOR, profile.pk),
        kind=OfferKind.MENTOR,
        source_id=profile.pk,
        title=profile.real_name,
        text=" ".join(filter(None, [skills, profile.qualifications, profile.motivation])),
        url=reverse("volunteers:mentor_detail", args=[profile.pk]),
        provider_name=profile.agency.name,
        owner_user_id=profile.user_id,
        categories=_interest_categories(profile.interests),
        jurisdiction_code=codes[0] if codes else "",
        service_area_codes=codes,
        accepts_juveniles=Skill.SOCIAL_WORKER in profile.skills,
        schedule=availability_schedule(profile.availability),
        languages=tuple(profile.languages),
    )


def _owner(page: VolunteerOpportunityPage) -> tuple[int | None, str]:
    """The organization id and the title of the section an opportunity is published in: read
    with the page by `_opportunities`, else from the page tree."""
    if hasattr(page, "section_title"):
        return page.section_organization_id, page.section_title or ""
    organization_id, _agency_id = opportunity_owner(page)
    parent = page.get_parent()
    return organization_id, parent.title if parent is not None else ""


def _shifts(page: VolunteerOpportunityPage) -> list[Shift]:
    """The shifts to come with their confirmed count: prefetched by `_opportunities`, else read."""
    prefetched = getattr(page, "shifts_to_come", None)
    return prefetched if prefetched is not None else list(upcoming_shifts(page))


def opportunity_document(page: Model) -> OfferDocument | None:
    """A live volunteer opportunity with shifts to come, as an offer; None otherwise."""
    assert isinstance(page, VolunteerOpportunityPage)
    shifts = _shifts(page)
    if not page.live or not shifts:
        return None
    organization_id, provider_name = _owner(page)
    categories = [c.slug for c in page.categories.all()]
    return OfferDocument(
        key=offer_key(OfferKind.VOLUNTEER_OPPORTUNITY, page.pk),
        kind=OfferKind.VOLUNTEER_OPPORTUNITY,
        source_id=page.pk,
        title=page.title,
        text=f"{page.summary} {strip_tags(page.body)}".strip(),
        url=page.url or "",
        provider_name=provider_name,
        organization_id=organization_id,
        categories=tuple(dict.fromkeys([*categories, *_interest_categories([page.interest])])),
        jurisdiction_code=page.jurisdiction.code,
        latitude=float(page.jurisdiction.latitude),
        longitude=float(page.jurisdiction.longitude),
        schedule=joined(*(dated(s.date, s.start_time, s.end_time, s.place) for s in shifts)),
        valid_until=shifts[-1].date,
        seats_left=sum(seats_left(shift) for shift in shifts),
    )


def _opportunities() -> QuerySet[VolunteerOpportunityPage]:
    """Live opportunities with their section (title, organization), categories and shifts to
    come read in a fixed number of queries, however many there are (the index rebuild)."""
    parent_path = Substr("path", 1, Length("path") - VolunteerOpportunityPage.steplen)
    sections = ProviderSectionPage.objects.filter(path=OuterRef("parent_path"))
    return (
        VolunteerOpportunityPage.objects.live()
        .select_related("jurisdiction")
        .annotate(parent_path=parent_path)
        .annotate(
            section_title=Subquery(
                Page.objects.filter(path=OuterRef("parent_path")).values("title")[:1]
            ),
            section_organization_id=Subquery(sections.values("organization_id")[:1]),
        )
        .prefetch_related(
            "categories", Prefetch("shifts", shifts_to_come(), to_attr="shifts_to_come")
        )
    )


register(
    OfferSource(
        kind=OfferKind.MENTOR,
        model=VolunteerProfile,
        queryset=_mentors,
        to_document=mentor_document,
    )
)
register(
    OfferSource(
        kind=OfferKind.VOLUNTEER_OPPORTUNITY,
        model=VolunteerOpportunityPage,
        queryset=_opportunities,
        to_document=opportunity_document,
        things_to_bring=lambda page: page.things,
    )
)
