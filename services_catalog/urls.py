from django.urls import path

from services_catalog import views

app_name = "services_catalog"

urlpatterns = [path("", views.catalog, name="catalog")]
