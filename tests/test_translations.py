"""Every app's catalogs are complete: no untranslated or fuzzy Chinese entry, an English one."""

import shutil
import subprocess
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent


def chinese_catalogs() -> list[Path]:
    patterns = [
        "*/locale/zh_Hans/LC_MESSAGES/django.po",
        "portal/*/locale/zh_Hans/LC_MESSAGES/django.po",
    ]
    found = {path for pattern in patterns for path in ROOT.glob(pattern)}
    return sorted(path for path in found if ".venv" not in path.parts)


CATALOGS = chinese_catalogs()
IDS = [str(path.relative_to(ROOT)) for path in CATALOGS]


def test_the_site_frame_and_the_cms_have_catalogs():
    assert {
        "portal/locale/zh_Hans/LC_MESSAGES/django.po",
        "cms/locale/zh_Hans/LC_MESSAGES/django.po",
    } <= set(IDS)


@pytest.mark.parametrize("path", CATALOGS, ids=IDS)
def test_chinese_catalog_has_no_untranslated_entry(path):
    catalog = polib.pofile(str(path))

    assert [entry.msgid for entry in catalog.untranslated_entries()] == []


@pytest.mark.parametrize("path", CATALOGS, ids=IDS)
def test_chinese_catalog_has_no_fuzzy_entry(path):
    catalog = polib.pofile(str(path))

    assert [entry.msgid for entry in catalog.fuzzy_entries()] == []


@pytest.mark.parametrize("path", CATALOGS, ids=IDS)
def test_english_catalog_exists_next_to_the_chinese_one(path):
    english = path.parents[2] / "en" / "LC_MESSAGES" / "django.po"

    assert english.exists()
    assert polib.pofile(str(english)).percent_translated() == 100


@pytest.mark.parametrize("path", CATALOGS, ids=IDS)
def test_both_catalogs_compile(path, tmp_path):
    for catalog in (path, path.parents[2] / "en" / "LC_MESSAGES" / "django.po"):
        result = subprocess.run(  # noqa: S603 (our own catalogs)
            [
                shutil.which("msgfmt") or "/usr/bin/msgfmt",
                "--check-format",
                "--check-domain",
                "-o",
                str(tmp_path / "django.mo"),
                str(catalog),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
