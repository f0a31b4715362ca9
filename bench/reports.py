"""The reports benchmark: every report page and export of a province-sized dataset (persons
under supervision in every Henan county, their needs, a year of referrals, job applications with
their follow-ups, volunteers with shifts and hours, purchase of service), for the province, a
city and a county, on PostgreSQL; prints its figures as JSON.

Usage: python -m bench.reports [--persons 60000] [--repeat 10] [--reports persons,needs]
       [--reuse]
Run by `python -m bench` (see `series`); the database `marketplace_bench_reports` (or
BENCH_REPORTS_DATABASE) at BENCH_POSTGRES_URL is dropped and recreated on each run, unless
`--reuse` finds it already seeded: then it is only migrated (new indexes) and analysed, and the
timings run on it.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import time
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import psycopg

import django

HERE = Path(__file__).resolve().parent
POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
DATABASE = os.environ.get("BENCH_REPORTS_DATABASE", "marketplace_bench_reports")
YEAR = 2025
PLACES = (("province", "410000"), ("city", "410100"), ("county", "410102"))
LIMIT_MS = 2000


def database_url(*, reuse: bool = False) -> str:
    """A fresh PostgreSQL database for the run (the existing one when reusing and it exists)."""
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]
        ).fetchone()
        if not (reuse and exists):
            connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}"')
            connection.execute(f'CREATE DATABASE "{DATABASE}"')
    return f"{POSTGRES}/{DATABASE}"


def series(extra: list[str] | None = None) -> dict | None:
    """The benchmark in its own process (settings are per process), or None if it failed."""
    try:
        url = database_url(reuse="--reuse" in (extra or []))
    except psycopg.OperationalError as error:
        print(f"bench: reports skipped, PostgreSQL unreachable: {error}", file=sys.stderr)
        return None
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "bench.settings"}
    print("bench: reports ...", file=sys.stderr, flush=True)
    output = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "bench.reports", "--run", *(extra or [])],
        env=env, check=False, stdout=subprocess.PIPE, text=True, cwd=HERE.parent,
    )  # fmt: skip
    return json.loads(output.stdout) if output.returncode == 0 else None


def render(figures: dict | None) -> list[str]:
    """The report figures as RESULTS.md lines: one row per report, place and output."""
    if not figures:
        return []
    sizes = ", ".join(f"{name} {count:,}" for name, count in figures["rows"].items())
    lines = [
        "",
        f"### Reports (PostgreSQL {figures['server_version']}, period {figures['period']}, "
        f"up to {figures['repeat']} timed requests each after a warm-up one)",
        "",
        f"Dataset: {sizes}. "
        + ("Reused (seeded by an earlier run); " if figures.get("reused") else "")
        + "setup: "
        + ", ".join(f"{name} {sec} s" for name, sec in figures.get("stages", {}).items())
        + ".",
        "",
        "| report | place | output | p50 ms | p95 ms | timed | queries | load average |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in figures["timings"]:
        flag = " **over 2 s**" if row["p95_ms"] > LIMIT_MS else ""
        lines.append(
            f"| {row['report']} | {row['place']} | {row['output']} | {row['p50_ms']} "
            f"| {row['p95_ms']}{flag} | {row['timed']} | {row['queries']} | {row['load_average']} |"
        )
    return lines


def _at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def _persons(rng: random.Random, agencies: list, count: int) -> list:
    """Persons under supervision spread over every county's agency, with valid-looking
    encrypted identity fields (one encryption reused: the reports never read it)."""
    from casework.models import SupervisedPerson
    from matching.eligibility import CorrectionType, SupervisionLevel
    from portal.identity import encrypt_identity_number

    encrypted = encrypt_identity_number("410102199005170011")
    rows = []
    for serial in range(count):
        start = date(YEAR - 2, 1, 1) + timedelta(days=rng.randint(0, 900))
        juvenile = rng.random() < 0.03
        rows.append(
            SupervisedPerson(
                family_name="王",
                given_name=f"建国{serial}",
                gender="male",
                birth_date=date(2008 if juvenile else 1985, 5, 17),
                is_juvenile=juvenile,
                identity_number_encrypted=encrypted,
                identity_lookup_hash=f"h{serial:012d}",
                identity_number_masked="4101**********0011",
                offense="盗窃罪",
                correction_type=rng.choices(CorrectionType.values, [5, 80, 10, 5])[0],
                supervision_level=rng.choice(SupervisionLevel.values),
                start_date=start,
                end_date=start + timedelta(days=rng.randint(180, 1500)),
                agency=rng.choice(agencies),
            )  # fmt: skip
        )
    return SupervisedPerson.objects.bulk_create(rows, batch_size=5000)


def _needs(rng: random.Random, persons: list, categories: list) -> None:
    """One or two needs assessments per person, 0-4 needs each."""
    from casework.models import AssessedNeed, NeedsAssessment

    assessments = []
    for person in persons:
        for version in range(1, rng.choice([1, 1, 2]) + 1):
            day = person.start_date + timedelta(days=30 * version)
            assessments.append(NeedsAssessment(person=person, version=version, assessed_at=day))
    NeedsAssessment.objects.bulk_create(assessments, batch_size=5000)
    needs = [
        AssessedNeed(assessment=assessment, category=category, priority=rng.randint(1, 5))
        for assessment in assessments
        for category in rng.sample(categories, rng.choice([0, 1, 2, 2, 3, 4]))
    ]
    AssessedNeed.objects.bulk_create(needs, batch_size=5000)


ENDINGS = [
    (["accepted", "in_progress", "completed"], 45),
    (["accepted", "in_progress"], 15),
    (["declined"], 12),
    (["accepted", "no_show"], 6),
    (["withdrawn"], 5),
    ([], 12),
    (["accepted", "in_progress", "completed", "closed"], 5),
]


def _referrals(rng: random.Random, persons: list, organizations: list, categories: list) -> list:
    """A year of referrals (about one per person) with their event history and person link."""
    from matching.models import Referral

    drawn = [
        _referral(rng, person, organizations, categories)
        for person in persons
        if rng.random() >= 0.1
    ]
    referrals = [referral for referral, _ in drawn]
    Referral.objects.bulk_create(referrals, batch_size=5000)
    _referral_histories(referrals, [history for _, history in drawn])
    return referrals


def _referral(rng: random.Random, person, organizations: list, categories: list) -> tuple:
    """One referral of `person` on a random day of the year, and its history (person, day sent,
    states) for `_referral_histories`."""
    from matching.models import Referral

    paths, weights = zip(*ENDINGS, strict=True)
    organization = rng.choice(organizations)
    sent = _at(date(YEAR, 1, 1) + timedelta(days=rng.randint(0, 364)), rng.randint(8, 18))
    path = rng.choices(paths, weights)[0]
    state = path[-1] if path else "sent"
    referral = Referral(
        person_code=person.referral_code,
        offer_key=f"service:{organization.pk}",
        offer_title="心理咨询",
        provider_name=organization.name,
        organization=organization,
        need_category=rng.choice(categories),
        state=state,
        decline_reason="名额已满" if state == "declined" else "",
        outcome="已完成" if "completed" in path else "",
        sent_at=sent,
        answered_at=sent + timedelta(days=rng.randint(1, 12)) if path else None,
    )  # fmt: skip
    return referral, (person, sent, ["sent", *path])


def _referral_histories(referrals: list, histories: list) -> None:
    """Each saved referral's person link and its events, a week apart from draft to its state."""
    from casework.models import PersonReferral
    from matching.models import ReferralEvent

    links, events = [], []
    for referral, (person, sent, states) in zip(referrals, histories, strict=True):
        links.append(PersonReferral(person=person, referral=referral))
        for step, (before, after) in enumerate(zip(["draft", *states], states, strict=False)):
            events.append(
                ReferralEvent(
                    referral=referral,
                    from_state=before,
                    to_state=after,
                    created_at=sent + timedelta(days=7 * step),
                )
            )
    PersonReferral.objects.bulk_create(links, batch_size=5000)
    with _dated(ReferralEvent):
        ReferralEvent.objects.bulk_create(events, batch_size=5000)


