"""Purchase-of-service demo: standards and budgets for every agency, contracts of several
agencies with the providers their persons were referred to, a year of deliveries and invoices
in every state. Everything goes through the services; only the demo's history (when referrals
were sent) is backdated, so that the year has something to show."""

import random
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from casework.models import PersonReferral
from matching.models import SEAT_HOLDING_STATES, Category, Referral
from portal.accounts.models import Role, User
from portal.accounts.services import staff_role_setup
from portal.demo import DemoContext, register
from portal.organizations.models import (
    CorrectionsAgency,
    Jurisdiction,
    Membership,
    MembershipRole,
    StaffAssignment,
)
from procurement.models import (
    AgencyBudget,
    Contract,
    FundingSource,
    Invoice,
    InvoiceState,
    LineStatus,
    Unit,
)
from procurement.services import (
    budget_set,
    contract_attach,
    contract_create,
    contract_line_add,
    contract_transition,
    standard_set,
)
from procurement.services.ledger import (
    delivery_record,
    delivery_review,
    invoice_generate,
    invoice_pay,
    invoice_review,
    invoice_submit,
)

STANDARD = Decimal("1200.00")
PDF = b"%PDF-1.4\n% demo signed contract\n"
PLACES = ["司法所心理咨询室", "社区服务中心", "机构活动室", "线上视频"]
STAFF = ["李静", "王磊", "张敏", "刘洋"]


def _manager(agency: CorrectionsAgency, admin: User) -> User:
    manager = User.objects.filter(
        staff_assignment__agency=agency, role="agency_manager", is_active=True
    ).first()
    return manager or admin


def _budgets(ctx: DemoContext, admin: User, year: int) -> None:
    if AgencyBudget.objects.filter(year=year).exists():
        return  # seeded before: a rerun records nothing new
    province = Jurisdiction.objects.get(code="410000")
    for budget_year in (year - 1, year):
        standard_set(actor=admin, jurisdiction=province, year=budget_year, amount=STANDARD)
    for agency in CorrectionsAgency.objects.select_related("jurisdiction"):
        budget_set(actor=_manager(agency, admin), agency=agency, year=year)
    ctx.write(f"  per-capita standard ¥{STANDARD} and budgets {year} for every agency")


def _billable(agency: CorrectionsAgency) -> dict[int, list[Referral]]:
    links = PersonReferral.objects.filter(
        person__agency=agency, referral__state__in=SEAT_HOLDING_STATES
    ).select_related("referral")
    by_organization: dict[int, list[Referral]] = defaultdict(list)
    for link in links.order_by("pk"):
        if link.referral.organization_id:
            by_organization[link.referral.organization_id].append(link.referral)
    return by_organization


def _contract(agency, organization_id: int, referrals, manager, year: int, serial: int):
    contract = contract_create(
        actor=manager,
        agency=agency,
        organization=referrals[0].organization,
        number=f"{agency.jurisdiction.code}-{year}-{serial:03d}",
        title=f"{agency.jurisdiction.name}社区矫正社会工作服务采购",
        budget_year=year,
        funding_source=FundingSource.GENERAL_BUDGET if serial % 2 else FundingSource.SPECIAL_FUND,
        ceiling=Decimal("120000.00"),
        start_date=date(year, 1, 1),
        end_date=date(year, 12, 31),
    )
    offers = {referral.offer_key: referral.offer_title for referral in referrals}
    for key, title in offers.items():
        contract_line_add(
            actor=manager, contract=contract, description=title[:200], unit=Unit.SESSION,
            unit_price=Decimal("240.00"), max_quantity=Decimal("400"), offer_key=key,
            offer_title=title,
        )  # fmt: skip
    contract_line_add(
        actor=manager, contract=contract, description="家庭关系修复（按小时）", unit=Unit.HOUR,
        unit_price=Decimal("180.00"), max_quantity=Decimal("200"),
        category=Category.objects.get(slug="family-relationship-repair"),
    )  # fmt: skip
    upload = SimpleUploadedFile("signed-contract.pdf", PDF, content_type="application/pdf")
    contract_attach(actor=manager, contract=contract, upload=upload)
    contract_transition(actor=manager, contract=contract, name="sign")
    return contract_transition(actor=manager, contract=contract, name="activate")


def _caseworker(referral: Referral, admin: User) -> User:
    """The person's caseworker, else a caseworker of the person's office, else a demo one placed
    at that office and assigned to the person (only a caseworker who sees the person reviews)."""
    person = PersonReferral.objects.get(referral=referral).person
    assigned = person.caseworkers.first()
    if assigned is not None:
        return assigned
    office = StaffAssignment.objects.filter(
        user__role=Role.CASEWORKER,
        agency=person.agency_id,
        judicial_office=person.judicial_office_id,
    ).first()
    user = office.user if office else _office_caseworker(person, admin)
    person.caseworkers.add(user)
    return user


