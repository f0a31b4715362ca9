from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from portal import views
from portal.accounts import views as account_views

urlpatterns = [
    # No CSRF token in the language switch, so that public pages stay cacheable for everyone:
    # forging a visitor's language choice does no harm (set_language checks `next` itself).
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("healthz/", views.health, name="health"),
    # Every login goes through allauth (verification, rate limits, MFA): the others redirect.
    path("admin/login/", account_views.login_redirect, name="wagtailadmin_login_redirect"),
    path("django-admin/login/", account_views.login_redirect, name="django_admin_login_redirect"),
    path("_util/login/", account_views.login_redirect, name="wagtailcore_login_redirect"),
    path("accounts/", include("portal.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("organizations/", include("portal.organizations.urls")),
    path("audit/", include("portal.audit.urls")),
    path("services/", include("services_catalog.urls")),
    path("api/hsds/", include("services_catalog.api_urls")),
    path("jobs/", include("employment.urls")),
    path("volunteers/", include("volunteers.urls")),
    path("casework/", include("casework.urls")),
    path("procurement/", include("procurement.urls")),
    path("reports/", include("reports.urls")),
    path("search/", include("cms.urls")),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [
    *(pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"),
    re_path(wagtail_urls.serve_pattern, views.page_serve, name="wagtail_serve"),
]

handler400 = "portal.views.bad_request"
handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
