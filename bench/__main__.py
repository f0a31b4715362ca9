"""`python -m bench`: seed each database, rebuild the offer index, time matching, write RESULTS.md.

Usage: python -m bench [--databases sqlite,postgres] [--scales 50000,200000] [--no-pages]
       [--persons N --offers N ... for a quick run]
PostgreSQL is reached at BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432),
database `marketplace_bench`, dropped and recreated on each run; SQLite at bench/out/.
`--scales` adds PostgreSQL runs at other index sizes (60% offers, 40% mentors); the page
series (bench/pages.py: gunicorn, wrk, a throwaway database) runs last unless --no-pages, then
the purchase-of-service series (bench/procurement.py) unless --no-procurement, then the
reports series (bench/reports.py) unless --no-reports.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import psycopg

from bench import procurement, reports

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
DATABASE = "marketplace_bench"


def sqlite_url() -> str:
    OUT.mkdir(exist_ok=True)
    path = OUT / "bench.sqlite3"
    path.unlink(missing_ok=True)
    return f"sqlite:///{path}"


def postgres_url() -> str:
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}"')
        connection.execute(f'CREATE DATABASE "{DATABASE}"')
    return f"{POSTGRES}/{DATABASE}"


def scaled(documents: int, queries: int) -> list[str]:
    """The arguments of a run with `documents` indexed (offers and mentors as at 50,000)."""
    offers = documents * 3 // 5
    return [
        f"--offers={offers}",
        f"--volunteers={documents - offers}",
        f"--organizations={max(documents // 17, 100)}",
        f"--queries={queries}",
    ]


def pages() -> dict | None:
    """The page series in its own process (it deploys its own database and server)."""
    print("bench: pages ...", file=sys.stderr, flush=True)
    output = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "bench.pages"],
        check=False,
        stdout=subprocess.PIPE,
        text=True,
        cwd=HERE.parent,
    )
    if output.returncode:
        print("bench: the page series failed", file=sys.stderr)
        return None
    return json.loads(output.stdout)


def run(database: str, extra: list[str]) -> dict:
    """One run in its own process (settings are per process)."""
    url = sqlite_url() if database == "sqlite" else postgres_url()
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "bench.settings"}
    print(f"bench: {database} ...", file=sys.stderr, flush=True)
    output = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "bench.run", *extra],
        env=env,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
        cwd=HERE.parent,
    )
    return json.loads(output.stdout)


def machine() -> dict:
    """What the figures were measured on."""
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory_kb = int(Path("/proc/meminfo").read_text().split()[1])
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "system": platform.platform(),
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


ANALYSIS = "## Analysis"  # kept from run to run: written by hand from the figures
NOTES = """
## What is measured

- **Seed**: 3,000 verified organizations inserted into the database (bulk), and 30,000 open
  offers (services, jobs, entrepreneurship support, volunteer opportunities) plus 20,000
  volunteers as mentor offers generated as `OfferDocument`s, spread over Henan's real
  townships (coordinates from the jurisdiction table), with realistic shares of eligibility
  restrictions, service areas, full offers (seats 0), funded offers and validity windows.
  The 60,000 supervised persons are synthetic `PersonProfile`s (gender, age, juvenile status,
  correction type, supervision level, township, 0-4 needs with priorities): they are what the
  engine receives from casework, and are not written as casework rows, so the benchmark does
  not depend on the casework schema.
- **Rebuild**: the documents are completed (seats, jurisdiction centres), fingerprinted,
  segmented with jieba and bulk-loaded through the backend's `rebuild` (the same path as
  `manage.py matching_index rebuild`, minus reading the offer apps' pages). Documents/second.
- **Matching**: `matching.selectors.offer_search` for a random person, top 20, plus
  `matching.selectors.explain` on each hit; 1,000 persons after 20 warm-up queries.
  A second series adds a keyword and a 50 km distance limit (a fifth of the persons, at least
  200). The other PostgreSQL columns are the same run at other index sizes (`--scales`, fewer
  plain queries).
- **Pages** (`bench/pages.py`): a throwaway PostgreSQL database migrated and seeded with the
  demo (`seed_demo`, `matching_index rebuild`, `collectstatic`), served by gunicorn (2 sync
  workers) on `portal.settings.production` (persistent connections, the public page cache in
  each worker's memory, the generation in the database cache) plus one bench-only URL, a bare
  view answering "ok" (`bench/urls.py`). wrk loads each page for a fixed time with 8
  connections on 127.0.0.1; "uncached" rows send a cookie, which bypasses the page cache as a
  signed-in visitor's would (the catalog's list fragment stays cached); the matching screen is
  a caseworker's (signed in, MFA enrolled). The "cold" rows come from a second server started
  with `PUBLIC_CACHE_SECONDS=0` (no page and no fragment kept: every request builds the list),
  next to the bare view measured again on that server. The ratio is a page's requests/s over
  the bare view's of the same server in the same run.