def _office_caseworker(person, admin: User) -> User:
    """A demo caseworker (no password) of the person's judicial office."""
    user = User.objects.create(
        email=f"caseworker{person.judicial_office_id}.office@demo.cn",
        role=Role.CASEWORKER,
        last_name="矫正",
        first_name="社工",
    )
    user.set_unusable_password()
    user.save()
    staff_role_setup(
        user=user, agency=person.agency, judicial_office=person.judicial_office, actor=admin
    )
    return user


def _deliveries(rng, contract: Contract, referral: Referral, staff: User, admin: User) -> int:
    start = date(contract.budget_year, 1, 8) + timedelta(days=rng.randrange(0, 60))
    sent = timezone.make_aware(
        datetime.combine(start - timedelta(days=rng.randrange(3, 15)), time(10))
    )
    Referral.objects.filter(pk=referral.pk).update(sent_at=sent, answered_at=sent)
    line = contract.lines.get(offer_key=referral.offer_key)
    caseworker, made, day = _caseworker(referral, admin), 0, start
    while day < timezone.localdate():
        hour = rng.choice([9, 10, 14, 15])
        fields = {
            "delivered_on": day, "starts_at": time(hour), "ends_at": time(hour + 1),
            "staff_name": rng.choice(STAFF), "place": rng.choice(PLACES), "notes": "",
        }  # fmt: skip
        delivery = delivery_record(actor=staff, line=line, referral=referral, **fields)
        _review(rng, delivery, caseworker, day)
        made += 1
        day += timedelta(days=rng.choice([7, 14]))
    return made


def _review(rng, delivery, caseworker, day: date) -> None:
    """Confirm most deliveries; leave the latest awaiting confirmation; dispute a few."""
    if (timezone.localdate() - day).days < 10:
        return
    if rng.random() < 0.05:
        delivery_review(
            actor=caseworker, delivery=delivery, confirm=False, reason="签到记录与服务时间不一致"
        )
        return
    delivery_review(actor=caseworker, delivery=delivery, confirm=True)


def _invoices(rng, contract: Contract, staff: User, manager: User, year: int) -> None:
    today = timezone.localdate()
    for month in range(1, today.month if today.year == year else 13):
        try:
            invoice = invoice_generate(actor=staff, contract=contract, period=date(year, month, 1))
        except ValidationError:
            continue
        _advance(rng, invoice, staff, manager, months_ago=today.month - month)


def _advance(rng, invoice: Invoice, staff: User, manager: User, *, months_ago: int) -> None:
    """Older invoices are paid; the last ones are approved, submitted or still drafts."""
    if months_ago <= 1:
        return
    invoice_submit(actor=staff, invoice=invoice)
    if months_ago == 2:
        return
    lines = list(invoice.lines.filter(status=LineStatus.PENDING).order_by("pk"))
    rejected = {lines[0].pk: "服务对象未签到"} if rng.random() < 0.2 and len(lines) > 1 else {}
    if rng.random() < 0.05:
        rejected = {line.pk: "服务记录与合同约定不符" for line in lines}
    invoice = invoice_review(actor=manager, invoice=invoice, rejections=rejected)
    if invoice.state == InvoiceState.APPROVED and months_ago > 3:
        paid_on = (invoice.period + timedelta(days=45)).replace(day=15)
        invoice_pay(
            actor=manager,
            invoice=invoice,
            paid_on=paid_on,
            treasury_reference=f"GK{invoice.pk:08d}",
        )


def _staff(organization_id: int) -> Membership:
    """A member of the organization who records its deliveries (a demo one where it has none)."""
    member = Membership.objects.filter(organization_id=organization_id).first()
    if member is not None:
        return member
    user, _created = User.objects.get_or_create(
        email=f"staff{organization_id}.provider@demo.cn",
        defaults={"role": Role.PROVIDER_STAFF, "last_name": "服务", "first_name": "专员"},
    )
    user.set_unusable_password()
    user.save()
    return Membership.objects.create(
        organization_id=organization_id, user=user, role=MembershipRole.STAFF
    )


@register(order=400, name="procurement: budgets, contracts, deliveries and invoices")
def seed_procurement(ctx: DemoContext) -> None:
    year = timezone.localdate().year
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    if admin is None:
        return
    _budgets(ctx, admin, year)
    if Contract.objects.filter(budget_year=year).exists():
        ctx.write(f"  {Contract.objects.count()} contracts already there")
        return
    rng, serial, made = random.Random(12), 0, 0  # nosec B311
    for agency in CorrectionsAgency.objects.select_related("jurisdiction").order_by(
        "jurisdiction__code"
    ):
        manager = _manager(agency, admin)
        for organization_id, referrals in list(_billable(agency).items())[:3]:
            staff = _staff(organization_id)
            serial += 1
            contract = _contract(agency, organization_id, referrals[:4], manager, year, serial)
            for referral in referrals[:4]:
                made += _deliveries(rng, contract, referral, staff.user, admin)
            _invoices(rng, contract, staff.user, manager, year)
    ctx.write(f"  {serial} contracts, {made} deliveries, {Invoice.objects.count()} invoices")