@contextmanager
def _unindexed():
    """Page saves skip the site search index while the dataset is seeded."""
    from modelsearch import index

    saved = index.insert_or_update_object
    index.insert_or_update_object = lambda instance: None
    try:
        yield
    finally:
        index.insert_or_update_object = saved


@contextmanager
def _dated(model, column: str = "created_at"):
    """Let bulk_create write the dates the dataset needs into an auto_now_add column (which
    would otherwise stamp every row now) instead of updating each row afterwards."""
    field = model._meta.get_field(column)
    field.auto_now_add = False
    try:
        yield
    finally:
        field.auto_now_add = True


def _jobs(rng: random.Random, counties: list, employer, persons: list, count: int) -> int:
    """One job in every county and `count` job applications through referrals, with the 1/3/6
    month follow-ups of the hires."""
    jobs = _job_pages(counties, employer)
    referrals = _job_referrals(rng, jobs, employer, rng.sample(persons, count))
    applications = _applications(rng, jobs, referrals)
    return _follow_ups(rng, applications)


def _job_pages(counties: list, employer) -> list:
    """One job offer page of `employer` in every county."""
    from employment.models import JobOfferPage
    from portal.organizations.services import section_ensure

    section = section_ensure(organization=employer)
    jobs = []
    for county in counties:
        job = JobOfferPage(
            title=f"{county.name}数控车床操作工", category="manufacturing", positions=50,
            description="<p>岗前培训。</p>", wage_min=Decimal("3500"), wage_max=Decimal("5000"),
            jurisdiction=county, working_hours="full_time", disclosure_policy="after_offer",
            organization=employer, valid_from=date(YEAR, 1, 1), valid_until=date(YEAR + 2, 1, 1),
        )  # fmt: skip
        section.add_child(instance=job)
        jobs.append(job)
    return jobs


