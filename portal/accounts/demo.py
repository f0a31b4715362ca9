"""Kernel demo, part 2: one user per role, with verified e-mail addresses."""

import secrets

from allauth.account.models import EmailAddress

from portal.accounts.models import Role, User
from portal.accounts.roles import requires_mfa
from portal.accounts.services import mfa_totp_enroll, staff_role_setup
from portal.demo import HOME_COUNTY, DemoContext, register
from portal.organizations.models import StaffAssignment

DEMO_PASSWORD = "demo-2026-henan"  # nosec B105
# The one TOTP key of every demo staff account (DEBUG only), to add to an authenticator app.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPHENANDEMQSTAFF22"  # nosec B105

# key in ctx.shared["users"], e-mail, role, family name, given name
DEMO_USERS = [
    ("superuser", "admin@demo.cn", "", "系统", "管理员"),
    ("caseworker", "caseworker@demo.cn", Role.CASEWORKER, "张", "文华"),
    ("agency_manager", "manager@demo.cn", Role.AGENCY_MANAGER, "李", "建军"),
    ("oversight", "oversight@demo.cn", Role.OVERSIGHT, "赵", "检察"),
    ("site_editor", "editor@demo.cn", Role.SITE_EDITOR, "钱", "编辑"),
    ("provider_staff", "provider@demo.cn", Role.PROVIDER_STAFF, "王", "静"),
    ("employer_staff", "employer@demo.cn", Role.EMPLOYER_STAFF, "李", "建国"),
    ("volunteer", "volunteer@demo.cn", Role.VOLUNTEER, "孙", "志愿"),
    ("pending_owner", "pending@demo.cn", Role.PROVIDER_STAFF, "黄", "宁"),
    ("rejected_owner", "rejected@demo.cn", Role.PROVIDER_STAFF, "林", "涛"),
]


@register(order=20, name="kernel: one user per role")
def seed_users(ctx: DemoContext) -> None:
    password = DEMO_PASSWORD if ctx.show_passwords else secrets.token_urlsafe(24)
    users = {
        key: _demo_user(email, role, last, first, password)
        for key, email, role, last, first in DEMO_USERS
    }
    home = ctx.shared["agencies"][HOME_COUNTY]
    _demo_workplace(users["agency_manager"], home, None)
    _demo_workplace(
        users["caseworker"], home, home.judicial_offices.order_by("jurisdiction__code").first()
    )
    _demo_workplace(users["site_editor"], None, None)
    ctx.shared["users"] = users
    ctx.shared["password"] = password if ctx.show_passwords else None
    if ctx.show_passwords:
        for user in users.values():
            if requires_mfa(user):
                mfa_totp_enroll(user=user, actor=None, secret=DEMO_TOTP_SECRET)
        ctx.summary += [
            f"Staff (superuser, caseworker, manager, oversight) also enter a code: add the key "
            f"{DEMO_TOTP_SECRET} to an authenticator app, or run `manage.py demo_totp`.",
        ]
        ctx.summary.append(f"Demo users (password: {password}):")
        ctx.summary += [f"  {email:<22} {key}" for key, email, *_rest in DEMO_USERS]
    else:
        ctx.summary.append(
            "Demo users were given random passwords (DEBUG is off): use password reset."
        )


def _demo_user(email: str, role: str, last_name: str, first_name: str, password: str) -> User:
    superuser = role == ""
    user, _created = User.objects.update_or_create(
        email=email,
        defaults={
            "role": role,
            "last_name": last_name,
            "first_name": first_name,
            "is_superuser": superuser,
            "is_staff": superuser,
            "is_active": True,
        },
    )
    user.set_password(password)
    user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def _demo_workplace(user: User, agency, office) -> None:
    if not StaffAssignment.objects.filter(user=user).exists():
        staff_role_setup(user=user, agency=agency, judicial_office=office, actor=None)
