"""Kernel demo, part 1: corrections agencies with their judicial offices, in six counties.

The counties are ones with many openly licensed township centre points (GeoNames, shipped in
`data/township_centres.csv`), so that the demo's offers sit at real places and distances differ.
"""

from portal.accounts.models import OversightKind, User
from portal.accounts.services import oversight_profile_set
from portal.demo import HOME_COUNTY, DemoContext, register, townships_of
from portal.organizations.models import (
    CorrectionsAgency,
    JudicialOffice,
    Jurisdiction,
    Membership,
    MembershipRole,
    Organization,
    OrganizationKind,
    VerificationStatus,
)
from portal.organizations.services import (
    least_privilege_sync,
    membership_create,
    organization_reject,
    organization_verify,
    providers_index_ensure,
    section_ensure,
    shipped_township_centres_load,
)
from portal.organizations.validators import credit_code_check_character

# County code, agency phone, and how many of its townships get a judicial office.
DEMO_AGENCIES = [
    (HOME_COUNTY, "0375-67171001", 4),  # 平顶山市叶县: 13 township centre points
    ("410423", "0375-65951002", 3),  # 平顶山市鲁山县: 14
    ("411726", "0396-63231003", 3),  # 驻马店市泌阳县: 16
    ("411025", "0374-25661004", 2),  # 许昌市襄城县: 12
    ("411303", "0377-63131005", 3),  # 南阳市卧龙区: 5
    ("411121", "0395-20371006", 2),  # 漯河市舞阳县: 12
]


@register(order=8, name="kernel: township centres")
def seed_township_centres(ctx: DemoContext) -> None:
    """The shipped GeoNames township centres, unless townships have their own already."""
    count = shipped_township_centres_load()
    ctx.write(f"  {count} township centres (GeoNames)" if count else "  already set, unchanged")


@register(order=10, name="kernel: agencies and judicial offices")
def seed_agencies(ctx: DemoContext) -> None:
    agencies: dict[str, CorrectionsAgency] = {}
    offices: list[JudicialOffice] = []
    for code, phone, office_count in DEMO_AGENCIES:
        county = Jurisdiction.objects.get(code=code)
        agency, _created = CorrectionsAgency.objects.update_or_create(
            jurisdiction=county,
            defaults={
                "name": f"{county.full_name}社区矫正管理局",
                "address": f"{county.full_name}司法局",
                "phone": phone,
            },
        )
        agencies[code] = agency
        for township in _office_townships(county, office_count):
            office, _created = JudicialOffice.objects.update_or_create(
                jurisdiction=township,
                defaults={"agency": agency, "name": f"{township.name}司法所"},
            )
            offices.append(office)
    ctx.shared["agencies"] = agencies
    ctx.shared["judicial_offices"] = offices
    ctx.shared["providers_index"] = providers_index_ensure()
    ctx.shared["agency_sections"] = {
        code: section_ensure(agency=agency) for code, agency in agencies.items()
    }
    ctx.write(f"  {len(agencies)} agencies, {len(offices)} judicial offices")


def _office_townships(county: Jurisdiction, count: int) -> list[Jurisdiction]:
    """The townships that get a judicial office: those with their own centre point first (an
    office's persons live at its township's point), each group in code order."""
    townships, placed = townships_of(county)
    return [*placed, *(township for township in townships if township not in placed)][:count]


