"""Demo volunteers at every screening stage, opportunities with shifts, sign-ups and hours."""

import secrets
from datetime import time, timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress

from django.core.files.base import ContentFile
from django.utils import timezone

from portal.accounts.models import Role, User
from portal.demo import HOME_COUNTY, DemoContext, register
from portal.identity import (
    encrypt_identity_number,
    identity_check_character,
    identity_lookup_hash,
    mask_identity_number,
)
from portal.organizations.models import Jurisdiction, ProviderSectionPage
from volunteers.models import (
    DocumentKind,
    HoursEntry,
    HoursStatus,
    ScreeningDocument,
    ScreeningStatus,
    ScreeningStep,
    Shift,
    SignUp,
    SignUpStatus,
    VolunteerOpportunityPage,
    VolunteerProfile,
)

S = ScreeningStatus
PIPELINE = [S.APPLIED, S.DOCUMENTS_CHECKED, S.TRAINING_COMPLETED, S.APPROVED, S.ACTIVE]
DEMO_PDF = b"%PDF-1.4\n% demo screening document\n"

# e-mail, family name, given name, status, skills, interests, birth date
DEMO_VOLUNTEERS = [
    (
        "volunteer@demo.cn",
        "孙",
        "志愿",
        S.ACTIVE,
        ["social_worker"],
        ["mentoring", "public_welfare"],
        "19850412",
    ),
    (
        "lawyer.volunteer@demo.cn",
        "郭",
        "律安",
        S.ACTIVE,
        ["lawyer"],
        ["legal_aid", "mentoring"],
        "19790823",
    ),
    (
        "counselor.volunteer@demo.cn",
        "何",
        "心语",
        S.APPROVED,
        ["psychological_counselor"],
        ["psychological_support"],
        "19900106",
    ),
    (
        "teacher.volunteer@demo.cn",
        "马",
        "育才",
        S.TRAINING_COMPLETED,
        ["teacher"],
        ["tutoring"],
        "19720930",
    ),
    (
        "student.volunteer@demo.cn",
        "高",
        "晓雨",
        S.DOCUMENTS_CHECKED,
        [],
        ["public_welfare"],
        "20010515",
    ),
    (
        "new.volunteer@demo.cn",
        "罗",
        "新",
        S.APPLIED,
        ["other"],
        ["public_welfare", "tutoring"],
        "19950221",
    ),
    (
        "paused.volunteer@demo.cn",
        "宋",
        "暂停",
        S.SUSPENDED,
        ["social_worker"],
        ["mentoring"],
        "19880708",
    ),
    ("retired.volunteer@demo.cn", "韩", "荣退", S.RETIRED, ["teacher"], ["tutoring"], "19580311"),
]

# slug, title, interest, summary, owner ("agency" or "organization"),
# shifts (day offset, start hour, end hour, seats)
DEMO_OPPORTUNITIES = [
    (
        "volunteer-law-week",
        "法治宣传周普法志愿服务",
        "legal_aid",
        "在社区广场为居民和社区矫正对象解答法律问题。",
        "agency",
        [(-5, 9, 12, 3), (6, 9, 12, 2), (6, 14, 17, 2)],
    ),
    (
        "volunteer-elderly-home",
        "敬老院公益服务日",
        "public_welfare",
        "陪伴老人、整理院舍，与社区矫正对象一同参加公益劳动。",
        "agency",
        [(-12, 8, 11, 4), (9, 8, 11, 1)],
    ),
    (
        "volunteer-study-club",
        "青少年周末学习辅导",
        "tutoring",
        "为社区矫正对象子女和青少年提供周末功课辅导。",
        "organization",
        [(4, 14, 16, 2), (11, 14, 16, 2)],
    ),
]


@register(order=200, name="volunteers: volunteers at every screening stage")
def seed_volunteers(ctx: DemoContext) -> None:
    agency = ctx.shared["agencies"][HOME_COUNTY]
    manager = ctx.shared["users"]["agency_manager"]
    password = ctx.shared.get("password") or secrets.token_urlsafe(24)
    profiles = [
        _demo_volunteer(row, agency, manager, password, serial)
        for serial, row in enumerate(DEMO_VOLUNTEERS)
    ]
    ctx.shared["volunteers"] = profiles
    ctx.write(
        f"  {len(profiles)} volunteers, from applied to retired (e-mails *.volunteer@demo.cn)"
    )


def _demo_volunteer(
    row: tuple, agency, manager: User, password: str, serial: int
) -> VolunteerProfile:
    email, last_name, first_name, status, skills, interests, born = row
    user, _created = User.objects.update_or_create(
        email=email,
        defaults={"role": Role.VOLUNTEER, "last_name": last_name, "first_name": first_name},
    )
    if _created:
        user.set_password(password)
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    body = f"410422{born}{serial + 11:03d}"
    number = body + identity_check_character(body)
    profile, _created = VolunteerProfile.objects.update_or_create(
        user=user,
        defaults={
            "real_name": f"{last_name}{first_name}",
            "phone": f"1390375{serial:04d}",
            "agency": agency,
            "identity_number_encrypted": encrypt_identity_number(number),
            "identity_number_masked": mask_identity_number(number),
            "identity_number_hash": identity_lookup_hash(number),
            "skills": skills,
            "interests": interests,
            "languages": ["zh", "zh-henan"],
            "availability": ["sat-am", "sat-pm", "wed-eve"],
            "status": status,
            "motivation": "希望用自己的专业帮助社区矫正对象重新融入社会。",
        },
    )
    # 平顶山市叶县, its neighbour 舞钢市 and 鲁山县 (the demo's two agencies in 平顶山).
    profile.jurisdictions.set(Jurisdiction.objects.filter(code__in=["410422", "410481", "410423"]))
    _demo_screening(profile, manager)
    return profile


