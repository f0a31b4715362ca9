"""Production smoke test: two gunicorn nodes, one PostgreSQL, one Redis and a task worker.

Creates a throwaway PostgreSQL database, migrates it and collects the static files (WhiteNoise),
then starts two gunicorn nodes on loopback ports with `portal.settings.production`, sharing the
database, the Redis cache (CACHE_URL) and the media folders. It logs a superuser in on node A
(password, then TOTP), continues the session on node B, publishes a draft offer through node B's
Wagtail admin, finds it in both nodes' public catalog, checks that its index task waits in the
queue and the offer is not in the index, starts `manage.py db_worker` and checks that the worker
put the offer in the index and the site search on both nodes finds it. Every process it started
is stopped, the database dropped and the Redis databases emptied on any exit.

    .venv/bin/python scripts/smoke.py
    SMOKE_TASKS=redis .venv/bin/python scripts/smoke.py   # the task queue in Redis, an RQ worker

Environment: SMOKE_PG_URL (server, default postgres://postgres@127.0.0.1:5432), SMOKE_REDIS_URL
(a Redis database of its own that is emptied, default redis://127.0.0.1:6379/15), SMOKE_TASKS
(`database`, the default, or `redis`: TASKS_REDIS_URL is then SMOKE_TASKS_REDIS_URL, another
Redis database that is emptied, default redis://127.0.0.1:6379/13, and the worker is
`manage.py rqworker`).
"""

import base64
import hashlib
import hmac
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

import psycopg
import redis
from rq import Queue

ROOT = Path(__file__).resolve().parent.parent
PG_URL = os.environ.get("SMOKE_PG_URL", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("SMOKE_REDIS_URL", "redis://127.0.0.1:6379/15")
TASKS_IN_REDIS = os.environ.get("SMOKE_TASKS", "database") == "redis"
TASKS_REDIS_URL = os.environ.get("SMOKE_TASKS_REDIS_URL", "redis://127.0.0.1:6379/13")
HOST = "127.0.0.1"
EMAIL, PASSWORD = "smoke-admin@example.cn", secrets.token_urlsafe(16)
TOTP_SECRET = base64.b32encode(secrets.token_bytes(20)).decode()
TITLE = f"冒烟测试心理咨询{secrets.token_hex(4)}"
WAIT_SECONDS = 120


class SmokeFailure(Exception):
    pass


@dataclass
class Run:
    """What the smoke test started, to be stopped and removed on any exit."""

    database: str = f"smoke_{secrets.token_hex(4)}"
    folder: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="smoke-")))
    processes: list[subprocess.Popen] = field(default_factory=list)
    passed: int = 0

    def env(self) -> dict[str, str]:
        return os.environ | {
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "FIELD_ENCRYPTION_KEY": "smoke-field-encryption-key",
            "AUDIT_HASH_KEY": "smoke-audit-hash-key",
            "DATABASE_URL": f"{PG_URL}/{self.database}",
            "CACHE_URL": REDIS_URL,
            "ALLOWED_HOSTS": HOST,
            "SITE_URL": f"https://{HOST}",
            "EMAIL_URL": "consolemail://",
            "MEDIA_ROOT": str(self.folder / "media"),
            "PRIVATE_MEDIA_ROOT": str(self.folder / "private_media"),
            "STATIC_ROOT": str(self.folder / "static"),
            "TASKS_REDIS_URL": TASKS_REDIS_URL if TASKS_IN_REDIS else "",
        }


RUN = Run()
ENV = RUN.env()


def check(name: str, ok: bool, detail: str = "") -> None:
    if not ok:
        print(f"FAIL {name}{': ' + detail if detail else ''}", flush=True)
        raise SmokeFailure(name)
    RUN.passed += 1
    print(f"PASS {name}", flush=True)


def manage(*args: str) -> str:
    """Run a manage.py command to its end in the production environment; its output."""
    done = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    if done.returncode:
        raise SmokeFailure(f"manage.py {' '.join(args)}: {done.stderr[-2000:]}")
    return done.stdout


