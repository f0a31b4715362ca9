"""`python -m bench`: seed each database, rebuild the offer index, time matching, write RESULTS.md.

Usage: python -m bench [--databases sqlite,postgres] [--persons N --offers N ... for a quick run]
PostgreSQL is reached at BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432),
database `marketplace_bench`, dropped and recreated on each run; SQLite at bench/out/.
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--databases", default="sqlite,postgres")
    args, extra = parser.parse_known_args()
    results = [run(database, extra) for database in args.databases.split(",")]
    OUT.mkdir(exist_ok=True)
    report = {"machine": machine(), "results": results}
    (OUT / "results.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
