"""The purchase-of-service benchmark: one month's invoice from 10,000 confirmed deliveries
(p50/p95 over repeated generations), and the budget pages of a province-sized dataset (every
city and county agency of Henan, a year of month-end counts of supervised persons, budgets,
contracts paid over a year), on PostgreSQL; prints its figures as JSON.

Usage: python -m bench.procurement [--deliveries 10000] [--generations 15]
       [--contracts-per-agency 4] [--persons-per-agency 300] [--repeat 30]
Run by `python -m bench` (see `series`); the database `marketplace_bench_procurement` at
BENCH_POSTGRES_URL is dropped and recreated on each run.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from decimal import Decimal
from pathlib import Path

import psycopg

import django

HERE = Path(__file__).resolve().parent
POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
DATABASE = os.environ.get("BENCH_PROCUREMENT_DATABASE", "marketplace_bench_procurement")
YEAR = 2025
SLOTS = [(day, hour) for day in range(1, 29) for hour in range(8, 20)]


def database_url() -> str:
    """A fresh PostgreSQL database for the run."""
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}"')
        connection.execute(f'CREATE DATABASE "{DATABASE}"')
    return f"{POSTGRES}/{DATABASE}"


def series() -> dict | None:
    """The benchmark in its own process (settings are per process), or None if it failed."""
    try:
        url = database_url()
    except psycopg.OperationalError as error:
        print(f"bench: procurement skipped, PostgreSQL unreachable: {error}", file=sys.stderr)
        return None
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "bench.settings"}
    print("bench: procurement ...", file=sys.stderr, flush=True)
    output = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "bench.procurement", "--run"],
        env=env, check=False, stdout=subprocess.PIPE, text=True, cwd=HERE.parent,
    )  # fmt: skip
    return json.loads(output.stdout) if output.returncode == 0 else None


def render(figures: dict | None) -> list[str]:
    """The procurement figures as RESULTS.md lines."""
    if not figures:
        return []
    return [
        "",
        f"### Purchase of service (PostgreSQL {figures['server_version']}, measured "
        f"{figures.get('date', '')}, load average {figures.get('load_average', '')})",
        "",
        "| measure | value |",
        "|---|---|",
        f"| invoice from {figures['deliveries']:,} confirmed deliveries, "
        f"{figures.get('generations', 1)} generations: p50 / p95 (s) "
        f"| {figures.get('generate_p50_seconds', figures.get('generate_seconds'))} / "
        f"{figures.get('generate_p95_seconds', '')} |",
        f"| statements per generation | {figures.get('generate_queries', '')} |",
        f"| CPU seconds per generation (Python and PostgreSQL backend), p50 "
        f"| {figures.get('generate_cpu_p50_seconds', '')} |",
        f"| province: {figures.get('cities', '')} cities, {figures['agencies']} agencies, "
        f"{figures.get('persons', 0):,} supervised persons, {figures['contracts']:,} contracts, "
        f"{figures['invoices']:,} invoices, {figures['invoice_lines']:,} lines | |",
        f"| budget overview page p50 / p95 (ms) | {figures['overview_p50_ms']} / "
        f"{figures['overview_p95_ms']} |",
        f"| agency budget page p50 / p95 (ms) | {figures['agency_p50_ms']} / "
        f"{figures['agency_p95_ms']} |",
    ]


def _referrals(organization, category, count: int) -> list:
    from matching.models import Referral, ReferralState

    rows = [
        Referral(
            person_code=f"B{organization.pk:05d}{serial:05d}",
            offer_key=f"service:{organization.pk}",
            offer_title="心理咨询",
            provider_name=organization.name,
            organization=organization,
            need_category=category,
            state=ReferralState.IN_PROGRESS,
        )  # fmt: skip
        for serial in range(count)
    ]
    return Referral.objects.bulk_create(rows, batch_size=2000)


def _deliveries(contract, line, referrals, month: int, count: int, state: str) -> list:
    from procurement.models import Delivery

    rows = _delivery_rows(contract, line, referrals, month, count, state)
    return Delivery.objects.bulk_create(rows, batch_size=5000)


def _delivery_rows(contract, line, referrals, month: int, count: int, state: str) -> list:
    from procurement.models import Delivery

    rows = []
    for index in range(count):
        referral = referrals[index % len(referrals)]
        day, hour = SLOTS[(index // len(referrals)) % len(SLOTS)]
        rows.append(
            Delivery(
                contract=contract,
                line=line,
                referral=referral,
                delivered_on=date(YEAR, month, day),
                starts_at=clock(hour),
                ends_at=clock(hour, 50),
                staff_name="李静",
                place="司法所",
                quantity=Decimal("1.00"),
                state=state,
            )  # fmt: skip
        )
    return rows


def _contract(agency, organization, serial: int, category, ceiling: Decimal):
    from procurement.models import Contract, ContractLine, ContractState, Unit

    contract = Contract.objects.create(
        number=f"B-{agency.pk}-{serial}", title="心理矫治服务", agency=agency,
        organization=organization, budget_year=YEAR, funding_source="general_budget",
        ceiling=ceiling, start_date=date(YEAR, 1, 1), end_date=date(YEAR, 12, 31),
        state=ContractState.ACTIVE,
    )  # fmt: skip
    line = ContractLine.objects.create(
        contract=contract, description="个体心理咨询", offer_key=f"service:{organization.pk}",
        offer_title="心理咨询", unit=Unit.SESSION, unit_price=Decimal("200.00"),
        max_quantity=Decimal("100000"),
    )  # fmt: skip
    return contract, line


def _paid_year(contract, line, referrals, lines_per_invoice: int) -> None:
    """Twelve paid invoices of a contract, written in bulk as the services would leave them."""
    from procurement.models import Contract, Delivery, Invoice, InvoiceLine, InvoiceState

    months = range(1, 13)
    deliveries = Delivery.objects.bulk_create(
        row
        for month in months
        for row in _delivery_rows(contract, line, referrals, month, lines_per_invoice, "confirmed")
    )
    amount = Decimal("200.00") * lines_per_invoice
    invoices = Invoice.objects.bulk_create(
        Invoice(
            number=f"{contract.number}-{month:02d}",
            contract=contract,
            period=date(YEAR, month, 1),
            state=InvoiceState.PAID,
            total=amount,
            paid_on=date(YEAR, month, 25),
            treasury_reference=f"GK{contract.pk}{month:02d}",
        )  # fmt: skip
        for month in months
    )
    InvoiceLine.objects.bulk_create(
        InvoiceLine(
            invoice=invoices[index // lines_per_invoice],
            delivery=delivery,
            contract_line=line,
            quantity=Decimal("1.00"),
            unit_price=Decimal("200.00"),
            amount=Decimal("200.00"),
            status="approved",
        )  # fmt: skip
        for index, delivery in enumerate(deliveries)
    )
    Contract.objects.filter(pk=contract.pk).update(billed_total=amount * len(months))


def _persons(agency, count: int) -> None:
    """Persons under supervision over the year before the budget year, starting and ending on
    different days so that the month-end counts differ (bulk; encrypted fields are dummies)."""
    from casework.models import SupervisedPerson

    rows = []
    for serial in range(count):
        start = date(YEAR - 2, 1, 1) + timedelta(days=(serial * 7) % 700)
        rows.append(
            SupervisedPerson(
                family_name="王",
                given_name=f"{serial:04d}",
                identity_number_encrypted="-",
                identity_lookup_hash=f"{agency.pk:06d}{serial:06d}",
                identity_number_masked="-",
                gender="male" if serial % 5 else "female",
                birth_date=date(1980, 1, 1),
                offense="-",
                correction_type="probation",
                start_date=start,
                end_date=start + timedelta(days=180 + (serial * 11) % 500),
                agency=agency,
            )
        )
    SupervisedPerson.objects.bulk_create(rows, batch_size=2000)


def _standards() -> int:
    """A provincial per-capita standard and one of every city; returns how many cities."""
    from portal.organizations.models import Jurisdiction
    from procurement.models import PerCapitaStandard

    province = Jurisdiction.objects.filter(level="province").first()
    cities = list(Jurisdiction.objects.filter(level="city"))
    PerCapitaStandard.objects.bulk_create(
        PerCapitaStandard(jurisdiction=place, year=YEAR, amount=Decimal(1200 + 10 * index))
        for index, place in enumerate([province, *cities])
        if place is not None
    )
    return len(cities)


def _credit_code(serial: int, division: str, check) -> str:
    body = f"51{division}{serial:09d}"[:17]
    return body + check(body)


def _province(args) -> tuple:
    """Every county-level agency of Henan with budgets and contracts paid over a year."""
    from matching.models import Category
    from portal.organizations.models import CorrectionsAgency, Jurisdiction, Organization
    from portal.organizations.validators import credit_code_check_character
    from procurement.models import AgencyBudget

    counties = Jurisdiction.objects.filter(level__in=["county", "zone"]).order_by("code")
    category = Category.objects.order_by("pk").first()
    agencies = []
    for county in counties:
        agency = CorrectionsAgency.objects.create(
            name=f"{county.name}社区矫正机构{county.code}", jurisdiction=county
        )
        organization = Organization.objects.create(
            name=f"{county.code}社会工作服务中心", kind="social_organization",
            credit_code=_credit_code(agency.pk, county.code[:6], credit_code_check_character),
            legal_representative="李明",
            jurisdiction=county, address="建设路1号", phone="0371-12345678", status="verified",
        )  # fmt: skip
        _persons(agency, args.persons_per_agency)
        AgencyBudget.objects.create(
            agency=agency, year=YEAR, standard=Decimal("1200"),
            average_persons=Decimal(args.persons_per_agency),
            computed_amount=Decimal(1200 * args.persons_per_agency),
        )  # fmt: skip
        referrals = _referrals(organization, category, 10)
        for serial in range(args.contracts_per_agency):
            contract, line = _contract(agency, organization, serial, category, Decimal("900000"))
            _paid_year(contract, line, referrals, args.lines_per_invoice)
        agencies.append(agency)
    return agencies, category


def _timed_page(view, request, repeat: int, **kwargs) -> tuple[float, float]:
    times = []
    for _ in range(repeat + 3):
        start = time.perf_counter()
        view(request, **kwargs)
        times.append((time.perf_counter() - start) * 1000)
    times = sorted(times[3:])
    return round(statistics.median(times), 1), round(times[max(0, round(0.95 * len(times)) - 1)], 1)


def _unbill(invoice) -> None:
    """Undo a generation (untimed) so that the next one bills the same deliveries again."""
    from procurement.models import Contract, ContractLine

    ContractLine.objects.filter(contract=invoice.contract_id).update(billed_quantity=Decimal("0"))
    Contract.objects.filter(pk=invoice.contract_id).update(billed_total=Decimal("0"))
    invoice.lines.all().delete()
    invoice.events.all().delete()
    invoice.delete()


def _backend_cpu_seconds(connection) -> float | None:
    """CPU seconds used so far by this connection's PostgreSQL backend (a local server only)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _generations(admin, contract, count: int) -> tuple[list[float], int, int, list[float]]:
    """Seconds of each generation (transaction and commit included), lines billed, the
    statements of the last one, and the CPU seconds of each (this process and the database
    backend; they do not grow with other processes' load the way wall-clock time does)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from procurement.services.ledger import invoice_generate

    times, cpu, lines, statements = [], [], 0, 0
    for _ in range(count):
        backend = _backend_cpu_seconds(connection)
        with CaptureQueriesContext(connection) as queries:
            start, own = time.perf_counter(), time.process_time()
            invoice = invoice_generate(actor=admin, contract=contract, period=date(YEAR, 3, 1))
            times.append(time.perf_counter() - start)
            own = time.process_time() - own
        after = _backend_cpu_seconds(connection)
        if backend is not None and after is not None:
            cpu.append(own + after - backend)
        lines, statements = invoice.lines.count(), len(queries)
        _unbill(invoice)
    return times, lines, statements, cpu


def _nearest_rank(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(share * len(ordered)) - 1)]


def run(args) -> dict:
    """Seed, time the generation of one big invoice, time the budget pages."""
    django.setup()
    from django.core.management import call_command

    from portal.accounts.models import User

    call_command("migrate", verbosity=0)
    cities = _standards()
    agencies, category = _province(args)
    admin = User.objects.create_superuser(email="bench@example.cn", password=None)
    busy = agencies[0]
    contract = _busy_contract(busy, category, args.deliveries)
    generations = _generations(admin, contract, args.generations)
    overview, detail = _budget_pages(admin, busy, args.repeat)
    return {
        "server_version": _server_version(),
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "load_average": " ".join(Path("/proc/loadavg").read_text().split()[:3]),
        **_generation_figures(*generations),
        **_province_figures(cities, agencies),
        "overview_p50_ms": overview[0],
        "overview_p95_ms": overview[1],
        "agency_p50_ms": detail[0],
        "agency_p95_ms": detail[1],
    }


def _busy_contract(agency, category, deliveries: int):
    """A contract of the agency's first organization with `deliveries` confirmed deliveries in
    March (to 500 referrals), billed by the timed generations."""
    organization = agency.contracts.first().organization
    referrals = _referrals(organization, category, 500)
    contract, line = _contract(agency, organization, 99, category, Decimal("9000000"))
    _deliveries(contract, line, referrals, 3, deliveries, "confirmed")
    return contract


def _budget_pages(admin, agency, repeat: int) -> tuple[tuple, tuple]:
    """p50 and p95 in ms of the budget overview page and of `agency`'s budget page."""
    from django.test import RequestFactory

    from procurement.views import budgets

    request = RequestFactory().get("/procurement/", {"year": YEAR})
    request.user = admin
    overview = _timed_page(budgets.budget_list, request, repeat)
    detail = _timed_page(budgets.budget_detail, request, repeat, pk=agency.pk, year=YEAR)
    return overview, detail


