"""The HSDS API on the paths of its description: no trailing slash, one accepted too."""

from django.urls import path, re_path

from services_catalog import api_views

app_name = "hsds"


def _endpoint(name: str, list_view, detail_view, singular: str) -> list:
    return [
        path(name, list_view, name=name),
        path(f"{name}/", list_view, name=f"{name}_slash"),
        path(f"{name}/<uuid:hsds_id>", detail_view, name=singular),
        path(f"{name}/<uuid:hsds_id>/", detail_view, name=f"{singular}_slash"),
    ]


urlpatterns = [
    path("", api_views.api_root, name="root"),
    path("openapi.json", api_views.openapi, name="openapi"),
    *_endpoint("services", api_views.service_list, api_views.service_detail, "service"),
    *_endpoint(
        "organizations",
        api_views.organization_list,
        api_views.organization_detail,
        "organization",
    ),
    *_endpoint(
        "service_at_locations",
        api_views.service_at_location_list,
        api_views.service_at_location_detail,
        "service_at_location",
    ),
    *_endpoint("taxonomies", api_views.taxonomy_list, api_views.taxonomy_detail, "taxonomy"),
    *_endpoint(
        "taxonomy_terms",
        api_views.taxonomy_term_list,
        api_views.taxonomy_term_detail,
        "taxonomy_term",
    ),
    # Anything else, a malformed id included, is a JSON 404.
    re_path(r"^(?P<path>.+)$", api_views.unknown_path, name="unknown"),
]
