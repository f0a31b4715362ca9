from django.urls import path, reverse_lazy
from django.views.generic import RedirectView

from casework.views import match, persons, referrals, review, reviews

app_name = "casework"

urlpatterns = [
    path("", persons.person_list, name="person_list"),
    path("persons/find/", persons.person_find, name="person_find"),
    path("persons/export.csv", persons.person_export, name="person_export"),
    path("persons/new/", persons.person_create_view, name="person_create"),
    path("persons/<id:pk>/", persons.person_detail, name="person_detail"),
    path("persons/<id:pk>/edit/", persons.person_edit, name="person_edit"),
    path("persons/<id:pk>/transfer/", persons.person_transfer_view, name="person_transfer"),
    path("persons/<id:pk>/unseal/", reviews.person_unseal_request, name="person_unseal"),
    path("reviews/", reviews.review_list, name="review_list"),
    path("reviews/changes/<id:pk>/", reviews.change_review, name="change_review"),
    path("reviews/duplicates/<id:pk>/", reviews.duplicate_review, name="duplicate_review"),
    path(
        "persons/<id:pk>/assessments/new/",
        persons.assessment_create_view,
        name="assessment_create",
    ),
    path(
        "persons/<id:pk>/assessments/<id:version>/",
        persons.assessment_detail,
        name="assessment_detail",
    ),
    path("persons/<id:pk>/plans/new/", persons.plan_create_view, name="plan_create"),
    path("persons/<id:pk>/plans/<id:version>/", persons.plan_detail, name="plan_detail"),
    path("persons/<id:pk>/match/", match.person_match, name="person_match"),
    path("persons/<id:pk>/shortlist/", match.shortlist_change, name="shortlist_change"),
    path("persons/<id:pk>/refer/", match.refer, name="refer"),
    path("persons/<id:pk>/referrals/log/", referrals.referral_log_view, name="referral_log"),
    path("referrals/", referrals.referral_list, name="referral_list"),
    path("referrals/<id:pk>/", referrals.referral_detail, name="referral_detail"),
    path("referrals/<id:pk>/notes/", referrals.referral_note, name="referral_note"),
    path("referrals/<id:pk>/slip/", referrals.referral_slip, name="referral_slip"),
    path(
        "referrals/<id:pk>/onward/<id:proposal_id>/",
        referrals.onward_decision,
        name="onward_decision",
    ),
    # Transitions last: their action names would otherwise shadow the paths above.
    path(
        "referrals/<id:pk>/<slug:name>/",
        referrals.referral_transition_view,
        name="referral_transition",
    ),
    path("inbox/", referrals.inbox, name="inbox"),
    path("inbox/<id:pk>/", referrals.inbox_detail, name="inbox_detail"),
    path("inbox/<id:pk>/notes/", referrals.inbox_note, name="inbox_note"),
    path("inbox/<id:pk>/onward/", referrals.inbox_onward, name="inbox_onward"),
    path("inbox/<id:pk>/<slug:name>/", referrals.inbox_transition, name="inbox_transition"),
    path(
        "reports/",
        RedirectView.as_view(url=reverse_lazy("reports:detail", args=["persons"]), permanent=True),
        name="reports_moved",
    ),
    path("review/<str:code>/", review.case_review, name="case_review"),
]
