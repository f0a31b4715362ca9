from django.urls import path

from portal.organizations import views

app_name = "organizations"

urlpatterns = [
    path("register/", views.register, name="register"),
    path("verification/", views.verification_queue, name="verification_queue"),
    path("offices/", views.judicial_offices, name="judicial_offices"),
    path("<id:pk>/", views.detail, name="detail"),
    path("<id:pk>/edit/", views.edit, name="edit"),
    path("<id:pk>/certificate/", views.certificate, name="certificate"),
    path("<id:pk>/members/new/", views.member_invite, name="member_invite"),
    path("<id:pk>/verify/", views.verify, name="verify"),
    path("<id:pk>/reject/", views.reject, name="reject"),
]
