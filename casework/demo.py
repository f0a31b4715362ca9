"""Casework demo: a few hundred supervised persons across the demo agencies, with needs, plans
and referrals in every state to the offers the matching index holds."""

import random
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from casework.models import (
    AssessedNeed,
    CorrectionPlan,
    NeedsAssessment,
    PersonStatus,
    PlanGoal,
    SupervisedPerson,
)
from casework.selectors import person_profile
from casework.services import referral_create, referral_send
from matching import selectors as matching_selectors
from matching.eligibility import CorrectionType, SupervisionLevel
from matching.exceptions import SearchUnavailable
from matching.models import TRANSITIONS, Category, OutcomeResult, Referral, ReferralState
from matching.services import Completion, index_rebuild, referral_transition
from matching.types import MatchQuery
from portal.accounts.models import Role, User
from portal.demo import DemoContext, register
from portal.identity import (
    encrypt_identity_number,
    identity_check_character,
    identity_lookup_hash,
    mask_identity_number,
)
from portal.organizations.models import CorrectionsAgency, Membership

PERSONS_PER_OFFICE = 18
FAMILY_NAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"  # noqa: E501
GIVEN_NAMES = [
    "建国", "志强", "伟", "磊", "军", "勇", "杰", "涛", "明", "超", "秀英", "丽", "敏", "静",
    "海燕", "桂兰", "红梅", "鹏", "浩然", "子豪", "宇航", "晓东", "国庆", "卫东", "春生",
]  # fmt: skip
OFFENSES = [
    "盗窃罪", "诈骗罪", "危险驾驶罪", "交通肇事罪", "故意伤害罪", "寻衅滋事罪", "开设赌场罪",
    "非法吸收公众存款罪", "掩饰、隐瞒犯罪所得罪", "帮助信息网络犯罪活动罪",
]  # fmt: skip
GOALS = [
    ("按时报到，遵守监管规定", "每月到司法所报到，参加集中教育"),
    ("稳定就业", "参加职业技能培训并推荐就业岗位"),
    ("修复家庭关系", "参加家庭关系辅导，每月家访一次"),
    ("改善心理状态", "参加心理咨询与团体辅导"),
    ("参加公益活动", "每月参加不少于八小时公益活动"),
]
STATE_PATHS = {
    ReferralState.DRAFT: [],
    ReferralState.SENT: ["send"],
    ReferralState.ACCEPTED: ["send", "accept"],
    ReferralState.DECLINED: ["send", "decline"],
    ReferralState.IN_PROGRESS: ["send", "accept", "start"],
    ReferralState.COMPLETED: ["send", "accept", "start", "complete"],
    ReferralState.NO_SHOW: ["send", "accept", "no_show"],
    ReferralState.WITHDRAWN: ["send", "withdraw"],
    ReferralState.CLOSED: ["send", "accept", "start", "complete", "close"],
}
NOTES = {
    "decline": "本期名额已安排满，建议下期报名。",
    "complete": "已完成全部服务课时，表现积极。",
    "withdraw": "对象工作时间变动，暂不参加。",
}


def demo_identity_number(division: str, born: date, serial: int, gender: str) -> str:
    """A valid identity number: division, birth date, a serial whose parity gives the gender."""
    sequence = (serial % 499) * 2 + (1 if gender == "male" else 0)
    body = f"{division}{born:%Y%m%d}{sequence:03d}"
    return body + identity_check_character(body)


def _person_values(rng: random.Random, office, serial: int) -> tuple[str, dict]:
    juvenile = rng.random() < 0.06
    born = (
        date(2008, 1, 1) + timedelta(days=rng.randrange(500))
        if juvenile
        else date(1960, 1, 1) + timedelta(days=rng.randrange(15000))
    )
    gender = "female" if rng.random() < 0.18 else "male"
    start = date(2024, 1, 1) + timedelta(days=rng.randrange(700))
    end = start + timedelta(days=rng.randrange(180, 1500))
    status = rng.choices(list(PersonStatus.values), weights=[90, 0, 4, 6])[0]
    if end < date.today():
        status = PersonStatus.ENDED
    number = demo_identity_number(office.agency.jurisdiction.code, born, serial, gender)
    values = {
        "family_name": rng.choice(FAMILY_NAMES),
        "given_name": rng.choice(GIVEN_NAMES),
        "gender": gender,
        "birth_date": born,
        "is_juvenile": juvenile,
        "phone": f"1{rng.choice('3589')}{rng.randrange(10**9):09d}",
        "offense": rng.choice(OFFENSES),
        "correction_type": rng.choices(CorrectionType.values, weights=[5, 80, 10, 5])[0],
        "start_date": start,
        "end_date": end,
        "agency": office.agency,
        "judicial_office": office,
        "supervision_level": rng.choices(SupervisionLevel.values, weights=[15, 60, 25])[0],
        "status": status,
        "identity_number_encrypted": encrypt_identity_number(number),
        "identity_number_masked": mask_identity_number(number),
    }
    return identity_lookup_hash(number), values


