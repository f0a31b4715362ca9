"""Wagtail's admin in the reader's language where Wagtail's own catalog falls short.

Admin strings that Wagtail leaves in English on Chinese screens, or words oddly ("分页" for the
Pages menu came from the project's pagination label), and allauth's odd greeting, are
translated in the site frame's catalog (`portal/locale`, first in LOCALE_PATHS, so it wins
over every app's and Wagtail's).

Workflow and task names are data ("Agency approval"): they are read through `gettext`, so that
screens and moderation e-mails show them in the reader's language, while the database keeps
the name as it was written.
"""

from django.db.models.query_utils import DeferredAttribute
from django.utils.translation import gettext, gettext_noop

ADMIN_STRINGS = [
    gettext_noop("Privacy and access"),
    gettext_noop("Exploring"),
    gettext_noop("Pages"),
    gettext_noop("Agency approval"),
    # allauth's Chinese greeting reads "来自…的 Hello!"
    gettext_noop("Hello from %(site_name)s!"),
]


class DisplayName(str):
    """A name as shown (translated), remembering the name as stored."""

    original: str

    def __new__(cls, original: str) -> "DisplayName":
        name = super().__new__(cls, gettext(original))
        name.original = original
        return name


class TranslatedNameAttribute(DeferredAttribute):
    """Reads a name through gettext; writes and saves the name as given."""

    def __get__(self, instance, cls=None):
        value = super().__get__(instance, cls)
        if instance is None or not isinstance(value, str) or not value:
            return value
        return DisplayName(value)

    def __set__(self, instance, value) -> None:
        instance.__dict__[self.field.attname] = getattr(value, "original", value)


def translate_names(*models) -> None:
    """Make the `name` of these models (Wagtail's Workflow and Task) read in the active language."""
    for model in models:
        field = model._meta.get_field("name")
        setattr(model, field.attname, TranslatedNameAttribute(field))
        field.pre_save = _stored_value(field)


def _stored_value(field):
    def pre_save(instance, add):
        return instance.__dict__.get(field.attname)

    return pre_save
