"""The eligibility vocabulary shared by offers and supervised persons."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class CorrectionType(models.TextChoices):
    CONTROL = "control", _("Control")
    PROBATION = "probation", _("Probation")
    PAROLE = "parole", _("Parole")
    TEMPORARY_SERVICE_OUTSIDE_PRISON = "outside_prison", _("Temporary service outside prison")


class SupervisionLevel(models.TextChoices):
    STRICT = "strict", _("Strict")
    ORDINARY = "ordinary", _("Ordinary")
    LENIENT = "lenient", _("Lenient")


class OfferKind(models.TextChoices):
    SERVICE = "service", _("Service offer")
    JOB = "job", _("Job offer")
    ENTREPRENEURSHIP = "entrepreneurship", _("Entrepreneurship support")
    VOLUNTEER_OPPORTUNITY = "volunteer_opportunity", _("Volunteer opportunity")
    MENTOR = "mentor", _("Mentor")


class Language(models.TextChoices):
    MANDARIN = "zh", _("Mandarin")
    HENAN_DIALECT = "zh-henan", _("Henan dialect")
    ENGLISH = "en", _("English")
    SIGN = "sgn", _("Chinese sign language")
