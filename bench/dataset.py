"""A synthetic provincial-scale marketplace over Henan's real divisions, reproducible by seed."""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from matching.eligibility import CorrectionType, OfferKind, SupervisionLevel
from matching.selectors import offer_key
from matching.types import Need, OfferDocument, PersonProfile
from portal.organizations.models import (
    Jurisdiction,
    JurisdictionLevel,
    Organization,
    OrganizationKind,
    VerificationStatus,
)
from portal.organizations.validators import credit_code_check_character

CATEGORIES = [
    ("psychological-counseling", "心理咨询", "心理疏导 情绪管理 团体辅导 counseling"),
    ("vocational-skills-training", "职业技能培训", "电工 焊工 厨师 家政 培训 training"),
    ("employment-guidance", "就业指导", "求职 简历 面试 岗位 推荐 jobs"),
    ("legal-education", "法治教育", "法律 讲座 普法 法治 law"),
    ("family-relationship-repair", "家庭关系修复", "家庭 亲子 婚姻 调解 family"),
    ("social-relationship-improvement", "社会关系改善", "社区 融入 交往 互助"),
    ("public-welfare-activity", "公益活动", "公益 志愿 服务 社区 清洁"),
    ("education-support", "教育帮扶", "学业 辅导 继续教育 学历"),
    ("temporary-assistance-housing", "临时救助与住房", "救助 住房 过渡 安置"),
    ("health-addiction", "健康与戒瘾", "戒毒 戒酒 健康 康复 体检"),
    ("entrepreneurship-support", "创业扶持", "创业 小额贷款 孵化 指导"),
]
KIND_MIX = [
    (OfferKind.SERVICE, 0.6),
    (OfferKind.JOB, 0.25),
    (OfferKind.ENTREPRENEURSHIP, 0.05),
    (OfferKind.VOLUNTEER_OPPORTUNITY, 0.1),
]
TODAY = date(2026, 11, 26)


@dataclass
class Place:
    """A division and its centre."""

    code: str
    county: str
    latitude: float
    longitude: float


def places() -> tuple[list[Place], list[Place]]:
    """Henan's counties and townships with their centres."""
    rows = Jurisdiction.objects.filter(
        level__in=[JurisdictionLevel.COUNTY, JurisdictionLevel.ZONE, JurisdictionLevel.TOWNSHIP]
    ).values_list("code", "level", "latitude", "longitude")
    counties, townships = [], []
    for code, level, lat, lon in rows:
        place = Place(code, code[:6], float(lat), float(lon))
        (townships if level == JurisdictionLevel.TOWNSHIP else counties).append(place)
    return counties, townships


def seed_organizations(rng: random.Random, counties: list[Place], count: int) -> list[dict]:
    """Verified providers spread over the counties (bulk-created; no signals)."""
    organizations = []
    for serial in range(1, count + 1):
        county = rng.choice(counties)
        body = f"51{county.code}{serial:09d}"[:17]
        organizations.append(
            Organization(
                name=f"{county.code}阳光社会工作服务中心{serial:05d}",
                kind=OrganizationKind.SOCIAL_ORGANIZATION
                if serial % 4
                else OrganizationKind.EMPLOYER,
                credit_code=body + credit_code_check_character(body),
                legal_representative="李明",
                jurisdiction_id=_jurisdiction_ids()[county.code],
                address=f"{county.code}建设路{serial}号",
                phone="0371-12345678",
                status=VerificationStatus.VERIFIED,
            )
        )
    Organization.objects.bulk_create(organizations, batch_size=1000)
    return [
        {"id": row[0], "name": row[1], "county": row[2]}
        for row in Organization.objects.values_list("id", "name", "jurisdiction__code")
    ]


_ids: dict[str, int] = {}


def _jurisdiction_ids() -> dict[str, int]:
    if not _ids:
        _ids.update(Jurisdiction.objects.values_list("code", "id"))
    return _ids


