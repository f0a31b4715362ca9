"""The whole public directory as HSDS tables."""

from services_catalog.hsds import selectors, serializers, tabular


def directory_tables() -> tabular.Tables:
    """Organizations, published services with everything nested, and the category taxonomy."""
    tables = tabular.Tables()
    for organization in selectors.hsds_organizations():
        tables.add("organization", serializers.organization_doc(organization))
    for page in selectors.hsds_services():
        tables.add("service", serializers.service_doc(page))
    tables.add("taxonomy", serializers.taxonomy_doc())
    for category in selectors.hsds_taxonomy_terms():
        tables.add("taxonomy_term", serializers.taxonomy_term_doc(category))
    return tables
