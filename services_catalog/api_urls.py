from django.urls import path

from services_catalog import api_views

app_name = "hsds"

urlpatterns = [
    path("", api_views.api_root, name="root"),
    path("openapi.json", api_views.openapi, name="openapi"),
    path("services", api_views.service_list, name="services"),
    path("services/<uuid:hsds_id>", api_views.service_detail, name="service"),
    path("organizations", api_views.organization_list, name="organizations"),
    path("organizations/<uuid:hsds_id>", api_views.organization_detail, name="organization"),
    path("service_at_locations", api_views.service_at_location_list, name="service_at_locations"),
    path(
        "service_at_locations/<uuid:hsds_id>",
        api_views.service_at_location_detail,
        name="service_at_location",
    ),
    path("taxonomies", api_views.taxonomy_list, name="taxonomies"),
    path("taxonomies/<uuid:hsds_id>", api_views.taxonomy_detail, name="taxonomy"),
    path("taxonomy_terms", api_views.taxonomy_term_list, name="taxonomy_terms"),
    path("taxonomy_terms/<uuid:hsds_id>", api_views.taxonomy_term_detail, name="taxonomy_term"),
]
