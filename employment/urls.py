from django.urls import path

from employment import views

app_name = "employment"

urlpatterns = [
    path("", views.job_board, name="job_board"),
    path("entrepreneurship/", views.entrepreneurship_list, name="entrepreneurship_list"),
    path("fairs/", views.fair_list, name="fair_list"),
    path("fairs/<str:slug>/", views.fair_detail, name="fair_detail"),
    path("applications/", views.application_list, name="application_list"),
    path("applications/<id:pk>/", views.application_detail, name="application_detail"),
    path("follow-ups/", views.follow_up_list, name="follow_up_list"),
    path("follow-ups/<id:pk>/record/", views.follow_up_record, name="follow_up_record"),
    path("figures/", views.figures_moved, name="figures_moved"),
    path("figures.csv", views.figures_moved, {"export": "csv"}, name="figures_csv_moved"),
]
