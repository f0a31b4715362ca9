from django.urls import path

from volunteers import views

app_name = "volunteers"

urlpatterns = [
    path("", views.home, name="home"),
    path("profile/", views.profile_edit, name="profile"),
    path("documents/upload/", views.document_upload, name="document_upload"),
    path("documents/<id:pk>/", views.document_download, name="document_download"),
    path("retire/", views.retire, name="retire"),
    path("opportunities/", views.opportunity_list, name="opportunities"),
    path("opportunities/<id:pk>/", views.opportunity_detail, name="opportunity_detail"),
    path("shifts/", views.my_shifts, name="my_shifts"),
    path("shifts/<id:pk>/signup/", views.shift_signup, name="shift_signup"),
    path("signups/<id:pk>/cancel/", views.signup_cancel, name="signup_cancel"),
    path("hours/", views.hours, name="hours"),
    path("hours/certificate/<year:year>/", views.certificate, name="certificate"),
    path("mentees/", views.mentees, name="mentees"),
    path("mentees/<id:pk>/<slug:action>/", views.mentee_move, name="mentee_move"),
    path("mentors/<id:pk>/", views.mentor_detail, name="mentor_detail"),
    path("screening/", views.screening_list, name="screening_list"),
    path("screening/<id:pk>/", views.screening_detail, name="screening_detail"),
    path("screening/<id:pk>/identity/", views.identity_confirm, name="identity_confirm"),
    path("coordinate/hours/", views.coordinate_hours, name="coordinate_hours"),
    path("coordinate/hours/<id:pk>/decide/", views.hours_decide, name="hours_decide"),
    path("coordinate/shifts/", views.coordinate_shifts, name="coordinate_shifts"),
]
