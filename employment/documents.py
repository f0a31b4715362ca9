"""How job offers and entrepreneurship support become offer documents for matching."""

from django.utils.html import strip_tags

from employment.models import EntrepreneurshipSupportPage, JobOfferPage, ProviderOfferPage
from employment.services import application_open
from employment.vocabulary import SupportType, WorkingHours
from matching.eligibility import OfferKind
from matching.registry import OfferSource, register
from matching.schedules import term
from matching.selectors import offer_key, seats_left
from matching.types import OfferDocument

EMPLOYMENT_CATEGORY = "employment-guidance"
TRAINING_CATEGORY = "vocational-skills-training"
ENTREPRENEURSHIP_CATEGORY = "entrepreneurship-support"


def _common(page: ProviderOfferPage, kind: str) -> dict:
    key = offer_key(kind, page.pk)
    return {
        "key": key,
        "kind": kind,
        "source_id": page.pk,
        "title": page.title,
        "url": page.url or "",
        "provider_name": page.provider_name,
        "organization_id": page.organization_id,
        "jurisdiction_code": page.jurisdiction.code,
        "latitude": float(page.latitude) if page.latitude is not None else None,
        "longitude": float(page.longitude) if page.longitude is not None else None,
        "correction_types": tuple(page.accepted_correction_types),
        "valid_from": page.valid_from,
        "valid_until": page.valid_until,
        "seats_left": seats_left(offer_key=key),
        "languages": ("zh",),
    }


def _text(*parts: str) -> str:
    return "\n".join(strip_tags(part) for part in parts if part)


def job_offer_document(page: JobOfferPage) -> OfferDocument | None:
    """A live job offer as an offer document (None while it is not live)."""
    if not page.live:
        return None
    categories = [EMPLOYMENT_CATEGORY] + ([TRAINING_CATEGORY] if page.training_provided else [])
    return OfferDocument(
        **_common(page, OfferKind.JOB.value),
        text=_text(
            page.title,
            page.get_category_display(),
            page.description,
            page.requirements,
            page.skills,
            page.training_provided,
            page.hours_description,
            page.address,
            page.provider_name,
        ),
        categories=tuple(categories),
        schedule=term(WorkingHours(page.working_hours).label),
        min_age=page.min_age,
        max_age=page.max_age,
        accepts_juveniles=page.min_age is not None and page.min_age < 18,
    )


def entrepreneurship_document(page: EntrepreneurshipSupportPage) -> OfferDocument | None:
    """Live entrepreneurship support as an offer document (None while it is not live)."""
    if not page.live:
        return None
    categories = [ENTREPRENEURSHIP_CATEGORY]
    if SupportType.TRAINING in page.support_types:
        categories.append(TRAINING_CATEGORY)
    kinds = [str(SupportType(value).label) for value in page.support_types]
    return OfferDocument(
        **_common(page, OfferKind.ENTREPRENEURSHIP.value),
        text=_text(
            page.title,
            " ".join(kinds),
            page.description,
            page.training_description,
            page.how_to_apply,
            page.provider_name,
        ),
        categories=tuple(categories),
    )


register(
    OfferSource(
        kind=OfferKind.JOB.value,
        model=JobOfferPage,
        queryset=lambda: JobOfferPage.objects.live().select_related(
            "organization", "agency", "jurisdiction"
        ),
        to_document=job_offer_document,
        referral_sent=application_open,
        things_to_bring=lambda page: page.things,
    )
)
register(
    OfferSource(
        kind=OfferKind.ENTREPRENEURSHIP.value,
        model=EntrepreneurshipSupportPage,
        queryset=lambda: EntrepreneurshipSupportPage.objects.live().select_related(
            "organization", "agency", "jurisdiction"
        ),
        to_document=entrepreneurship_document,
        things_to_bring=lambda page: page.things,
    )
)
