"""The production settings as deployed, plus the bench-only URL of the bare view."""

from portal.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
