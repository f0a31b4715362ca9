from django.urls import path

from portal.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.audit_list, name="list"),
    path("export.csv", views.audit_export, name="export"),
    path("case-reviews/", views.case_reviews, name="case_reviews"),
    path("case-reviews/<id:pk>/withdraw/", views.case_review_revoke, name="case_review_revoke"),
    path("case-reviews/mine/", views.my_case_reviews, name="my_case_reviews"),
]
