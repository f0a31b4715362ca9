"""Django admin for administrators: agencies, judicial offices, organizations and memberships.

Verification decisions are taken on the verification screen, which records them; here the
status is read-only.
"""

from django.contrib import admin

from portal.organizations.models import (
    CorrectionsAgency,
    JudicialOffice,
    Jurisdiction,
    Membership,
    Organization,
    StaffAssignment,
)


@admin.register(Jurisdiction)
class JurisdictionAdmin(admin.ModelAdmin):
    """Divisions come from GB/T 2260 data loaded by migration: searchable, never edited."""

    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class JudicialOfficeInline(admin.TabularInline):
    model = JudicialOffice
    autocomplete_fields = ["jurisdiction"]
    extra = 0


@admin.register(CorrectionsAgency)
class CorrectionsAgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "jurisdiction", "phone"]
    search_fields = ["name", "jurisdiction__name", "jurisdiction__code"]
    autocomplete_fields = ["jurisdiction"]
    inlines = [JudicialOfficeInline]


@admin.register(JudicialOffice)
class JudicialOfficeAdmin(admin.ModelAdmin):
    list_display = ["name", "agency", "jurisdiction", "phone"]
    list_filter = ["agency"]
    search_fields = ["name", "jurisdiction__name"]
    autocomplete_fields = ["jurisdiction", "agency"]


class MembershipInline(admin.TabularInline):
    model = Membership
    autocomplete_fields = ["user"]
    extra = 0


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "credit_code", "jurisdiction", "status", "created_at"]
    list_filter = ["kind", "status"]
    search_fields = ["name", "credit_code", "legal_representative"]
    autocomplete_fields = ["jurisdiction"]
    readonly_fields = ["status", "rejection_reason", "verified_by", "verified_at", "created_at"]
    inlines = [MembershipInline]


@admin.register(StaffAssignment)
class StaffAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "agency", "judicial_office"]
    list_filter = ["agency"]
    search_fields = ["user__email", "user__last_name"]
    autocomplete_fields = ["user", "agency", "judicial_office"]