def start(name: str, *command: str) -> None:
    """Start a long-running process in its own process group, its output to a log file."""
    log = (RUN.folder / f"{name}.log").open("w")
    RUN.processes.append(
        subprocess.Popen(  # noqa: S603
            command, cwd=ROOT, env=ENV, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def totp_code(secret: str) -> str:
    """The code an authenticator app shows now (RFC 6238: SHA-1, 30 s, six digits)."""
    counter = struct.pack(">Q", int(time.time()) // 30)
    digest = hmac.new(base64.b32decode(secret), counter, hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


@dataclass
class Response:
    status: int
    location: str
    text: str
    headers: dict[str, str]


@dataclass
class Visitor:
    """A browser: cookies kept across nodes, requests sent as the reverse proxy forwards them."""

    cookies: dict[str, str] = field(default_factory=dict)

    def request(self, port: int, path: str, data: dict | None = None) -> Response:
        origin = f"https://{HOST}:{port}"
        headers = {"Host": f"{HOST}:{port}", "X-Forwarded-Proto": "https"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data)
            headers |= {
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": origin,
                "Referer": origin + path,
            }
        connection = http.client.HTTPConnection(HOST, port, timeout=60)
        connection.request("POST" if data is not None else "GET", path, body, headers)
        answer = connection.getresponse()
        text = answer.read().decode("utf-8", "replace")
        for line in answer.headers.get_all("Set-Cookie") or []:
            for morsel in SimpleCookie(line).values():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(morsel.key, None)
                else:
                    self.cookies[morsel.key] = morsel.value
        connection.close()
        return Response(
            answer.status, answer.headers.get("Location", ""), text, dict(answer.headers)
        )

    def post_form(self, port: int, path: str, fields: dict) -> Response:
        """Open a form's page, then post it with the page's CSRF token."""
        page = self.request(port, path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        if token is None:
            raise SmokeFailure(f"no form at {path} (status {page.status})")
        return self.request(port, path, fields | {"csrfmiddlewaretoken": token.group(1)})


def sql_value(query: str, *params) -> int:
    with psycopg.connect(ENV["DATABASE_URL"], autocommit=True) as connection:
        return connection.execute(query, params).fetchone()[0]


def wait_until(what, seconds: int = WAIT_SECONDS) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if what():
            return True
        time.sleep(0.5)
    return False


def answers(port: int) -> bool:
    try:
        return Visitor().request(port, "/healthz/").status == 200
    except OSError:
        return False


def prepare() -> int:
    """The database, the static files, the nodes' shared folders and the test's data."""
    _empty_redis()
    with psycopg.connect(f"{PG_URL}/postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{RUN.database}"')
    manage("migrate", "--noinput", "-v0")
    manage("collectstatic", "--noinput", "-v0")
    check(
        "throwaway database migrated, static files collected with their manifest",
        (RUN.folder / "static" / "staticfiles.json").exists(),
    )
    offer = manage("shell", "-c", _setup_command())
    return int(offer.strip().splitlines()[-1])


def _setup_command() -> str:
    arguments = json.dumps(["smoke_setup", EMAIL, PASSWORD, TOTP_SECRET, TITLE])
    return (
        f"import runpy, sys; sys.argv = {arguments}; "
        f"runpy.run_path({str(ROOT / 'scripts' / 'smoke_setup.py')!r}, run_name='__main__')"
    )


def start_nodes() -> tuple[int, int]:
    ports = free_port(), free_port()
    for name, port in zip("AB", ports, strict=True):
        start(
            f"node-{name}",
            sys.executable,
            "-m",
            "gunicorn",
            "portal.wsgi:application",
            f"--config={ROOT / 'portal' / 'gunicorn_conf.py'}",
            f"--bind={HOST}:{port}",
            "--workers=2",
            "--access-logfile=-",
        )
    check(
        f"two gunicorn nodes answer (A on {ports[0]}, B on {ports[1]})",
        all(wait_until(lambda port=port: answers(port)) for port in ports),
        f"see the node logs in {RUN.folder}",
    )
    return ports


def log_in_and_move(node_a: int, node_b: int) -> Visitor:
    """Password and TOTP on node A; the same session then works on node B."""
    admin = Visitor()
    first = admin.post_form(node_a, "/accounts/login/", {"login": EMAIL, "password": PASSWORD})
    check("password accepted on node A, TOTP asked", "/2fa/" in first.location, _where(first))
    second = admin.post_form(node_a, first.location, {"code": totp_code(TOTP_SECRET)})
    check("TOTP code accepted on node A", second.status == 302, _where(second))
    dashboard = admin.request(node_a, "/dashboard/")
    check("logged in on node A", dashboard.status == 200, _where(dashboard))
    moved = admin.request(node_b, "/dashboard/")
    check(
        "the session continues on node B",
        moved.status == 200 and "/accounts/logout/" in moved.text,
        _where(moved),
    )
    return admin


def _where(response: Response) -> str:
    return f"status {response.status} {response.location}"


def publish(admin: Visitor, node: int, offer: int) -> None:
    path = f"/admin/bulk/wagtailcore/page/publish/?id={offer}"
    done = admin.post_form(node, path, {})
    live = sql_value("SELECT count(*) FROM wagtailcore_page WHERE id = %s AND live", offer)
    check("the offer is published through node B's Wagtail admin", live == 1, _where(done))


def in_catalog(port: int) -> bool:
    return TITLE in Visitor().request(port, "/services/").text


def in_search(port: int) -> bool:
    """Whether the site search lists the offer among its hits (the page repeats the query)."""
    query = urllib.parse.urlencode({"q": TITLE})
    hits = Visitor().request(port, f"/search/?{query}").text.split('class="card search-hit"')[1:]
    return any(TITLE in hit.split("</li>")[0] for hit in hits)


def indexed(offer: int) -> int:
    return sql_value(
        "SELECT count(*) FROM matching_offerindexentry WHERE key = %s", f"service:{offer}"
    )


def queued(offer: int) -> int:
    if TASKS_IN_REDIS:
        queue = Queue("default", connection=redis.Redis.from_url(TASKS_REDIS_URL))
        return sum(f"service:{offer}" in repr((job.args, job.kwargs)) for job in queue.jobs)
    return sql_value(
        "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'READY'"
        " AND task_path LIKE %s AND args_kwargs::text LIKE %s",
        "%offer_reindex",
        f"%service:{offer}%",
    )


def main() -> None:
    offer = prepare()
    node_a, node_b = start_nodes()
    admin = log_in_and_move(node_a, node_b)
    check(
        "before publication, neither catalog shows the offer",
        not any(map(in_catalog, (node_a, node_b))),
    )
    publish(admin, node_b, offer)
    check(
        "both nodes' public catalogs show the offer (shared cache invalidated)",
        in_catalog(node_a) and in_catalog(node_b),
    )
    check("its index task waits for the worker", queued(offer) >= 1)
    check("without a worker the offer is not in the index", indexed(offer) == 0)
    check("without a worker node A's site search does not find it", not in_search(node_a))
    start("worker", sys.executable, "manage.py", *WORKER)
    check("the task worker put the offer in the index", wait_until(lambda: indexed(offer) == 1))
    check("the task is done", wait_until(lambda: queued(offer) == 0))
    check(
        "both nodes' site search finds it",
        wait_until(lambda: in_search(node_a) and in_search(node_b), 20),
    )
    static_files(node_a, node_b)


WORKER = (
    ("rqworker", "default", "--job-class=django_tasks_rq.Job")
    if TASKS_IN_REDIS
    else ("db_worker", "--queue-name=*", "--no-reload")
)


def static_files(node_a: int, node_b: int) -> None:
    home = Visitor().request(node_a, "/services/").text
    found = re.search(r'(/static/[^"]+\.[0-9a-f]{12}\.css)', home)
    check("pages link hashed static files (collectstatic manifest)", found is not None)
    asset = Visitor().request(node_b, found.group(1))
    check(
        "WhiteNoise serves them on node B with a long cache lifetime",
        asset.status == 200 and "immutable" in asset.headers.get("Cache-Control", ""),
        f"status {asset.status} {asset.headers.get('Cache-Control')}",
    )


def stop_everything() -> None:
    for process in RUN.processes:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    for process in RUN.processes:
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    try:
        with psycopg.connect(f"{PG_URL}/postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{RUN.database}" WITH (FORCE)')
        _empty_redis()
    finally:
        shutil.rmtree(RUN.folder, ignore_errors=True)


def _empty_redis() -> None:
    redis.Redis.from_url(REDIS_URL).flushdb()
    if TASKS_IN_REDIS:
        redis.Redis.from_url(TASKS_REDIS_URL).flushdb()


def _terminated(signum, _frame) -> None:
    raise SmokeFailure(f"stopped by signal {signum}")


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _terminated)
    signal.signal(signal.SIGINT, _terminated)
    started = time.monotonic()
    failed = 0
    try:
        main()
    except Exception as failure:  # noqa: BLE001 - every failure is reported, then cleaned up
        failed = 1
        print(f"FAIL smoke test stopped: {failure!r}", flush=True)
        for log in sorted(RUN.folder.glob("*.log")):
            print(f"--- last lines of {log.name}\n" + "\n".join(log.read_text().splitlines()[-15:]))
    finally:
        stop_everything()
    print(f"task queue: {'Redis (RQ worker)' if TASKS_IN_REDIS else 'database (db_worker)'}")
    print(f"smoke test took {time.monotonic() - started:.0f} s")
    print(f"smoke: {RUN.passed} passed, {failed} failed")
    sys.exit(failed)