# name, kind, county, legal representative, address, phone, description, owner e-mail
DEMO_ORGANIZATIONS = [
    (
        "平顶山市叶县心航社会工作服务中心",
        "social_organization",
        "410422",
        "王静",
        "叶县昆阳大道66号",
        "0375-67890101",
        "为社区矫正对象提供心理辅导、家庭关系修复和社会适应服务。",
        "provider@demo.cn",
    ),
    (
        "平顶山市鲁山县阳光心理咨询服务中心",
        "social_organization",
        "410423",
        "刘洋",
        "鲁山县鲁阳大道88号",
        "0375-65230102",
        "专业心理咨询师团队，开展个体心理咨询、团体辅导和心理健康评估。",
        "",
    ),
    (
        "平顶山市鲁山县明法法律服务中心",
        "social_organization",
        "410423",
        "陈志强",
        "鲁山县琴台路15号",
        "0375-65230103",
        "开展法治教育、法律咨询和公益法律援助。",
        "",
    ),
    (
        "驻马店市泌阳县启明社会工作服务中心",
        "social_organization",
        "411726",
        "赵敏",
        "泌阳县花园路210号",
        "0396-63230104",
        "个案管理、社区融入和公益活动组织。",
        "",
    ),
    (
        "驻马店市泌阳县新起点职业技能培训学校",
        "social_organization",
        "411726",
        "孙磊",
        "泌阳县泌水大道36号",
        "0396-63230105",
        "面点、电工、家政等职业技能培训，培训合格颁发结业证书。",
        "",
    ),
    (
        "许昌市襄城县同心家庭服务中心",
        "social_organization",
        "411025",
        "周丽",
        "襄城县文昌路18号",
        "0374-25660106",
        "家庭教育指导、亲子关系修复和婚姻家庭辅导。",
        "",
    ),
    (
        "南阳市卧龙区向阳社会工作服务中心",
        "social_organization",
        "411303",
        "吴刚",
        "卧龙区卧龙路99号",
        "0377-63130107",
        "面向社区矫正对象的帮困扶助、就业指导和公益劳动组织。",
        "",
    ),
    (
        "漯河市舞阳县春晖青少年服务中心",
        "social_organization",
        "411121",
        "郑晓",
        "舞阳县人民路120号",
        "0395-20370108",
        "未成年社区矫正对象的教育帮扶、心理辅导和复学支持。",
        "",
    ),
    (
        "叶县绿源农业科技有限公司",
        "employer",
        "410422",
        "李建国",
        "叶县任店镇工业园8号",
        "0375-67890109",
        "农业种植与农产品加工企业，提供包装、分拣等岗位。",
        "employer@demo.cn",
    ),
    (
        "鲁山安居物业服务有限公司",
        "employer",
        "410423",
        "马强",
        "鲁山县文化路100号",
        "0375-65230110",
        "物业服务企业，提供保洁、绿化、秩序维护岗位。",
        "",
    ),
    (
        "泌阳巧手餐饮管理有限公司",
        "employer",
        "411726",
        "何芳",
        "泌阳县建设路20号",
        "0396-63230111",
        "连锁餐饮企业，提供厨房帮工、面点学徒岗位。",
        "",
    ),
    (
        "舞阳顺达物流有限公司",
        "employer",
        "411121",
        "高峰",
        "舞阳县舞泉镇物流园55号",
        "0395-20370112",
        "城市配送物流企业，提供仓储、装卸、配送岗位。",
        "",
    ),
    (
        "许昌市襄城县善行社会工作服务中心",
        "social_organization",
        "411025",
        "黄宁",
        "襄城县紫云路8号",
        "0374-25660113",
        "新注册的社会工作服务机构，开展社区矫正对象帮扶服务。",
        "pending@demo.cn",
    ),
    (
        "南阳市卧龙区宏远职业培训学校",
        "social_organization",
        "411303",
        "林涛",
        "卧龙区仲景路16号",
        "0377-63130114",
        "职业技能培训机构。",
        "rejected@demo.cn",
    ),
]
UNVERIFIED_DEMO = "许昌市襄城县善行社会工作服务中心"
REJECTED_DEMO = "南阳市卧龙区宏远职业培训学校"
REJECTION_REASON = "上传的登记证书复印件与填写的统一社会信用代码不一致，请核对后重新提交。"


def demo_credit_code(kind: str, county: str, serial: int) -> str:
    """A valid credit code: civil-affairs 52 for social organizations, 91 for companies."""
    prefix = "91" if kind == "employer" else "52"
    body = f"{prefix}{county}MA{serial:07d}"
    return body + credit_code_check_character(body)


@register(order=30, name="kernel: organizations and their sections")
def seed_organizations(ctx: DemoContext) -> None:
    manager = ctx.shared["users"]["agency_manager"]
    verified: list[Organization] = []
    for serial, row in enumerate(DEMO_ORGANIZATIONS, start=1):
        organization = _demo_organization(serial, row)
        if row[7]:
            _demo_owner(organization, User.objects.get(email=row[7]))
        if organization.status == VerificationStatus.UNVERIFIED and row[0] == REJECTED_DEMO:
            organization_reject(organization=organization, actor=manager, reason=REJECTION_REASON)
        elif organization.status == VerificationStatus.UNVERIFIED and row[0] != UNVERIFIED_DEMO:
            organization_verify(organization=organization, actor=manager)
        organization.refresh_from_db()
        if organization.is_verified:
            verified.append(organization)
    ctx.shared["social_organizations"] = [
        o for o in verified if o.kind == OrganizationKind.SOCIAL_ORGANIZATION
    ]
    ctx.shared["employers"] = [o for o in verified if o.kind == OrganizationKind.EMPLOYER]
    ctx.shared["sections"] = {o.pk: section_ensure(organization=o) for o in verified}
    ctx.write(f"  {len(DEMO_ORGANIZATIONS)} organizations, {len(verified)} verified with sections")


def _demo_organization(serial: int, row: tuple) -> Organization:
    name, kind, county, representative, address, phone, description, _owner = row
    organization, _created = Organization.objects.get_or_create(
        name=name,
        defaults={
            "kind": kind,
            "credit_code": demo_credit_code(kind, county, serial),
            "legal_representative": representative,
            "jurisdiction": Jurisdiction.objects.get(code=county),
            "address": address,
            "phone": phone,
            "description": description,
        },
    )
    return organization


def _demo_owner(organization: Organization, user: User) -> None:
    if not Membership.objects.filter(organization=organization, user=user).exists():
        membership_create(
            organization=organization, user=user, role=MembershipRole.OWNER, actor=user
        )


@register(order=60, name="kernel: scoped Wagtail rights and oversight bodies")
def seed_least_privilege(ctx: DemoContext) -> None:
    """Approvals by each provider's own agency, editors kept to the CMS, a procuratorate user."""
    least_privilege_sync()
    oversight = ctx.shared["users"]["oversight"]
    oversight_profile_set(
        user=oversight,
        kind=OversightKind.PROCURATORATE,
        jurisdiction=Jurisdiction.objects.get(code="410000"),
    )
    ctx.write("  Wagtail rights scoped per agency; oversight@demo.cn: the provincial procuratorate")
