"""Demo service offers across Henan, published in the kernel demo's verified organizations."""

from datetime import time, timedelta
from decimal import Decimal

from django.utils import timezone

from matching.models import Category
from matching.selectors import offer_key
from matching.services import index_offer
from portal.accounts.models import User
from portal.demo import DemoContext, demo_point, register, township_in
from portal.organizations.models import (
    Jurisdiction,
    Organization,
    OrganizationKind,
    ProviderSectionPage,
    VerificationStatus,
)
from services_catalog.models import (
    CostKind,
    OfferLocation,
    OfferScheduleSlot,
    ServiceOfferPage,
)
from services_catalog.services import section_moderators_ensure

WEEKDAYS = (1, 2, 3, 4, 5)

# slug, title, categories, summary, description, modes, cost, fee, seats, days, hours, extras
OFFER_TEMPLATES = [
    (
        "counseling",
        "个体心理咨询",
        ["psychological-counseling"],
        "持证心理咨询师一对一咨询，缓解焦虑、抑郁和适应困难。",
        "每次咨询50分钟，一般6至8次为一个疗程。咨询内容严格保密，首次咨询前进行简要评估。",
        ["on_site", "online"],
        CostKind.FREE,
        None,
        12,
        (1, 3, 5),
        (time(9), time(17)),
        {},
    ),
    (
        "group-therapy",
        "情绪管理团体辅导",
        ["psychological-counseling", "social-relationship-improvement"],
        "8至12人小组，每周一次，学习情绪识别与压力应对。",
        "由社工和心理咨询师共同带领，通过角色扮演、放松训练等方式提升情绪管理能力。",
        ["on_site"],
        CostKind.FREE,
        None,
        12,
        (3,),
        (time(14), time(16, 30)),
        {"accepts_juveniles": True, "min_age": 16},
    ),
    (
        "family",
        "家庭关系修复辅导",
        ["family-relationship-repair"],
        "社工入户或在中心开展家庭会谈，修复亲子和夫妻关系。",
        "针对社区矫正对象回归家庭中的沟通障碍、家庭矛盾，提供家庭会谈和亲职教育。",
        ["on_site", "home_visit"],
        CostKind.FREE,
        None,
        8,
        (2, 4, 6),
        (time(9), time(18)),
        {},
    ),
    (
        "legal",
        "法治教育专题讲座",
        ["legal-education"],
        "每月一次的法治教育集中学习，结合案例讲解法律法规。",
        "内容包括《社区矫正法》、劳动法、民法典常用条款和防范电信诈骗等，可计入集中教育学习时长。",
        ["on_site", "online"],
        CostKind.FREE,
        None,
        None,
        (6,),
        (time(9), time(11, 30)),
        {"accepts_juveniles": True},
    ),
    (
        "skills-pastry",
        "中式面点师技能培训",
        ["vocational-skills-training", "employment-guidance"],
        "为期一个月的面点制作培训，考核合格可推荐就业。",
        "学习馒头、包子、花卷等中式面点制作，培训期间提供午餐，结业后推荐到合作餐饮企业。",
        ["on_site"],
        CostKind.FREE,
        None,
        20,
        WEEKDAYS,
        (time(8, 30), time(16, 30)),
        {"min_age": 18, "max_age": 55},
    ),
    (
        "skills-electrician",
        "低压电工作业培训",
        ["vocational-skills-training"],
        "理论与实操结合，协助报考特种作业操作证。",
        "培训约40课时，需具备初中以上文化程度；考试费用按规定自理。",
        ["on_site"],
        CostKind.FEE,
        Decimal("300.00"),
        15,
        (1, 2, 3, 4),
        (time(18, 30), time(21)),
        {"min_age": 18, "max_age": 60, "genders": ["male", "female"]},
    ),
    (
        "employment",
        "就业指导与岗位推荐",
        ["employment-guidance"],
        "简历制作、面试辅导和企业岗位推荐。",
        "与本地爱心企业合作，优先推荐包容性岗位，并在入职后三个月内跟踪回访。",
        ["on_site", "online"],
        CostKind.FREE,
        None,
        30,
        (2, 4),
        (time(9), time(12)),
        {},
    ),
    (
        "welfare",
        "社区公益服务活动",
        ["public-welfare-activity", "social-relationship-improvement"],
        "参与社区环境整治、助老服务等公益活动，重建社会联系。",
        "每次活动约3小时，由社工带队，活动记录可作为社区服务证明。",
        ["on_site"],
        CostKind.FREE,
        None,
        25,
        (6, 7),
        (time(8, 30), time(11, 30)),
        {"supervision_levels": ["ordinary", "lenient"]},
    ),
    (
        "youth-school",
        "未成年人复学帮扶",
        ["education-support", "psychological-counseling"],
        "为未成年社区矫正对象提供学业辅导和复学衔接。",
        "与学校、家庭共同制定个别化帮扶方案，提供课业辅导和心理支持，全程保护未成年人隐私。",
        ["on_site", "home_visit"],
        CostKind.FREE,
        None,
        10,
        (1, 3, 5),
        (time(15), time(18)),
        {"accepts_adults": False, "accepts_juveniles": True, "min_age": 12, "max_age": 17},
    ),
    (
        "relief",
        "临时救助与住宿衔接",
        ["temporary-assistance-housing"],
        "为生活困难的矫正对象链接临时救助、过渡住宿资源。",
        "协助申请临时救助、低保，联系救助站和过渡性住所，提供生活物资应急包。",
        ["on_site", "home_visit"],
        CostKind.FREE,
        None,
        None,
        WEEKDAYS,
        (time(9), time(17)),
        {},
    ),
    (
        "addiction",
        "戒酒戒赌支持小组",
        ["health-addiction", "psychological-counseling"],
        "同伴支持与专业辅导结合，帮助摆脱酒瘾、赌瘾。",
        "每周一次小组分享，配合个体辅导与家属支持，必要时转介专业医疗机构。",
        ["on_site"],
        CostKind.FREE,
        None,
        15,
        (4,),
        (time(19), time(21)),
        {"min_age": 18},
    ),
    (
        "startup",
        "创业培训与小额贷款咨询",
        ["entrepreneurship-support", "employment-guidance"],
        "创业意识培训、项目评估和创业担保贷款政策咨询。",
        "课程包括市场调查、成本核算和经营风险，结业后可协助申请创业担保贷款。",
        ["on_site", "online"],
        CostKind.FREE,
        None,
        20,
        (2,),
        (time(14), time(17)),
        {"min_age": 18, "correction_types": ["probation", "parole"]},
    ),
]