def _job_referrals(rng: random.Random, jobs: list, employer, chosen: list) -> list:
    """An accepted referral of each chosen person to the jobs in turn, linked to the person."""
    from casework.models import PersonReferral
    from matching.models import Category, Referral

    need = Category.objects.get(slug="employment-guidance")
    referrals = Referral.objects.bulk_create(
        [
            Referral(
                person_code=person.referral_code,
                offer_key=f"job:{jobs[i % len(jobs)].pk}",
                offer_kind="job",
                offer_title="数控车床操作工",
                provider_name=employer.name,
                organization=employer,
                need_category=need,
                state="accepted",
                sent_at=_at(date(YEAR, 1, 1)),
            )  # fmt: skip
            for i, person in enumerate(chosen)
        ],
        batch_size=5000,
    )
    PersonReferral.objects.bulk_create(
        [PersonReferral(person=p, referral=r) for p, r in zip(chosen, referrals, strict=True)],
        batch_size=5000,
    )
    return referrals


def _applications(rng: random.Random, jobs: list, referrals: list) -> list:
    """A job application per referral, to the jobs in turn, in a random state and day."""
    from employment.models import JobApplication
    from employment.vocabulary import ApplicationState

    states, weights = ApplicationState.values, [15, 10, 5, 45, 20, 5]
    applications = []
    for index, referral in enumerate(referrals):
        state = rng.choices(states, weights)[0]
        day = date(YEAR, 1, 1) + timedelta(days=rng.randint(0, 364))
        hired = day + timedelta(days=14) if state == ApplicationState.HIRED else None
        job = jobs[index % len(jobs)]
        reason = "面试未通过" if state == ApplicationState.NOT_HIRED else ""
        applications.append(
            JobApplication(
                job=job,
                referral=referral,
                state=state,
                hired_on=hired,
                outcome_reason=reason,
                created_at=_at(day),
            )  # fmt: skip
        )
    with _dated(JobApplication):
        JobApplication.objects.bulk_create(applications, batch_size=5000)
    return applications


