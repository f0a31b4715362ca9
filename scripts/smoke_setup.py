"""Data for the production smoke test (scripts/smoke.py), run in the smoke test's environment.

Makes a superuser with a verified e-mail and a TOTP authenticator, a verified social organization
with its section and one draft service offer; prints the offer's id. Arguments: the e-mail, the
password, the TOTP secret (base32) and the offer's title.
"""

import os
import sys
from datetime import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
django.setup()

from allauth.account.models import EmailAddress  # noqa: E402
from allauth.mfa.totp.internal.auth import TOTP  # noqa: E402

from matching.models import Category  # noqa: E402
from portal.accounts.models import User  # noqa: E402
from portal.organizations.models import (  # noqa: E402
    Jurisdiction,
    Organization,
    OrganizationKind,
    VerificationStatus,
)
from portal.organizations.services import section_ensure  # noqa: E402
from portal.organizations.validators import credit_code_check_character  # noqa: E402
from services_catalog.models import (  # noqa: E402
    CostKind,
    DeliveryMode,
    OfferLocation,
    OfferScheduleSlot,
    ServiceOfferPage,
)


def superuser(email: str, password: str, secret: str) -> User:
    user = User.objects.create_superuser(email=email, password=password)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    TOTP.activate(user, secret)
    return user


def organization() -> Organization:
    body = "51410400" + f"{os.getpid():09d}"
    return Organization.objects.create(
        name="河南烟测社会工作服务中心",
        kind=OrganizationKind.SOCIAL_ORGANIZATION,
        credit_code=body + credit_code_check_character(body),
        legal_representative="李明",
        jurisdiction=Jurisdiction.objects.get(code="410422"),
        address="平顶山市叶县昆阳大道1号",
        phone="0375-12345678",
        status=VerificationStatus.VERIFIED,
    )


def draft_offer(title: str, user: User) -> ServiceOfferPage:
    place = Jurisdiction.objects.get(code="410422")
    offer = ServiceOfferPage(
        title=title,
        summary="为社区矫正对象提供一对一心理咨询与情绪疏导。",
        description="<p>由持证心理咨询师提供个体咨询。</p>",
        delivery_modes=[DeliveryMode.ON_SITE],
        languages=["zh"],
        cost=CostKind.FREE,
        contact_name="王老师",
        contact_phone="0375-66668888",
        live=False,
    )
    offer.categories = list(Category.objects.filter(slug="psychological-counseling"))
    offer.locations = [
        OfferLocation(
            name="服务站",
            address="昆阳大道1号",
            jurisdiction=place,
            latitude=place.latitude,
            longitude=place.longitude,
        )
    ]
    offer.schedule = [OfferScheduleSlot(weekday=1, opens=time(9), closes=time(17))]
    section_ensure(organization=organization()).add_child(instance=offer)
    offer.save_revision(user=user)
    return offer


email, password, secret, title = sys.argv[1:5]
print(draft_offer(title, superuser(email, password, secret)).pk)
