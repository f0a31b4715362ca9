"""The whole public directory as HSDS tables."""

from services_catalog.hsds import selectors, serializers, tabular


def directory_tables(*, include_unpublished: bool = False) -> tabular.Tables:
    """Organizations, services with everything nested, and the category taxonomy.

    Published, current services only, unless `include_unpublished` (drafts and ended offers too).
    """
    tables = tabular.Tables()
    for organization in selectors.hsds_organizations():
        tables.add("organization", serializers.organization_doc(organization))
    services = selectors.all_services() if include_unpublished else selectors.hsds_services()
    for page in services:
        tables.add("service", serializers.service_doc(page))
    tables.add("taxonomy", serializers.taxonomy_doc())
    for category in selectors.hsds_taxonomy_terms():
        tables.add("taxonomy_term", serializers.taxonomy_term_doc(category))
    return tables