def _follow_ups(rng: random.Random, applications: list) -> int:
    """The 1, 3 and 6 month follow-ups of every hire; returns how many."""
    from employment.models import FollowUp
    from employment.vocabulary import FollowUpOutcome

    outcomes = [FollowUpOutcome.STILL_EMPLOYED, FollowUpOutcome.LEFT, FollowUpOutcome.PENDING]
    follow_ups = [
        FollowUp(
            application=application,
            months=months,
            due_on=application.hired_on + timedelta(days=30 * months),
            outcome=(outcome := rng.choices(outcomes, [60, 25, 15])[0]),
            left_reason="resigned" if outcome == FollowUpOutcome.LEFT else "",
        )  # fmt: skip
        for application in applications
        if application.hired_on
        for months in (1, 3, 6)
    ]
    FollowUp.objects.bulk_create(follow_ups, batch_size=5000)
    return len(follow_ups)


def _volunteers(rng: random.Random, agencies: list, count: int) -> dict:
    """`count` volunteers in every screening state, an opportunity per county with weekly shifts
    over the year, sign-ups and hours (mostly approved)."""
    profiles = _volunteer_profiles(rng, agencies, count)
    shifts = _weekly_shifts(agencies)
    hours = _service(rng, agencies, profiles, shifts)
    return {"volunteers": len(profiles), "shifts": len(shifts), "hours entries": hours}


def _volunteer_profiles(rng: random.Random, agencies: list, count: int) -> list:
    """`count` volunteer accounts and profiles, most active, spread over the agencies."""
    from portal.accounts.models import Role, User
    from volunteers.models import ScreeningStatus, VolunteerProfile

    users = User.objects.bulk_create(
        [User(email=f"v{n}@bench.example.cn", role=Role.VOLUNTEER) for n in range(count)],
        batch_size=5000,
    )
    statuses = ScreeningStatus.values
    return VolunteerProfile.objects.bulk_create(
        [
            VolunteerProfile(
                user=user,
                real_name=f"志愿者{n}",
                phone="13800138000",
                identity_number_encrypted="x",
                identity_number_masked="4101**********0011",
                identity_number_hash=f"v{n:012d}",
                interests=["mentoring"],
                languages=["zh"],
                agency=rng.choice(agencies),
                status=ScreeningStatus.ACTIVE if rng.random() < 0.7 else rng.choice(statuses),
            )  # fmt: skip
            for n, user in enumerate(users)
        ],
        batch_size=5000,
    )


def _weekly_shifts(agencies: list) -> list:
    """An opportunity in each agency's county with a morning shift every week of the year."""
    from portal.organizations.services import section_ensure
    from volunteers.models import Shift, VolunteerOpportunityPage

    shifts = []
    for agency in agencies:
        section = section_ensure(agency=agency)
        opportunity = VolunteerOpportunityPage(
            title=f"{agency.jurisdiction.name}社区公益服务日", summary="公益劳动。",
            interest="public_welfare", jurisdiction=agency.jurisdiction,
        )  # fmt: skip
        section.add_child(instance=opportunity)
        shifts += [
            Shift(
                opportunity=opportunity,
                date=date(YEAR, 1, 4) + timedelta(weeks=week),
                start_time=datetime.min.time().replace(hour=9),
                end_time=datetime.min.time().replace(hour=12),
                place="社区服务站",
                seats=10,
            )  # fmt: skip
            for week in range(52)
        ]
    Shift.objects.bulk_create(shifts, batch_size=5000)
    return shifts


def _service(rng: random.Random, agencies: list, profiles: list, shifts: list) -> int:
    """Up to four of an agency's volunteers signed up to each of its shifts, with their hours;
    returns how many hours entries."""
    from volunteers.models import HoursEntry, SignUp

    by_agency: dict[int, list] = {}
    for profile in profiles:
        by_agency.setdefault(profile.agency_id, []).append(profile)
    shifts_by_opportunity: dict[int, list] = {}
    for shift in shifts:
        shifts_by_opportunity.setdefault(shift.opportunity.jurisdiction_id, []).append(shift)
    signups, hours = [], []
    for agency in agencies:
        serving = by_agency.get(agency.pk, [])
        for shift in shifts_by_opportunity[agency.jurisdiction_id]:
            for volunteer in rng.sample(serving, min(len(serving), 4)):
                signups.append(SignUp(shift=shift, volunteer=volunteer, status="confirmed"))
                hours.append(_hours(rng, shift, volunteer))
    SignUp.objects.bulk_create(signups, batch_size=5000)
    HoursEntry.objects.bulk_create(hours, batch_size=5000)
    return len(hours)


