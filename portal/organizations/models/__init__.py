"""Jurisdictions, agencies, judicial offices, provider organizations and their sections."""

from portal.organizations.models.organizations import (
    CorrectionsAgency,
    JudicialOffice,
    Jurisdiction,
    JurisdictionLevel,
    Membership,
    MembershipRole,
    Organization,
    OrganizationKind,
    StaffAssignment,
    VerificationStatus,
)
from portal.organizations.models.pages import (
    AgencyApprovalTask,
    ProviderSectionPage,
    ProvidersIndexPage,
    provider_place,
)

__all__ = [
    "AgencyApprovalTask",
    "CorrectionsAgency",
    "JudicialOffice",
    "Jurisdiction",
    "JurisdictionLevel",
    "Membership",
    "MembershipRole",
    "Organization",
    "OrganizationKind",
    "ProviderSectionPage",
    "ProvidersIndexPage",
    "StaffAssignment",
    "VerificationStatus",
    "provider_place",
]
