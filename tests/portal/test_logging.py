"""Identity numbers never reach a log line: every handler masks them (portal.identity)."""

import io
import logging

import pytest

from django.conf import settings

from portal.identity import IDENTITY_NUMBER_MASK, IdentityNumberLogFilter

NUMBER = "410102199001011234"


def _record(msg, args=(), exc_info=None) -> logging.LogRecord:
    return logging.LogRecord("django.server", logging.INFO, __file__, 1, msg, args, exc_info)


def test_the_message_and_its_arguments_are_masked():
    record = _record('"%s" %s %s', (f"GET /casework/?q={NUMBER} HTTP/1.1", 200, 512))
    assert IdentityNumberLogFilter().filter(record) is True
    assert record.getMessage() == f'"GET /casework/?q={IDENTITY_NUMBER_MASK} HTTP/1.1" 200 512'


@pytest.mark.parametrize(
    "path",
    [
        f"/services/?q={NUMBER}",
        "/services/?q=410102+19900101+1234",
        "/services/?q=410102%2019900101%20123X",
        "/search/?q=41010219900101123x",
        "/x/?q=410102900101123",
    ],
)
def test_numbers_in_request_paths_and_query_strings_are_masked(path):
    record = _record("Not Found: %s", (path,))
    IdentityNumberLogFilter().filter(record)
    assert IDENTITY_NUMBER_MASK in record.getMessage()
    assert "19900101" not in record.getMessage() and "900101123" not in record.getMessage()


def test_a_traceback_mentioning_a_number_is_masked():
    try:
        raise ValueError(f"bad {NUMBER}")
    except ValueError as error:
        record = _record("failed", exc_info=(type(error), error, error.__traceback__))
    IdentityNumberLogFilter().filter(record)
    assert NUMBER not in logging.Formatter().format(record)


def test_records_without_numbers_are_left_alone():
    record = _record("GET /services/?page=%s", (2,))
    IdentityNumberLogFilter().filter(record)
    assert record.msg == "GET /services/?page=%s" and record.args == (2,)


def test_every_configured_handler_masks_numbers():
    handlers = settings.LOGGING["handlers"]
    assert handlers and all(
        "mask_identity_numbers" in h.get("filters", []) for h in handlers.values()
    )


@pytest.mark.parametrize("name", ["django.server", "django.request", "django", "gunicorn.access"])
def test_request_loggers_write_masked_lines(name):
    logger = logging.getLogger(name)
    handlers = [h for h in _effective_handlers(logger) if isinstance(h, logging.StreamHandler)]
    assert handlers
    stream = io.StringIO()
    previous = [handler.setStream(stream) for handler in handlers]
    try:
        logger.warning('"GET /casework/?q=%s HTTP/1.1" 200', NUMBER)
    finally:
        for handler, old in zip(handlers, previous, strict=True):
            handler.setStream(old)
    assert NUMBER not in stream.getvalue() and IDENTITY_NUMBER_MASK in stream.getvalue()


def _effective_handlers(logger: logging.Logger) -> list[logging.Handler]:
    found: list[logging.Handler] = []
    current: logging.Logger | None = logger
    while current is not None:
        found += current.handlers
        current = current.parent if current.propagate else None
    return found
