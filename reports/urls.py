from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.report_index, name="index"),
    path("opinions/", views.opinion_list, name="opinions"),
    path("opinions/new/", views.opinion_new, name="opinion_new"),
    path("opinions/<id:pk>/", views.opinion_detail, name="opinion"),
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/<id:pk>/", views.delivery_detail, name="delivery"),
    path("<slug:slug>/", views.report_detail, name="detail"),
]
