"""Gunicorn settings for deployment (and the page series and smoke test): the app and
jieba's dictionary (read by any keyword search) are loaded once in the master before the
workers fork, so the workers share those pages copy-on-write instead of each loading its own
copy. jieba is imported here, before the app, without pkg_resources (see below). The
dictionary is kept in a compact layout (portal/segmentation.py: about 6 MB instead
of 62, the same segmentation); the memory its loading left free goes back to the system, and
`gc.freeze()` keeps the collector from touching (and so copying) what is loaded.

A worker's resident size starts at the master's (the pages it shares are counted in full), so
what the master holds before the fork is the floor of every worker's figure.

Use: `gunicorn portal.wsgi -c portal/gunicorn_conf.py --workers=N --bind=...`.
"""

import ctypes
import ctypes.util
import gc
import sys

preload_app = True


def import_jieba_without_pkg_resources() -> None:
    """Import jieba before the app does, hiding pkg_resources from it: jieba imports it (about
    5 MB in every worker, nothing else here uses it) only to open its own data files, which it
    otherwise opens from its directory (the same files)."""
    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        return
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]
    try:
        import jieba  # noqa: F401
    finally:
        del sys.modules["pkg_resources"]


import_jieba_without_pkg_resources()


def when_ready(server) -> None:
    """Before the workers fork: load the segmentation dictionary, compact it, free, freeze."""
    import jieba

    from portal.segmentation import compact_dictionary

    jieba.initialize()
    compact_dictionary(jieba.dt)
    gc.collect()
    release_free_memory()
    gc.freeze()


def release_free_memory() -> None:
    """Give the C heap's free pages back to the system (glibc's malloc_trim; else nothing)."""
    libc = ctypes.util.find_library("c")
    trim = getattr(ctypes.CDLL(libc), "malloc_trim", None) if libc else None
    if trim is not None:
        trim(0)
