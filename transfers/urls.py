from __future__ import annotations

from django.urls import path

from . import views

app_name = "transfers"
urlpatterns = [
    path("transfers/", views.inbox, name="inbox"),
    path("transfers/<int:pk>/sign-for/", views.sign_for, name="sign_for"),
    path("transfers/<int:pk>/accept/", views.accept, name="accept"),
    path("transfers/<int:pk>/reject/", views.reject, name="reject"),
    path("transfers/refer/<int:case_pk>/", views.refer, name="refer"),
]
