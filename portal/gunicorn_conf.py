"""Gunicorn settings for deployment (and the page series and smoke test): the app and
jieba's dictionary (about 63 MB, read by any keyword search) are loaded once in the master
before the workers fork, so the workers share those pages copy-on-write instead of each
loading its own copy. `gc.freeze()` keeps the collector from touching (and so copying) them.

Use: `gunicorn portal.wsgi -c portal/gunicorn_conf.py --workers=N --bind=...`.
"""

import gc

preload_app = True


def when_ready(server) -> None:
    """Before the workers fork: load the segmentation dictionary, freeze what is loaded."""
    import jieba

    jieba.initialize()
    gc.freeze()