def _eligibility(rng: random.Random) -> dict:
    restrictions: dict = {}
    if rng.random() < 0.1:
        restrictions["genders"] = (rng.choice(["male", "female"]),)
    if rng.random() < 0.25:
        restrictions["min_age"] = rng.choice([18, 20, 25])
        restrictions["max_age"] = rng.choice([35, 45, 55, 60])
    if rng.random() < 0.05:
        restrictions.update(accepts_juveniles=True, accepts_adults=rng.random() < 0.5)
    if rng.random() < 0.15:
        restrictions["correction_types"] = tuple(rng.sample(CorrectionType.values, 2))
    if rng.random() < 0.1:
        restrictions["supervision_levels"] = tuple(rng.sample(SupervisionLevel.values, 2))
    return restrictions


def _validity(rng: random.Random) -> dict:
    start = TODAY - timedelta(days=rng.randint(0, 300))
    end = start + timedelta(days=rng.randint(30, 500))
    return {"valid_from": start, "valid_until": end}


def offer_document(rng, serial: int, kind: str, organization: dict, place: Place) -> OfferDocument:
    """One synthetic offer near `place`."""
    categories = rng.sample(CATEGORIES, rng.choice([1, 1, 2, 3]))
    words = " ".join(category[2] for category in categories)
    title = f"{place.county}{categories[0][1]}项目{serial}"
    area = ()
    if rng.random() < 0.4:
        area = (place.county,) if rng.random() < 0.7 else (place.county[:4] + "00",)
    return OfferDocument(
        key=offer_key(kind, serial),
        kind=kind,
        source_id=serial,
        title=title,
        text=f"{organization['name']}为社区矫正对象提供{categories[0][1]}服务：{words}。",
        url=f"/offers/{kind}/{serial}/",
        provider_name=organization["name"],
        organization_id=organization["id"],
        categories=tuple(category[0] for category in categories),
        jurisdiction_code=place.code,
        latitude=place.latitude + rng.uniform(-0.02, 0.02),
        longitude=place.longitude + rng.uniform(-0.02, 0.02),
        service_area_codes=area,
        seats_left=None if rng.random() < 0.3 else rng.choice([0, 1, 2, 5, 10, 20]),
        funded_by_contract=rng.random() < 0.3,
        languages=("zh",),
        **_eligibility(rng),
        **_validity(rng),
    )


def offer_documents(rng, organizations, places_, offers: int, volunteers: int) -> list:
    """`offers` open offers of every kind, and `volunteers` mentors, as documents."""
    kinds, weights = zip(*KIND_MIX, strict=True)
    documents = []
    for serial in range(1, offers + 1):
        kind = rng.choices(kinds, weights)[0]
        documents.append(
            offer_document(rng, serial, kind, rng.choice(organizations), rng.choice(places_))
        )
    for serial in range(offers + 1, offers + volunteers + 1):
        mentor = offer_document(
            rng, serial, OfferKind.MENTOR, rng.choice(organizations), rng.choice(places_)
        )
        documents.append(mentor)
    return documents


def person_profile(rng: random.Random, township: Place) -> PersonProfile:
    """One synthetic supervised person living in a township."""
    juvenile = rng.random() < 0.03
    needs = rng.sample(CATEGORIES, rng.choice([0, 1, 2, 2, 3, 4]))
    return PersonProfile(
        gender="male" if rng.random() < 0.85 else "female",
        age=rng.randint(14, 17) if juvenile else rng.randint(18, 70),
        is_juvenile=juvenile,
        correction_type=rng.choices(CorrectionType.values, [5, 80, 10, 5])[0],
        supervision_level=rng.choice(SupervisionLevel.values),
        jurisdiction_code=township.code,
        latitude=township.latitude,
        longitude=township.longitude,
        needs=tuple(Need(category[0], rng.randint(1, 5)) for category in needs),
    )
