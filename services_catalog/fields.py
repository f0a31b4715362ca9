"""The catalog's migrations name this path; the field itself lives in the kernel."""

from portal.fields import MultipleChoiceField

__all__ = ["MultipleChoiceField"]
