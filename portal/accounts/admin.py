"""Django admin for users: administrators correct accounts; staff are created on their screen."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import OversightProfile, User


class OversightProfileInline(admin.StackedInline):
    """An oversight account's body and the province, city or county it reads for."""

    model = OversightProfile
    can_delete = False
    raw_id_fields = ["jurisdiction"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "last_name", "first_name", "role", "is_active", "is_superuser"]
    list_filter = ["role", "is_active", "is_superuser", "groups"]
    search_fields = ["email", "last_name", "first_name", "phone"]
    inlines = [OversightProfileInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("last_name", "first_name", "phone", "role")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "role", "password1", "password2")}),
    )
