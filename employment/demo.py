"""Employment demo: fair-chance jobs of the demo employers, entrepreneurship support, a job fair,
and applications at every stage with their follow-ups.

Applications open when a referral to a job is sent; these are sent through matching with
synthetic person codes (casework's own demo referrals to these jobs open further applications).
"""

from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from employment.models import EntrepreneurshipSupportPage, JobApplication, JobFair, JobOfferPage
from employment.services import application_transition, follow_up_record
from employment.vocabulary import DisclosurePolicy, FollowUpOutcome, SupportType
from matching.eligibility import CorrectionType, OfferKind
from matching.models import Category, Side
from matching.selectors import offer_key
from matching.services import SendFacts, index_offer, referral_open, referral_transition
from matching.types import PersonProfile
from portal.demo import HOME_COUNTY, DemoContext, demo_point, register, township_in
from portal.organizations.models import Organization, ProviderSectionPage

ALL_TYPES = [choice.value for choice in CorrectionType]
# employer, slug, title, category, positions, wage range, hours, housing, meals, offences, text
DEMO_JOBS = [
    (
        "叶县绿源农业科技有限公司",
        "sorting-packing",
        "蔬菜分拣包装工",
        "agriculture",
        6,
        ("3200", "4200"),
        "full_time",
        True,
        True,
        ["traffic", "property", "public_order"],
        "负责新鲜蔬菜的分拣、称重和包装，岗前带教一周，计件另有奖励。",
    ),
    (
        "叶县绿源农业科技有限公司",
        "forklift-driver",
        "仓库叉车司机",
        "logistics",
        2,
        ("4500", "5500"),
        "shifts",
        True,
        True,
        ["traffic", "property"],
        "负责冷库货物的叉车搬运和装车，需持叉车操作证，公司可协助考证。",
    ),
    (
        "鲁山安居物业服务有限公司",
        "cleaner",
        "小区保洁员",
        "property_services",
        4,
        ("2600", "3000"),
        "full_time",
        False,
        True,
        ["traffic", "property", "fraud", "public_order"],
        "负责小区公共区域日常清洁，工作稳定，缴纳五险。",
    ),
    (
        "鲁山安居物业服务有限公司",
        "gardener",
        "绿化养护工",
        "property_services",
        2,
        ("2800", "3300"),
        "part_time",
        False,
        False,
        ["traffic", "property"],
        "负责小区绿植浇灌、修剪和病虫害防治，有园林经验者优先。",
    ),
    (
        "泌阳巧手餐饮管理有限公司",
        "kitchen-helper",
        "后厨帮工",
        "catering",
        3,
        ("3000", "3800"),
        "shifts",
        True,
        True,
        ["traffic", "property", "drugs"],
        "协助厨师备菜、清洗和厨房卫生，表现优秀可转面点学徒。",
    ),
    (
        "舞阳顺达物流有限公司",
        "warehouse-loader",
        "仓储装卸工",
        "logistics",
        5,
        ("4000", "6000"),
        "full_time",
        True,
        False,
        ["traffic", "property", "fraud", "public_order"],
        "负责快递包裹的分拣、装卸和出入库扫描，多劳多得。",
    ),
]
PENDING_JOB = (
    "泌阳巧手餐饮管理有限公司",
    "pastry-apprentice",
    "面点学徒",
    "catering",
    2,
    ("2500", "3500"),
    "full_time",
    True,
    True,
    ["traffic", "property"],
    "跟随面点师傅学习馒头、包子、花卷制作，包教包会，学成后转正。",
)
FIRST_NAMES = [
    "小明",
    "建华",
    "志强",
    "秀英",
    "国庆",
    "海燕",
    "卫东",
    "春梅",
    "红军",
    "丽娟",
    "振宇",
]


def _job_point(county, slug: str) -> tuple[Decimal, Decimal]:
    """A job's point: a township centre of its county (`township_in`), stable per slug."""
    return demo_point(township_in(county, slug), slug)


def _place_near_centre(page: JobOfferPage) -> None:
    """A job of an older demo at its county's centre moves to one of its townships."""
    if page.latitude is not None:
        return
    latitude, longitude = _job_point(page.jurisdiction, page.slug)
    JobOfferPage.objects.filter(pk=page.pk).update(latitude=latitude, longitude=longitude)
    index_offer(key=offer_key(OfferKind.JOB.value, page.pk))


