"""`make run` serves on the port asked for (`PORT=8001 make run`), 8000 by default."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAKE = shutil.which("make")

pytestmark = pytest.mark.skipif(MAKE is None, reason="make is not installed")


def _dry_run(*arguments: str, port: str | None = None) -> list[str]:
    """The commands `make run` would run, printed and not run (`-n`); the install stamp is
    taken as up to date (`-o`), so nothing is rebuilt either way."""
    environment = {key: value for key, value in os.environ.items() if key != "PORT"}
    if port is not None:
        environment["PORT"] = port
    done = subprocess.run(  # noqa: S603  (a fixed command: make's dry run of `run`)
        [str(MAKE), "-n", "-o", ".venv/.installed", "run", *arguments],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    return done.stdout.splitlines()


def _runserver(lines: list[str]) -> str:
    (line,) = [line for line in lines if "manage.py runserver" in line]
    return line


def test_run_serves_on_port_8000_by_default():
    assert _runserver(_dry_run()).endswith("manage.py runserver 127.0.0.1:8000")


def test_port_from_the_environment_as_the_readme_says():
    assert _runserver(_dry_run(port="8001")).endswith("manage.py runserver 127.0.0.1:8001")


def test_port_on_the_command_line():
    assert _runserver(_dry_run("PORT=8001")).endswith("manage.py runserver 127.0.0.1:8001")


def test_the_dry_run_only_prints_what_run_would_do():
    lines = _dry_run()
    assert not any("pip install" in line for line in lines)  # the stamp is taken as done
    assert any("manage.py migrate" in line for line in lines)  # printed, not run