# organization, offer templates (by slug)
ORGANIZATION_OFFERS = {
    "平顶山市叶县心航社会工作服务中心": [
        "counseling",
        "family",
        "welfare",
        "relief",
        "addiction",
        "employment",
    ],
    "平顶山市鲁山县阳光心理咨询服务中心": ["counseling", "group-therapy", "addiction", "family"],
    "平顶山市鲁山县明法法律服务中心": ["legal", "employment", "relief"],
    "驻马店市泌阳县启明社会工作服务中心": ["welfare", "family", "legal", "relief", "counseling"],
    "驻马店市泌阳县新起点职业技能培训学校": ["skills-pastry", "skills-electrician", "startup"],
    "许昌市襄城县同心家庭服务中心": ["family", "group-therapy", "welfare"],
    "南阳市卧龙区向阳社会工作服务中心": ["employment", "welfare", "relief", "startup", "legal"],
    "漯河市舞阳县春晖青少年服务中心": ["youth-school", "group-therapy", "legal"],
}
TEMPLATES = {template[0]: template for template in OFFER_TEMPLATES}
PENDING_ORGANIZATION = "平顶山市叶县心航社会工作服务中心"
PENDING_TEMPLATE = (
    "law-week",
    "“宪法宣传周”普法志愿活动",
    ["legal-education", "public-welfare-activity"],
    "宪法宣传周期间在社区开展普法宣传，矫正对象参与志愿服务。",
    "活动包括普法知识问答、发放宣传资料和社区环境清洁，每人参与不少于4小时。",
    ["on_site"],
    CostKind.FREE,
    None,
    30,
    (6,),
    (time(9), time(12)),
    {},
)
TEMPLATE_ORDER = [*TEMPLATES, PENDING_TEMPLATE[0]]


def _section(organization: Organization) -> ProviderSectionPage | None:
    return ProviderSectionPage.objects.filter(organization=organization).first()


def _offer(template: tuple, organization: Organization) -> ServiceOfferPage:
    slug, title, _categories, summary, description, modes, cost, fee, seats, _d, _h, extras = (
        template
    )
    today = timezone.localdate()
    offer = ServiceOfferPage(
        title=title,
        slug=slug,
        summary=summary,
        description=f"<p>{description}</p>",
        delivery_modes=modes,
        languages=["zh", "zh-henan"],
        cost=cost,
        fee_amount=fee,
        fee_description="含教材费" if fee else "",
        seats=seats,
        waiting_list=seats is not None,
        valid_from=today - timedelta(days=30),
        valid_until=today + timedelta(days=365),
        contact_name=organization.legal_representative,
        contact_phone=organization.phone,
        contact_email=organization.email,
        application_process="由司法所矫正工作人员转介，或本人电话预约。",
        documents_to_bring=["identity_card", "corrections_notice"],
        accessibility="一楼服务大厅，设无障碍通道。",
        live=False,
        **extras,
    )
    return offer