def _office_caseworkers(office) -> list[User]:
    return list(User.objects.filter(role=Role.CASEWORKER, staff_assignment__judicial_office=office))


def _seed_records(rng: random.Random, person: SupervisedPerson, categories: list[Category]):
    chosen = rng.sample(categories, k=rng.randint(1, 3))
    versions = 2 if rng.random() < 0.3 else 1
    for version in range(1, versions + 1):
        assessment, created = NeedsAssessment.objects.get_or_create(
            person=person,
            version=version,
            defaults={
                "assessed_at": person.start_date + timedelta(days=15 + 90 * (version - 1)),
                "summary": "入矫评估：家庭支持一般，就业意愿较强。",
            },
        )
        if created:
            for category in chosen[: version + 1]:
                AssessedNeed.objects.create(
                    assessment=assessment,
                    category=category,
                    priority=rng.randint(2, 5),
                    notes="机密：仅限矫正工作人员查阅。",
                )
    plan, created = CorrectionPlan.objects.get_or_create(
        person=person,
        version=1,
        defaults={"valid_from": person.start_date, "summary": "个别化矫正方案（第一版）"},
    )
    if created:
        for months, (goal, measures) in enumerate(rng.sample(GOALS, k=2), start=3):
            PlanGoal.objects.create(
                plan=plan,
                description=goal,
                measures=measures,
                review_on=person.start_date + timedelta(days=30 * months),
            )


@register(order=300, name="casework: supervised persons, needs and plans")
def seed_persons(ctx: DemoContext) -> None:
    categories = list(
        Category.objects.filter(is_active=True).exclude(slug="entrepreneurship-support")
    )
    agencies = CorrectionsAgency.objects.prefetch_related("judicial_offices__agency__jurisdiction")
    serial, total = 0, 0
    for agency in agencies:
        for office in agency.judicial_offices.all():
            caseworkers = _office_caseworkers(office)
            for _n in range(PERSONS_PER_OFFICE):
                serial += 1
                rng = random.Random(serial)  # nosec B311
                lookup, values = _person_values(rng, office, serial)
                person, _created = SupervisedPerson.objects.update_or_create(
                    identity_lookup_hash=lookup, defaults=values
                )
                if caseworkers and (not person.is_juvenile or serial % 2):
                    person.caseworkers.set(caseworkers)
                _seed_records(rng, person, categories)
                total += 1
    sealed = SupervisedPerson.objects.filter(is_juvenile=True).count()
    ctx.write(f"  {total} supervised persons ({sealed} sealed juvenile records)")


def _provider_user(referral: Referral) -> User | None:
    if referral.owner_user_id:
        return referral.owner_user
    membership = Membership.objects.filter(organization_id=referral.organization_id).first()
    return membership.user if membership else None


def _walk(referral: Referral, path: list[str], caseworker: User | None) -> None:
    provider = _provider_user(referral)
    for name in path:
        side = TRANSITIONS[name].side
        actor = caseworker if side == "caseworker" else provider
        if name == "send":
            referral = referral_send(actor=actor, referral=referral)
            continue
        referral = referral_transition(
            referral=referral,
            action=name,
            side=side,
            actor=actor,
            note=NOTES.get(name, ""),
            completion=Completion(result=OutcomeResult.MET, sessions_attended=6),
        )


def _refer(person: SupervisedPerson, state: str) -> bool:
    query = MatchQuery(person=person_profile(person), limit=3)
    caseworker = (
        person.caseworkers.first()
        or User.objects.filter(staff_assignment__agency=person.agency_id).order_by("pk").first()
    )
    for hit in matching_selectors.offer_search(query=query).hits:
        needs = hit.parts.met_needs or person_profile(person).needs
        category = Category.objects.filter(slug=needs[0].category).first() if needs else None
        if category is None:
            continue
        try:
            referral = referral_create(
                actor=caseworker,
                person=person,
                offer_key=hit.document.key,
                need_category=category,
                shared_fields=["first_name"]
                if state != ReferralState.DRAFT
                else ["first_name", "age"],
                send=False,
            )
            _walk(referral, STATE_PATHS[state], caseworker)
        except ValidationError:
            continue
        return True
    return False


@register(order=310, name="casework: referrals in every state")
def seed_referrals(ctx: DemoContext) -> None:
    index_rebuild()
    persons = SupervisedPerson.objects.filter(status=PersonStatus.UNDER_SUPERVISION).order_by("pk")
    states = list(STATE_PATHS)
    made = 0
    try:
        for number, person in enumerate(persons):
            if person.referrals.exists():
                continue
            made += _refer(person, states[number % len(states)])
    except SearchUnavailable:
        ctx.write("  The matching engine is unreachable: no referrals were made.")
        return
    stale = timezone.now() - timedelta(days=10)
    overdue = Referral.objects.filter(state=ReferralState.SENT).order_by("pk")[:5]
    Referral.objects.filter(pk__in=[r.pk for r in overdue]).update(
        sent_at=stale, overdue_flagged_at=timezone.now()
    )
    ctx.write(f"  {made} new referrals; {Referral.objects.count()} in all")