def _demo_screening(profile: VolunteerProfile, manager: User) -> None:
    # An applicant has sent only their identity document, so the screen shows what is missing.
    kinds = [DocumentKind.IDENTITY] if profile.status == S.APPLIED else list(DocumentKind)
    for kind in kinds:
        if not profile.documents.filter(kind=kind).exists():
            document = ScreeningDocument(
                volunteer=profile,
                kind=kind,
                original_name=f"{kind.value}.pdf",
                content_type="application/pdf",
                size=len(DEMO_PDF),
            )
            document.file.save(f"{kind.value}.pdf", ContentFile(DEMO_PDF), save=True)
    reached = (
        PIPELINE
        if profile.status in (S.SUSPENDED, S.RETIRED)
        else PIPELINE[: PIPELINE.index(profile.status) + 1]
    )
    steps = [*zip(reached, reached[1:], strict=False)]
    if profile.status in (S.SUSPENDED, S.RETIRED):
        steps.append((S.ACTIVE, profile.status))
    for from_status, to_status in steps:
        ScreeningStep.objects.get_or_create(
            volunteer=profile,
            from_status=from_status,
            to_status=to_status,
            defaults={"reason": REASONS[to_status], "actor": manager},
        )


DEMO_BODY = (
    "<p>志愿者由社区矫正机构统一培训、统一调配，服务时接受协调人指导。</p>"
    "<p>服务结束后请在平台登记服务时长，经协调人审核后计入年度志愿服务证明。</p>"
)

REASONS = {
    S.DOCUMENTS_CHECKED: "身份证与无犯罪记录证明核验无误。",
    S.TRAINING_COMPLETED: "已参加社区矫正志愿者岗前培训（8学时）。",
    S.APPROVED: "培训考核合格，同意录用。",
    S.ACTIVE: "已参加首次服务，转为在岗志愿者。",
    S.SUSPENDED: "服务对象投诉待核查，暂停服务。",
    S.RETIRED: "本人因工作调动申请退出。",
}


@register(order=210, name="volunteers: opportunities, shifts, sign-ups and hours")
def seed_opportunities(ctx: DemoContext) -> None:
    agency_section = ctx.shared["agency_sections"][HOME_COUNTY]
    organizations = ctx.shared.get("social_organizations") or []
    organization_section = (
        ctx.shared["sections"][organizations[0].pk] if organizations else agency_section
    )
    shifts = []
    for slug, title, interest, summary, owner, plan in DEMO_OPPORTUNITIES:
        section = agency_section if owner == "agency" else organization_section
        opportunity = _demo_opportunity(section, slug, title, interest, summary)
        shifts += [_demo_shift(opportunity, order, *row) for order, row in enumerate(plan)]
    _demo_signups_and_hours(shifts, ctx.shared["volunteers"])
    ctx.write(f"  {len(DEMO_OPPORTUNITIES)} opportunities, {len(shifts)} shifts, sign-ups, hours")


def _demo_opportunity(
    section: ProviderSectionPage, slug: str, title: str, interest: str, summary: str
) -> VolunteerOpportunityPage:
    existing = VolunteerOpportunityPage.objects.child_of(section).filter(slug=slug).first()
    if existing is not None:
        return existing
    opportunity = VolunteerOpportunityPage(
        title=title,
        slug=slug,
        interest=interest,
        summary=summary,
        live=False,
        jurisdiction=Jurisdiction.objects.get(code=HOME_COUNTY),
        address="平顶山市叶县昆阳街道社区服务中心",
        body=DEMO_BODY,
        requirements="已通过审核的志愿者；请提前十分钟到场签到。",
        contact="李老师 0375-67890123",
    )
    section.add_child(instance=opportunity)
    opportunity.save_revision().publish()
    opportunity.refresh_from_db()
    return opportunity


def _demo_shift(
    opportunity: VolunteerOpportunityPage, order: int, offset: int, start: int, end: int, seats: int
) -> Shift:
    shift, _created = Shift.objects.update_or_create(
        opportunity=opportunity,
        sort_order=order,
        defaults={
            "date": timezone.localdate() + timedelta(days=offset),
            "start_time": time(start),
            "end_time": time(end),
            "place": opportunity.address,
            "seats": seats,
        },
    )
    return shift


def _demo_signups_and_hours(shifts: list[Shift], volunteers: list[VolunteerProfile]) -> None:
    serving = [v for v in volunteers if v.is_serving]
    for shift in shifts:
        for position, volunteer in enumerate(serving[: shift.seats + 1]):
            status = SignUpStatus.CONFIRMED if position < shift.seats else SignUpStatus.WAITLISTED
            SignUp.objects.get_or_create(
                shift=shift, volunteer=volunteer, defaults={"status": status}
            )
    past = [shift for shift in shifts if shift.date < timezone.localdate()]
    for shift, volunteer in [(s, v) for s in past for v in serving[: s.seats]]:
        approved = volunteer.status == S.ACTIVE
        HoursEntry.objects.update_or_create(
            volunteer=volunteer,
            date=shift.date,
            start_time=shift.start_time,
            defaults={
                "shift": shift,
                "opportunity": shift.opportunity,
                "activity": shift.opportunity.title,
                "end_time": shift.end_time,
                "hours": Decimal(shift.end_time.hour - shift.start_time.hour),
                "status": HoursStatus.APPROVED if approved else HoursStatus.PENDING,
            },
        )
