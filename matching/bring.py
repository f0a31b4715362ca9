"""What an offer asks a referred person to bring: the two fields every offer model declares
(documents from the shared list, other things one per line) and how they become the
`ThingsToBring` a referral keeps."""

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from matching.eligibility import DocumentToBring
from matching.types import ThingsToBring
from portal.fields import MultipleChoiceField


def documents_to_bring_field() -> MultipleChoiceField:
    """Documents of the shared list, which the person reads named in their own language."""
    return MultipleChoiceField(
        _("documents to bring"),
        item_choices=DocumentToBring.choices,
        help_text=_("Referred persons are told to bring these, named in their language."),
    )


def other_things_to_bring_field() -> models.TextField:
    """Anything else to bring, written by the provider (shown as written)."""
    return models.TextField(
        _("other things to bring"),
        blank=True,
        help_text=_("One per line, as you want the person to read it."),
    )


def lines(text: str) -> tuple[str, ...]:
    """The non-empty lines of a text, trimmed."""
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def things_to_bring(*, documents: list[str], other: str) -> ThingsToBring:
    """An offer's two fields as what a referral keeps (unknown document values dropped)."""
    known = [code for code in documents if code in DocumentToBring.values]
    return ThingsToBring(documents=tuple(known), other=lines(other))


def document_named(text: str) -> str:
    """The shared list's value that a text names in any site language ("" when none does)."""
    wanted = text.strip().casefold()
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for code, label in DocumentToBring.choices:
                if str(label).casefold() == wanted:
                    return code
    return ""


def things_named(texts: list[str]) -> tuple[list[str], str]:
    """Texts read back into the two fields: those naming a listed document become its value,
    the others stay as lines of text."""
    documents: list[str] = []
    other: list[str] = []
    for text in (text.strip() for text in texts):
        code = document_named(text)
        if code and code not in documents:
            documents.append(code)
        elif text and not code:
            other.append(text)
    return documents, "\n".join(other)


def things_written(things: ThingsToBring, *, language: str) -> list[str]:
    """What to bring as texts in one language: the listed documents named, then the others."""
    labels = dict(DocumentToBring.choices)
    with translation.override(language):
        named = [str(labels[code]) for code in things.documents if code in labels]
    return named + list(things.other)
