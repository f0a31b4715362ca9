"""Our own codelists (eligibility, delivery modes, audiences) published as a second HSDS taxonomy.

Every HSDS attribute must link to a taxonomy term; the codes an offer carries (its delivery modes,
genders, correction types, supervision levels, audiences, seats and waiting list) are the terms of
this taxonomy. A field has a parent term; each of its codes is a child term.
"""

import uuid
from dataclasses import dataclass

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from matching.eligibility import CorrectionType, Gender, SupervisionLevel
from services_catalog.models import DeliveryMode

NAMESPACE = uuid.UUID("6f1c2d7e-3b8a-5c4d-9e0f-a1b2c3d4e5f6")
TAXONOMY_SLUG = "reintegration-service-codelists"


class Audience(models.TextChoices):
    ADULTS = "adults", _("Adults")
    JUVENILES = "juveniles", _("Juveniles")


@dataclass(frozen=True)
class Codelist:
    """One field of an offer whose values are codes (or, for seats, a number)."""

    field: str
    label: object
    choices: type[models.Choices] | None


CODELISTS = (
    Codelist("delivery_modes", _("Delivery modes"), DeliveryMode),
    Codelist("genders", _("Genders"), Gender),
    Codelist("correction_types", _("Correction types"), CorrectionType),
    Codelist("supervision_levels", _("Supervision levels"), SupervisionLevel),
    Codelist("audience", _("Audience"), Audience),
    Codelist("seats", _("Seats"), None),
    Codelist("waiting_list", _("Waiting list when full"), None),
)
BY_FIELD = {codelist.field: codelist for codelist in CODELISTS}


def _id(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, ":".join(parts)))


def taxonomy_id() -> str:
    return _id("taxonomy", TAXONOMY_SLUG)


def term_id(field: str, value: str = "") -> str:
    """The term of a code; a field's own term when no value (seats and waiting list)."""
    codelist = BY_FIELD[field]
    if codelist.choices is None or not value:
        return _id("codelist", field)
    return _id("codelist", field, value)


def _bilingual(label: object) -> tuple[str, str]:
    with translation.override("zh-hans"):
        chinese = str(label)
    with translation.override("en"):
        english = str(label)
    return chinese, english


def taxonomy_doc() -> dict:
    return {
        "id": taxonomy_id(),
        "name": "社区矫正服务代码表",
        "description": (
            "服务方式、适用性别、矫正类别、监管等级、服务对象、名额与候补："
            "本平台的代码表（Reintegration marketplace codelists）。"
        ),
        "version": "1",
    }


def _term(term: str, code: str, label: object, parent: str = "") -> dict:
    chinese, english = _bilingual(label)
    document = {
        "id": term,
        "code": code,
        "name": chinese,
        "description": english,
        "taxonomy": TAXONOMY_SLUG,
        "taxonomy_id": taxonomy_id(),
        "language": "zh",
    }
    if parent:
        document["parent_id"] = parent
    return document


def term_doc(field: str, value: str = "") -> dict:
    """The taxonomy term of one code of a field (or of the field itself)."""
    codelist = BY_FIELD[field]
    if codelist.choices is None or not value:
        return _term(term_id(field), field, codelist.label)
    label = dict(codelist.choices.choices).get(value, value)
    return _term(term_id(field, value), f"{field}:{value}", label, term_id(field))


def all_term_docs() -> list[dict]:
    """Every term of the codelist taxonomy, parents first."""
    terms = [term_doc(codelist.field) for codelist in CODELISTS]
    for codelist in CODELISTS:
        if codelist.choices is not None:
            terms += [term_doc(codelist.field, value) for value in codelist.choices.values]
    return terms


def code_of_term(term: dict) -> tuple[str, str] | None:
    """The (field, value) a codelist term stands for, from its code; None if not ours."""
    field, _sep, value = str(term.get("code", "")).partition(":")
    if field not in BY_FIELD:
        return None
    return field, value
