"""The page series: the site as deployed (gunicorn, production settings, PostgreSQL seeded with
the demo) under a load generator that stops by itself, every page next to a bare Django view
answering "ok" on the same server in the same run. Loopback only.

Run by `python -m bench` (or `python -m bench.pages` alone); prints its figures as JSON.
"""

import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

import psycopg

ROOT = Path(__file__).resolve().parent.parent
POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
DATABASE = os.environ.get("BENCH_PAGES_DATABASE", "marketplace_bench_pages")
HOST = "127.0.0.1"
PORT = int(os.environ.get("BENCH_PORT", "8765"))
WORKERS = 2
CONNECTIONS = 8
SECONDS = int(os.environ.get("BENCH_PAGE_SECONDS", "10"))
LUA = Path(__file__).resolve().parent / "percentiles.lua"
# Any cookie but the language choice bypasses the public page cache: the uncached figures.
NO_CACHE = "bench=uncached"

SETUP = """
import json
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.test import Client
from casework.selectors import persons_visible_to
from cms.models import NewsIndexPage, PolicyIndexPage
from services_catalog.models import ServiceOfferPage

caseworker = get_user_model().objects.get(email="caseworker@demo.cn")
Authenticator.objects.get_or_create(
    user=caseworker, type="totp", defaults={"data": {"secret": "JBSWY3DPEHPK3PXP"}}
)
client = Client()
client.force_login(caseworker)
person = persons_visible_to(caseworker).filter(is_juvenile=False).first()
print(json.dumps({
    "offer": ServiceOfferPage.objects.live().first().url,
    "news": NewsIndexPage.objects.live().first().url,
    "policies": PolicyIndexPage.objects.live().first().url,
    "session": client.cookies["sessionid"].value,
    "person": person.pk,
}))
"""


def environment(database_url: str, scratch: Path) -> dict:
    """The production settings' environment for a throwaway deployment."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.production",
        "DATABASE_URL": database_url,
        "SECRET_KEY": secrets.token_urlsafe(40),
        "FIELD_ENCRYPTION_KEY": secrets.token_urlsafe(32),
        "ALLOWED_HOSTS": HOST,
        "SECURE_SSL_REDIRECT": "False",
        "STATIC_ROOT": str(scratch / "static"),
        "MEDIA_ROOT": str(scratch / "media"),
        "PRIVATE_MEDIA_ROOT": str(scratch / "private"),
        "EMAIL_URL": "dummymail://",
    }


def manage(env: dict, *args: str) -> str:
    """Run a management command of the deployment; its standard output."""
    done = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args], env=env, cwd=ROOT, check=False, capture_output=True
    )
    if done.returncode:
        sys.stderr.write(done.stderr.decode()[-3000:])
        raise SystemExit(f"bench: pages: manage.py {' '.join(args)} failed")
    return done.stdout.decode()


def deploy(env: dict) -> dict:
    """A fresh database with the demo, the offer index and the static files; the URLs to load.

    With BENCH_PAGES_REUSE set, a database left by an earlier run is kept (the 10-minute seed is
    skipped); only the static files are collected again."""
    if os.environ.get("BENCH_PAGES_REUSE") and database_exists():
        manage(env, "collectstatic", "--noinput")
        return json.loads(manage(env, "shell", "-c", SETUP).strip().splitlines()[-1])
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}"')
        connection.execute(f'CREATE DATABASE "{DATABASE}"')
    for command in (
        ["migrate", "--noinput"],
        ["createcachetable"],
        ["seed_demo"],
        ["matching_index", "rebuild"],
        ["collectstatic", "--noinput"],
    ):
        manage(env, *command)
    return json.loads(manage(env, "shell", "-c", SETUP).strip().splitlines()[-1])


def database_exists() -> bool:
    """Whether the page series' database is there (from an earlier run)."""
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE])
        return found.fetchone() is not None


def pages(site: dict) -> list[tuple[str, str, str]]:
    """(name, path, cookie) of every measured page; the bare view first."""
    keyword = quote("心理")
    match = f"/casework/persons/{site['person']}/match/"
    return [
        ("bare view", "/bench/ok/", ""),
        ("health check", "/healthz/", ""),
        ("home", "/", ""),
        ("catalog", "/services/", ""),
        ("catalog, county filter", "/services/?county=410422&cost=free", ""),
        ("catalog, keyword", f"/services/?q={keyword}", ""),
        ("offer page", site["offer"], ""),
        ("jobs", "/jobs/", ""),
        ("news", site["news"], ""),
        ("policy library", site["policies"], ""),
        ("HSDS services", "/api/hsds/services", ""),
        ("home, uncached", "/", NO_CACHE),
        ("catalog, uncached", "/services/", NO_CACHE),
        ("catalog keyword, uncached", f"/services/?q={keyword}", NO_CACHE),
        ("HSDS services, uncached", "/api/hsds/services", NO_CACHE),
        ("matching screen (caseworker)", match, f"sessionid={site['session']}"),
    ]