def _hours(rng: random.Random, shift, volunteer):
    """A volunteer's hours on a shift, approved more often than not."""
    from volunteers.models import HoursEntry

    return HoursEntry(
        volunteer=volunteer,
        shift=shift,
        opportunity=shift.opportunity,
        activity="公益劳动",
        date=shift.date,
        start_time=shift.start_time,
        end_time=shift.end_time,
        hours=Decimal("3.00"),
        status="approved" if rng.random() < 0.85 else "pending",
    )  # fmt: skip


class Stages:
    """Seconds spent in each seeding step, printed to stderr as each ends."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.last = time.perf_counter()

    def done(self, name: str) -> None:
        now = time.perf_counter()
        self.seconds[name] = round(now - self.last, 1)
        self.last = now
        print(f"bench: seeded {name} in {self.seconds[name]} s", file=sys.stderr, flush=True)


def seed(args, stages: Stages) -> dict:
    """The province: agencies with purchase of service (bench.procurement), then persons,
    needs, referrals, job applications and volunteers over every county; returns row counts."""
    from bench.procurement import _province
    from matching.models import Category
    from portal.organizations.models import Organization

    rng = random.Random(20251231)
    shape = argparse.Namespace(contracts_per_agency=2, lines_per_invoice=5, persons_per_agency=0)
    agencies, _category = _province(shape)  # persons are seeded below, with their needs
    stages.done("agencies and purchase of service")
    categories = list(Category.objects.all())
    persons = _persons(rng, agencies, args.persons)
    stages.done("persons")
    _needs(rng, persons, categories)
    stages.done("needs")
    organizations = list(Organization.objects.filter(kind="social_organization"))
    _referrals(rng, persons, organizations, categories)
    stages.done("referrals")
    employer = Organization.objects.filter(kind="social_organization").first()
    _jobs(rng, [a.jurisdiction for a in agencies], employer, persons, args.persons // 6)
    stages.done("jobs")
    _volunteers(rng, agencies, args.persons // 6)
    stages.done("volunteers")
    return counts()


def counts() -> dict:
    """The rows of the seeded dataset the reports read."""
    from casework.models import AssessedNeed, SupervisedPerson
    from employment.models import FollowUp, JobApplication
    from matching.models import Referral, ReferralEvent
    from portal.organizations.models import CorrectionsAgency
    from procurement.models import InvoiceLine
    from volunteers.models import HoursEntry, Shift, VolunteerProfile

    models = {
        "agencies": CorrectionsAgency,
        "persons": SupervisedPerson,
        "needs": AssessedNeed,
        "referrals": Referral,
        "referral events": ReferralEvent,
        "job applications": JobApplication,
        "follow-ups": FollowUp,
        "volunteers": VolunteerProfile,
        "shifts": Shift,
        "hours entries": HoursEntry,
        "invoice lines": InvoiceLine,
    }
    return {name: model.objects.count() for name, model in models.items()}


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))], 1)


def time_view(view, request, repeat: int, **kwargs) -> dict:
    """p50/p95 in ms of up to `repeat` calls after a warm-up call (3 when the warm-up took over
    3 s, 1 over 15 s, to keep a slow run finite), and the queries of one call."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    start = time.perf_counter()
    response = view(request, **kwargs)
    assert response.status_code == 200, response.status_code  # noqa: S101
    warm_up = time.perf_counter() - start
    if warm_up > 3:
        repeat = min(repeat, 1 if warm_up > 15 else 3)
    times = []
    with CaptureQueriesContext(connection) as queries:
        times.append(_timed(view, request, **kwargs))
    times += [_timed(view, request, **kwargs) for _ in range(repeat - 1)]
    return {
        "p50_ms": _percentile(times, 0.5),
        "p95_ms": _percentile(times, 0.95),
        "timed": len(times),
        "queries": len(queries.captured_queries),
        "load_average": round(os.getloadavg()[0], 1),
    }