# What every demo job says alike.
JOB_TERMS = {
    "requirements": "身体健康，吃苦耐劳，服从安排。",
    "skills": "无经验可培训上岗",
    "training_provided": "岗前安全培训和师傅带教。",
    "min_age": 18,
    "max_age": 55,
    "accepted_correction_types": ALL_TYPES,
    "disclosure_policy": DisclosurePolicy.AFTER_OFFER,
    "fair_chance_statement": "我们相信每个人都值得第二次机会，入职后与其他员工同工同酬。",
}


def _job(section, row, live: bool = True) -> JobOfferPage:
    _employer, slug, title, category, positions, wages, hours, housing, meals, offences, text = row
    page = JobOfferPage.objects.child_of(section).filter(slug=slug).first()
    if page is not None:
        _place_near_centre(page)
        return page
    today = timezone.localdate()
    latitude, longitude = _job_point(section.organization.jurisdiction, slug)
    page = JobOfferPage(
        title=title,
        slug=slug,
        category=category,
        positions=positions,
        wage_min=Decimal(wages[0]),
        wage_max=Decimal(wages[1]),
        working_hours=hours,
        housing_provided=housing,
        meals_provided=meals,
        description=f"<p>{text}</p>",
        jurisdiction=section.organization.jurisdiction,
        latitude=latitude,
        longitude=longitude,
        address=section.organization.address,
        accepted_offence_categories=offences,
        valid_from=today,
        valid_until=today + timedelta(days=120),
        organization=section.organization,
        live=False,
        **JOB_TERMS,
    )
    section.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
        page.refresh_from_db()
    return page


def _submit_for_approval(page: JobOfferPage, user) -> None:
    workflow = page.get_workflow()
    if workflow is not None and page.current_workflow_state is None:
        workflow.start(page, user)


@register(order=250, name="employment: jobs, support and a job fair")
def seed_jobs(ctx: DemoContext) -> None:
    # Read the sections afresh: earlier seeders may have moved the tree since they were made.
    sections = {
        s.organization_id: s for s in ProviderSectionPage.objects.filter(organization__isnull=False)
    }
    employers = {o.name: o for o in ctx.shared["employers"]}
    jobs = [_job(sections[employers[row[0]].pk], row) for row in DEMO_JOBS]
    pending = _job(sections[employers[PENDING_JOB[0]].pk], PENDING_JOB, live=False)
    _submit_for_approval(pending, ctx.shared["users"]["employer_staff"])
    agency_section = ProviderSectionPage.objects.get(agency__jurisdiction__code=HOME_COUNTY)
    _support(agency_section, "startup-incubator", "叶县创业孵化扶持计划")
    training_school = Organization.objects.filter(
        name="驻马店市泌阳县新起点职业技能培训学校"
    ).first()
    if training_school is not None:
        _support(sections[training_school.pk], "startup-training", "小本创业培训班")
    _fair(list(employers.values()))
    ctx.shared["demo_jobs"] = jobs
    ctx.write(
        f"  {len(jobs)} live job offers, 1 awaiting approval, entrepreneurship support, a fair"
    )


def _support(section, slug: str, title: str) -> None:
    if EntrepreneurshipSupportPage.objects.child_of(section).filter(slug=slug).exists():
        return
    today = timezone.localdate()
    page = EntrepreneurshipSupportPage(
        title=title,
        slug=slug,
        description="<p>为有创业意愿的社区矫正对象提供创业指导、培训和孵化场地，帮助申请创业担保贷款。</p>",
        support_types=[
            SupportType.GUIDANCE,
            SupportType.TRAINING,
            SupportType.SMALL_LOANS,
            SupportType.INCUBATOR,
        ],
        training_description="每月一期SYB创业培训，共10天，免费参加。",
        loan_amount_max=Decimal("200000.00"),
        incubator_places=8,
        how_to_apply="请向您的矫正工作人员提出，由其转介。",
        jurisdiction=(section.organization or section.agency).jurisdiction,
        valid_from=today,
        valid_until=today + timedelta(days=365),
        organization=section.organization,
        agency=section.agency,
        live=False,
    )
    section.add_child(instance=page)
    page.save_revision().publish()


