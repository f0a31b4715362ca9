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


class DocumentToBring(models.TextChoices):
    """Documents an offer may ask a referred person to bring, named in every language."""

    IDENTITY_CARD = "identity_card", _("Identity card")
    CORRECTIONS_NOTICE = "corrections_notice", _("Notice of community corrections (copy)")
    HOUSEHOLD_REGISTER = "household_register", _("Household register")
    PHOTO = "photo", _("Passport-size photos")
    CV = "cv", _("CV")
    CERTIFICATES = "certificates", _("Diplomas and skill certificates")
    HEALTH_CERTIFICATE = "health_certificate", _("Health certificate")
    BANK_CARD = "bank_card", _("Bank card")