def _timed(view, request, **kwargs) -> float:
    start = time.perf_counter()
    view(request, **kwargs)
    return (time.perf_counter() - start) * 1000


def timings(admin, repeat: int, only: list[str], places: list[str] | None = None) -> list[dict]:
    """Every report's page (year and quarter) and exports (year) for each place."""
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.cache import SessionStore
    from django.test import RequestFactory

    from reports.definitions import REPORTS
    from reports.views import report_detail

    rows = []
    outputs = [
        ("page, year", {"period": "year"}),
        ("page, Q4", {"period": "quarter", "quarter": 4}),
        ("csv, year", {"period": "year", "format": "csv"}),
        ("xlsx, year", {"period": "year", "format": "xlsx"}),
    ]
    for slug in only or REPORTS:
        for place, code in PLACES:
            if places and place not in places:
                continue
            for output, query in outputs:
                request = RequestFactory().get(
                    f"/reports/{slug}/", {"jurisdiction": code, "year": YEAR, **query}
                )
                request.user, request.session = admin, SessionStore()
                request._messages = FallbackStorage(request)
                figures = time_view(report_detail, request, repeat, slug=slug)
                rows.append({"report": slug, "place": place, "output": output, **figures})
                print(f"bench: {slug} {place} {output} {figures}", file=sys.stderr, flush=True)
    return rows


def run(args) -> dict:
    """Seed the province (unless reusing a seeded one), then time every report."""
    django.setup()
    from django.core.management import call_command

    from portal.accounts.models import User

    stages = Stages()
    call_command("migrate", verbosity=0)
    stages.done("migrate")
    rows, reused = _dataset(args, stages)
    version = _analysed()
    stages.done("analyze")
    admin, _created = User.objects.get_or_create(
        email="bench@example.cn", defaults={"is_superuser": True, "is_staff": True}
    )
    only = [slug for slug in args.reports.split(",") if slug]
    places = [place for place in args.places.split(",") if place]
    return {
        "server_version": version,
        "period": f"{YEAR} and Q4 {YEAR}",
        "repeat": args.repeat,
        "rows": rows,
        "reused": reused,
        "stages": stages.seconds,
        "seed_seconds": round(sum(stages.seconds.values()), 1),
        "timings": [] if args.seed_only else timings(admin, args.repeat, only, places),
    }


def _dataset(args, stages: Stages) -> tuple[dict, bool]:
    """The row counts of the dataset, seeded unless `--reuse` finds it seeded; and whether
    it was reused."""
    from django.db import transaction

    from casework.models import SupervisedPerson

    reused = args.reuse and SupervisedPerson.objects.exists()
    if reused:
        return counts(), reused
    # A failed seed leaves the migrated database as it was. The site search index of the
    # seeded pages is not built: the reports never read it, and the database backend
    # renormalises every entry on each page saved (quadratic in the pages seeded).
    with transaction.atomic(), _unindexed():
        return seed(args, stages), reused


def _analysed() -> str:
    """Refresh the planner's statistics; returns the server's version."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("SHOW server_version")
        return cursor.fetchone()[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--run", action="store_true", help="run in this process (DATABASE_URL)")
    parser.add_argument("--persons", type=int, default=60_000)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--reports", default="", help="comma-separated slugs (default: all)")
    parser.add_argument("--places", default="", help="province,city,county (default: all)")
    parser.add_argument("--reuse", action="store_true", help="time an already seeded database")
    parser.add_argument("--seed-only", action="store_true", help="seed (or reuse), time nothing")
    args = parser.parse_args()
    if args.run:
        json.dump(run(args), sys.stdout)
    else:
        figures = series(sys.argv[1:])
        print("\n".join(render(figures)))


if __name__ == "__main__":
    main()
