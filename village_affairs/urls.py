from __future__ import annotations

from django.urls import path

from . import views

app_name = "village_affairs"

V = "village-affairs/<str:code>/"

urlpatterns = [
    # Public, no login.
    path("villages/<str:code>/", views.village_public, name="public"),
    path("villages/<str:code>/rules/", views.rules_public, name="public_rules"),
    path("villages/<str:code>/rules/diff/", views.rules_diff, name="rules_diff"),
    path("villages/<str:code>/postings/<int:pk>/", views.posting_public, name="public_posting"),
    path(
        "villages/<str:code>/postings/<int:pk>/photos/<int:photo_pk>/",
        views.posting_photo,
        name="posting_photo",
    ),
    # Staff.
    path("village-affairs/", views.clerk_home, name="clerk"),
    path("village-affairs/town/", views.town_overview, name="town"),
    path("village-affairs/rates/", views.rates_page, name="rates"),
    path(V, views.village_desk, name="village"),
    path(V + "rules/", views.rule_list, name="rules"),
    path(V + "rules/<int:pk>/", views.rule_detail, name="rule"),
    path(V + "rules/<int:pk>/<slug:action>/", views.rule_detail, name="rule_action"),
    path(V + "postings/", views.posting_list, name="postings"),
    path(V + "postings/<int:pk>/", views.posting_detail, name="posting"),
    path(V + "postings/<int:pk>/<slug:action>/", views.posting_detail, name="posting_action"),
    path(V + "homesteads/", views.application_list, name="applications"),
    path(V + "homesteads/<int:pk>/", views.application_detail, name="application"),
    path(
        V + "homesteads/<int:pk>/<slug:action>/",
        views.application_detail,
        name="application_action",
    ),
    path(V + "parcels/", views.parcel_list, name="parcels"),
    path(V + "parcels/<int:pk>/", views.parcel_detail, name="parcel"),
    path(V + "ledger/", views.ledger, name="ledger"),
    path(V + "ledger/<slug:action>/", views.ledger, name="ledger_action"),
    path(V + "ledger/entries/<int:pk>/close/", views.ledger_close, name="ledger_close"),
]
