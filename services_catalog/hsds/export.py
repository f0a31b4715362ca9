"""The whole public directory as HSDS tables."""

from services_catalog.hsds import codelists, selectors, serializers, tabular


def directory_tables(*, include_unpublished: bool = False) -> tabular.Tables:
    """Organizations, services with everything nested, and both taxonomies with their terms.

    Published, current services only, unless `include_unpublished` (drafts and ended offers too).
    """
    tables = tabular.Tables()
    for organization in selectors.hsds_organizations().select_related("jurisdiction"):
        tables.add("organization", serializers.organization_doc(organization))
    services = selectors.all_services() if include_unpublished else selectors.hsds_services()
    for page in services:
        tables.add("service", serializers.service_doc(page))
    for taxonomy in serializers.taxonomy_docs():
        tables.add("taxonomy", taxonomy)
    for category in selectors.hsds_taxonomy_terms():
        tables.add("taxonomy_term", serializers.taxonomy_term_doc(category))
    for term in codelists.all_term_docs():
        tables.add("taxonomy_term", term)
    return tables


def missing_postal_codes(tables: tabular.Tables) -> int:
    """How many exported addresses lack the postal code HSDS requires (an editor must add it)."""
    return sum(1 for row in tables.rows.get("address", {}).values() if not row.get("postal_code"))