def serve(env: dict) -> subprocess.Popen:
    """Gunicorn with its sync workers on the loopback address, once it answers."""
    server = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "gunicorn",
            "portal.wsgi",
            f"--config={Path(__file__).resolve().parent.parent / 'portal' / 'gunicorn_conf.py'}",
            f"--workers={WORKERS}",
            f"--bind={HOST}:{PORT}",
            "--log-level=warning",
        ],
        env=env,
        cwd=ROOT,
    )
    for _ in range(100):
        try:
            with urllib.request.urlopen(f"http://{HOST}:{PORT}/bench/ok/", timeout=2):  # noqa: S310
                return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise RuntimeError("gunicorn did not answer")


def load(path: str, cookie: str) -> dict:
    """wrk: CONNECTIONS clients for SECONDS seconds; requests/s and latency percentiles."""
    request = urllib.request.Request(f"http://{HOST}:{PORT}{path}", headers={"Cookie": cookie})
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (warm up, check)
        status = response.status
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "-s", str(LUA)]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(  # noqa: S603
        [*command, f"http://{HOST}:{PORT}{path}"], check=True, capture_output=True, text=True
    ).stdout
    figures = json.loads(output.strip().splitlines()[-1])
    return {**figures, "status": status, "load_average": round(os.getloadavg()[0], 1)}


def worker_rss_mb(server: subprocess.Popen, field: str = "VmRSS") -> list[float]:
    """Resident memory of each gunicorn worker (children of the master), in MB; `Pss` counts
    the pages shared with the master and the other workers in proportion (smaps_rollup)."""
    sizes = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == server.pid:
                sizes.append(memory_mb(stat.parent, field))
        except (OSError, StopIteration, ValueError):
            continue
    return sizes


def memory_mb(process: Path, field: str = "VmRSS") -> float:
    """One process's `field` (VmRSS from status, Pss from smaps_rollup), in MB."""
    status = (process / ("status" if field == "VmRSS" else "smaps_rollup")).read_text()
    kb = next(line for line in status.splitlines() if line.startswith(f"{field}:"))
    return round(int(kb.split()[1]) / 1024, 1)


def memory(server: subprocess.Popen) -> dict:
    """The workers' RSS and PSS and the master's RSS (which every worker's RSS starts from)."""
    return {
        "worker_rss_mb": worker_rss_mb(server),
        "worker_pss_mb": worker_rss_mb(server, "Pss"),
        "master_rss_mb": memory_mb(Path(f"/proc/{server.pid}")),
    }


def cold_pages() -> list[tuple[str, str, str]]:
    """The catalog with no cache at all (a second server, PUBLIC_CACHE_SECONDS=0: neither the
    page nor the list fragment is kept), next to the bare view again."""
    keyword = quote("心理")
    return [
        ("bare view, second server", "/bench/ok/", ""),
        ("catalog, cold", "/services/", NO_CACHE),
        ("catalog, county filter, cold", "/services/?county=410422&cost=free", NO_CACHE),
        ("catalog keyword, cold", f"/services/?q={keyword}", NO_CACHE),
    ]


def series(env: dict, measured: list[tuple[str, str, str]]) -> tuple[list[dict], dict, dict]:
    """One server's figures for each page, and its memory once it answers and at the end."""
    server = serve(env)
    try:
        started = memory(server)
        results = []
        for name, path, cookie in measured:
            print(f"bench: pages: {name}", file=sys.stderr, flush=True)
            results.append({"name": name, "path": path, **load(path, cookie)})
        return results, started, memory(server)
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    if not shutil.which("wrk"):
        raise SystemExit("bench.pages needs wrk (apt-get install wrk)")
    scratch = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    env = environment(f"{POSTGRES}/{DATABASE}", scratch)
    print("bench: pages: deploying the demo ...", file=sys.stderr, flush=True)
    try:
        site = deploy(env)
        results, started, ended = series(env, pages(site))
        cold, _started, _ended = series({**env, "PUBLIC_CACHE_SECONDS": "0"}, cold_pages())
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    for group in (results, cold):
        bare = group[0]["requests_per_second"] or 1
        for result in group:
            result["ratio"] = round(result["requests_per_second"] / bare, 4)
    report = {
        "workers": WORKERS,
        "connections": CONNECTIONS,
        "seconds": SECONDS,
        # After the whole series; "at_start": once the server first answers.
        **ended,
        "at_start": started,
        "pages": results + cold,
    }
    json.dump(report, sys.stdout)


if __name__ == "__main__":
    main()