def _server_version() -> str:
    """The PostgreSQL server's version."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return cursor.fetchone()[0]


def _generation_figures(times: list[float], lines: int, statements: int, cpu: list[float]) -> dict:
    """The invoice generations' figures, as `_generations` measured them."""
    return {
        "deliveries": lines,
        "generations": len(times),
        "generate_p50_seconds": round(statistics.median(times), 3),
        "generate_p95_seconds": round(_nearest_rank(times, 0.95), 3),
        "generate_queries": statements,
        "generate_cpu_p50_seconds": round(statistics.median(cpu), 3) if cpu else None,
    }


def _province_figures(cities: int, agencies: list) -> dict:
    """The size of the seeded province."""
    from casework.models import SupervisedPerson
    from procurement.models import Contract, Invoice, InvoiceLine

    return {
        "cities": cities,
        "agencies": len(agencies),
        "persons": SupervisedPerson.objects.count(),
        "contracts": Contract.objects.count(),
        "invoices": Invoice.objects.count(),
        "invoice_lines": InvoiceLine.objects.count(),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--run", action="store_true", help="run in this process (DATABASE_URL)")
    parser.add_argument("--deliveries", type=int, default=10_000)
    parser.add_argument("--generations", type=int, default=15)
    parser.add_argument("--persons-per-agency", type=int, default=300)
    parser.add_argument("--contracts-per-agency", type=int, default=4)
    parser.add_argument("--lines-per-invoice", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    if args.run:
        json.dump(run(args), sys.stdout)
    else:
        figures = series()
        print("\n".join(render(figures)))


if __name__ == "__main__":
    main()