# Postal codes of the city seats (HSDS requires one on every address).
CITY_POSTAL_CODES = {
    "410100": "450000",
    "410200": "475000",
    "410300": "471000",
    "410400": "467000",
    "410500": "455000",
    "410600": "458000",
    "410700": "453000",
    "410800": "454000",
    "410900": "457000",
    "411000": "461000",
    "411100": "462000",
    "411200": "472000",
    "411300": "473000",
    "411400": "476000",
    "411500": "464000",
    "411600": "466000",
    "411700": "463000",
    "419000": "459000",
}


def _children(offer: ServiceOfferPage, template: tuple, organization: Organization) -> None:
    days, hours = template[9], template[10]
    county: Jurisdiction = organization.jurisdiction
    township = township_in(county, TEMPLATE_ORDER.index(template[0]))
    latitude, longitude = demo_point(township, f"{organization.name}/{template[0]}")
    offer.categories = list(Category.objects.filter(slug__in=template[2]))
    offer.service_area = [county]
    offer.locations = [
        OfferLocation(
            name=organization.name.removeprefix(county.parent.name if county.parent else ""),
            address=organization.address,
            postal_code=CITY_POSTAL_CODES.get(county.code[:4] + "00", ""),
            jurisdiction=township,
            latitude=latitude,
            longitude=longitude,
        )
    ]
    offer.schedule = [
        OfferScheduleSlot(weekday=day, opens=hours[0], closes=hours[1]) for day in days
    ]


def _place_at_townships() -> None:
    """Offers of an older demo sit at their county's centre: move them to a township."""
    unplaced = OfferLocation.objects.filter(
        latitude__isnull=True, jurisdiction__level="county", page__slug__in=TEMPLATE_ORDER
    )
    for location in unplaced.select_related("jurisdiction", "page"):
        township = township_in(location.jurisdiction, TEMPLATE_ORDER.index(location.page.slug))
        location.jurisdiction = township
        key = f"{location.page.title}/{location.page.slug}/{location.page_id}"
        location.latitude, location.longitude = demo_point(township, key)
        location.save(update_fields=["jurisdiction", "latitude", "longitude"])
        index_offer(key=offer_key("service", location.page_id))


def _create(
    section: ProviderSectionPage, template: tuple, organization: Organization
) -> ServiceOfferPage | None:
    if ServiceOfferPage.objects.child_of(section).filter(slug=template[0]).exists():
        return None
    offer = _offer(template, organization)
    _children(offer, template, organization)
    for location in offer.locations.all():
        location.full_clean(exclude=["page"])
    offer.full_clean(exclude=["path", "depth", "numchild", "url_path", "draft_title"])
    section.add_child(instance=offer)
    return offer


def _submitted_offer(section: ProviderSectionPage, organization: Organization) -> None:
    """One offer waiting in the agency's workflow, so that approval can be tried at once."""
    submitter = User.objects.filter(memberships__organization=organization).first()
    offer = _create(section, PENDING_TEMPLATE, organization)
    if offer is None or submitter is None:
        return
    offer.save_revision(user=submitter)
    workflow = offer.get_workflow()
    if workflow is not None:
        workflow.start(offer, submitter)


@register(order=120, name="services_catalog: service offers")
def seed_offers(ctx: DemoContext) -> None:
    manager = ctx.shared.get("users", {}).get("agency_manager")
    created = 0
    organizations = Organization.objects.filter(
        name__in=ORGANIZATION_OFFERS,
        kind=OrganizationKind.SOCIAL_ORGANIZATION,
        status=VerificationStatus.VERIFIED,
    )
    for organization in organizations:
        section = _section(organization)
        if section is None:
            continue
        section_moderators_ensure(section=section)
        for slug in ORGANIZATION_OFFERS[organization.name]:
            offer = _create(section, TEMPLATES[slug], organization)
            if offer is not None:
                # Demo offers stand for offers their own county's agency approved earlier; the
                # demo manager's rights cover one county only.
                revision = offer.save_revision(user=manager)
                revision.publish(user=manager, skip_permission_checks=True)
                created += 1
        if organization.name == PENDING_ORGANIZATION:
            _submitted_offer(section, organization)
    _place_at_townships()
    total = ServiceOfferPage.objects.live().count()
    ctx.write(f"  {created} service offers published ({total} in all), one awaiting approval")
