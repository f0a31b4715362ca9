"""Update every app's translation catalogs (zh_Hans, en) and fill the English one from msgids.

Each app owns its catalog in `<app>/locale/`; the site frame's lives in `portal/locale/`.
"""

import subprocess
import sys
from pathlib import Path

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
]
DJANGO_ADMIN = str(Path(sys.executable).parent / "django-admin")


def update(app_dir: Path, ignore: list[str]) -> None:
    (app_dir / "locale").mkdir(exist_ok=True)
    command = [DJANGO_ADMIN, "makemessages", "-l", "zh_Hans", "-l", "en", "--no-obsolete"]
    command += [f"--ignore={pattern}" for pattern in ignore + ["migrations/*", "tests/*"]]
    subprocess.run(command, cwd=app_dir, check=True)
    english = app_dir / "locale" / "en" / "LC_MESSAGES" / "django.po"
    if english.exists():
        subprocess.run(["msgen", "--no-wrap", "-o", str(english), str(english)], check=True)


def main() -> None:
    for app in APPS:
        update(ROOT / app, [])
    update(ROOT / "portal", [f"{Path(app).name}/*" for app in APPS if app.startswith("portal/")])


if __name__ == "__main__":
    main()