- **Reports** (`bench/reports.py`): a throwaway PostgreSQL database with a corrections agency,
  purchase-of-service contracts and a year of paid invoices in every Henan county, 60,000
  persons under supervision over them with one or two needs assessments (0-4 needs each), a
  year of referrals (about one per person) with their event history, 10,000 job applications
  to a job in every county with the 1/3/6-month follow-ups of the hires, and 10,000 volunteers
  with weekly shifts, sign-ups and hours in every county. Each report is rendered by its view
  (as a superuser) for the province (410000), a city (410100) and a county (410102): the page
  for the year and for its fourth quarter, and the year's CSV and XLSX; one warm-up request,
  then up to the given number of timed ones (3 when a request takes over 3 s), with the
  number of queries of one request.
"""


def render(report: dict) -> str:
    """RESULTS.md: the machine, the date, one table of figures per database, and notes."""
    machine_ = report["machine"]
    lines = [
        "# Benchmark results",
        "",
        f"Measured {machine_['date']} on {machine_['cpu']}, {machine_['cores']} cores, "
        f"{machine_['memory_gb']} GB memory, Python {machine_['python']}, {machine_['system']}.",
        "",
        "| | " + " | ".join(f"{r['database']} {r['server_version']}" for r in report["results"]),
        "|---|" + "---|" * len(report["results"]),
    ]
    rows = [
        ("documents indexed", lambda r: f"{r['documents']:,}"),
        ("seed time (s)", lambda r: r["seed_seconds"]),
        ("index rebuild (s)", lambda r: r["rebuild_seconds"]),
        ("index rebuild (documents/s)", lambda r: f"{r['rebuild_docs_per_second']:,}"),
    ]
    for series in ("matching", "matching_keyword_50km"):
        for stat in ("p50_ms", "p95_ms", "p99_ms", "mean_matches", "load_average"):
            rows.append((f"{series} {stat}", lambda r, a=series, b=stat: r[a].get(b, "")))
    for label, value in rows:
        lines.append(f"| {label} | " + " | ".join(str(value(r)) for r in report["results"]))
    lines += render_pages(report.get("pages")) + procurement.render(report.get("procurement"))
    lines += reports.render(report.get("reports"))
    return "\n".join(lines) + "\n" + NOTES


def render_pages(series: dict | None) -> list[str]:
    """The page series as a table, with the ratio of each page to the bare view."""
    if not series:
        return []
    lines = [
        "",
        f"### Pages: gunicorn ({series['workers']} sync workers, production settings, "
        f"PostgreSQL, demo data), wrk with {series['connections']} connections, "
        f"{series['seconds']} s per page",
        "",
        "| page | requests/s | p50 ms | p95 ms | ratio to bare view | non-2xx | load average |",
        "|---|---|---|---|---|---|---|",
    ]
    for page in series["pages"]:
        lines.append(
            f"| {page['name']} | {page['requests_per_second']:,.0f} | {page['p50_ms']} "
            f"| {page['p95_ms']} | {page['ratio']} | {page['non_2xx']} | {page['load_average']} |"
        )
    rss = ", ".join(f"{size} MB" for size in series["worker_rss_mb"])
    lines += ["", f"Resident size of each worker after the run: {rss}."]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--scales", default="200000")
    parser.add_argument("--scale-queries", type=int, default=300)
    parser.add_argument("--no-pages", action="store_true")
    parser.add_argument("--no-procurement", action="store_true")
    parser.add_argument("--no-reports", action="store_true")
    args, extra = parser.parse_known_args()
    runs = [(database, extra) for database in args.databases.split(",")]
    runs += [
        ("postgres", scaled(int(size), args.scale_queries))
        for size in args.scales.split(",")
        if size
    ]
    results = []
    for database, arguments in runs:
        try:
            results.append(run(database, arguments))
        except psycopg.OperationalError as error:
            print(f"bench: {database} skipped, unreachable: {error}", file=sys.stderr)
    OUT.mkdir(exist_ok=True)
    report = {"machine": machine(), "results": results}
    if not args.no_pages:
        report["pages"] = pages()
    if not args.no_procurement:
        report["procurement"] = procurement.series()
    if not args.no_reports:
        report["reports"] = reports.series()
    (OUT / "results.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    results = HERE / "RESULTS.md"
    analysis = results.read_text().partition(ANALYSIS)[2] if results.exists() else ""
    results.write_text(render(report) + (f"\n{ANALYSIS}{analysis}" if analysis else ""))
    print(render(report))


if __name__ == "__main__":
    main()
