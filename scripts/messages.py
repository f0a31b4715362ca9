"""Update the translation catalogs (zh_Hans, en) and fill the English one from the msgids.

Each app owns its catalog in `<app>/locale/`; the site frame's lives in `portal/locale/`.
Usage: `python scripts/messages.py` updates every catalog; `python scripts/messages.py cms portal`
updates only the named ones.
"""

import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
APPS = [
    "portal/accounts",
    "portal/organizations",
    "portal/audit",
    "matching",
    "cms",
    "services_catalog",
    "volunteers",
    "employment",
    "casework",
    "procurement",
    "reports",
]
KERNEL_APPS = [app for app in APPS if app.startswith("portal/")]
DJANGO_ADMIN = str(Path(sys.executable).parent / "django-admin")


def update(app_dir: Path, ignore: list[str]) -> None:
    """Run makemessages for one directory, then make the English msgstrs equal to the msgids."""
    (app_dir / "locale").mkdir(exist_ok=True)
    command = [DJANGO_ADMIN, "makemessages", "-l", "zh_Hans", "-l", "en", "--no-obsolete"]
    command += [f"--ignore={pattern}" for pattern in ignore + ["migrations/*", "tests/*"]]
    subprocess.run(command, cwd=app_dir, check=True)  # noqa: S603 (fixed command, our own paths)
    english = app_dir / "locale" / "en" / "LC_MESSAGES" / "django.po"
    if english.exists():
        fill_english(english)


def fill_english(path: Path) -> None:
    """Make every English msgstr its msgid (msgen keeps stale text that msgmerge guessed)."""
    catalog = polib.pofile(str(path), wrapwidth=0)
    for entry in catalog:
        if entry.msgid_plural:
            entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
        else:
            entry.msgstr = entry.msgid
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    catalog.save()


def main(names: list[str]) -> None:
    """Update the named catalogs (every one when no name is given)."""
    unknown = set(names) - {*APPS, "portal"}
    if unknown:
        sys.exit(
            f"Unknown catalog(s): {', '.join(sorted(unknown))}; choose from {APPS + ['portal']}"
        )
    for app in APPS:
        if not names or app in names:
            update(ROOT / app, [])
    if not names or "portal" in names:
        frame_ignore = [f"{Path(app).name}/*" for app in KERNEL_APPS] + ["locale/*", "static/*"]
        update(ROOT / "portal", frame_ignore)


if __name__ == "__main__":
    main(sys.argv[1:])