def _fair(employers: list[Organization]) -> None:
    start = (timezone.now() + timedelta(days=14)).replace(hour=9, minute=0, second=0, microsecond=0)
    fair, _created = JobFair.objects.update_or_create(
        slug="spring-breeze-2026",
        defaults={
            "title": "春风行动·社区矫正对象就业援助专场招聘会",
            "starts_at": start,
            "ends_at": start + timedelta(hours=3),
            "jurisdiction": employers[0].jurisdiction,
            "venue": "叶县人力资源市场一楼大厅",
            "description": "现场提供岗位咨询、面试和政策解读，请由矫正工作人员统一组织前往。",
        },
    )
    fair.employers.set(employers)


# stage: how far each demo application goes, and the first working day for hires (days ago)
DEMO_STAGES = [
    ("referred", None),
    ("referred", None),
    ("interview_scheduled", None),
    ("offered", None),
    ("hired", 200),
    ("hired", 120),
    ("hired", 25),
    ("hired", 100),
    ("not_hired", None),
    ("withdrawn", None),
    ("interview_scheduled", None),
]
STEPS = {
    "referred": [],
    "interview_scheduled": ["schedule_interview"],
    "offered": ["schedule_interview", "offer"],
    "hired": ["schedule_interview", "offer", "hire"],
    "not_hired": ["schedule_interview", "reject"],
    "withdrawn": ["withdraw"],
}


@register(order=260, name="employment: applications and follow-ups")
def seed_applications(ctx: DemoContext) -> None:
    """Applications to the jobs of the demo employer user's company (its staff move them)."""
    users = ctx.shared["users"]
    jobs = ctx.shared["demo_jobs"]
    made = 0
    for number, (stage, days_ago) in enumerate(DEMO_STAGES, start=1):
        if JobApplication.objects.filter(referral__person_code=_code(number)).exists():
            continue
        job = jobs[0] if number <= 8 else jobs[1]
        application = _referral(job, number, users["caseworker"])
        if application is None:
            continue
        _advance(application, stage, days_ago, users["employer_staff"])
        made += 1
    ctx.write(f"  {made} new job applications at every stage, with follow-ups")


def _code(number: int) -> str:
    return f"RDEMO{number:04d}"


def _referral(job: JobOfferPage, number: int, caseworker) -> JobApplication | None:
    """Send a referral of a synthetic person to the job; the job's application opens with it."""
    age = 24 + number * 2
    profile = PersonProfile(
        gender="male",
        age=age,
        correction_type=CorrectionType.PROBATION,
        supervision_level="ordinary",
        jurisdiction_code=job.jurisdiction.code,
    )
    try:
        referral = referral_open(
            person_code=_code(number),
            offer_key=offer_key("job", job.pk),
            need_category=Category.objects.get(slug="employment-guidance"),
            shared_fields=["first_name", "age"],
            actor=caseworker,
        )
        referral_transition(
            referral=referral,
            action="send",
            side=Side.CASEWORKER,
            actor=caseworker,
            facts=SendFacts(
                profile=profile, shared_values={"first_name": FIRST_NAMES[number - 1], "age": age}
            ),
        )
    except ValidationError:
        return None
    return JobApplication.objects.filter(referral=referral).first()


def _advance(application: JobApplication, stage: str, days_ago: int | None, staff) -> None:
    today = timezone.localdate()
    details = {
        "interview_at": timezone.now() + timedelta(days=3),
        "interview_place": "公司人事部",
        "hired_on": today - timedelta(days=days_ago or 0),
        "note": {
            "not_hired": "面试后认为暂不适合夜班工作",
            "withdrawn": "本人已找到离家更近的工作",
        }.get(stage, ""),
    }
    for action in STEPS[stage]:
        application_transition(
            application_id=application.pk,
            action=action,
            actor=staff,
            details=details,
        )
    if stage == "hired":
        _follow_up(application, staff, days_ago or 0)


def _follow_up(application: JobApplication, staff, days_ago: int) -> None:
    """Answer the follow-ups that are due; one hire left after three months, one is overdue."""
    for follow_up in application.follow_ups.order_by("months"):
        if follow_up.due_on > timezone.localdate() or (days_ago == 100 and follow_up.months == 3):
            return
        left = days_ago == 120 and follow_up.months == 3
        follow_up_record(
            follow_up_id=follow_up.pk,
            actor=staff,
            outcome=FollowUpOutcome.LEFT if left else FollowUpOutcome.STILL_EMPLOYED,
            left_reason="better_job" if left else "",
            note="电话回访，本人表示工作顺利。" if not left else "本人到外地工作。",
        )
