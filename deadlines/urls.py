from __future__ import annotations

from django.urls import path

from . import views

app_name = "deadlines"

urlpatterns = [
    path("deadlines/", views.my_deadlines, name="mine"),
    path("deadlines/overdue/", views.overdue_list, name="overdue"),
    path("deadlines/<int:pk>/", views.deadline_detail, name="detail"),
    path("deadlines/<int:pk>/pause/", views.deadline_pause, name="pause"),
    path("deadlines/<int:pk>/resume/", views.deadline_resume, name="resume"),
    path("deadlines/<int:pk>/extend/", views.deadline_extend, name="extend"),
    path("deadlines/case/<int:case_pk>/sms/", views.party_invite, name="party_invite"),
    path("deadlines/calendar/token/", views.calendar_token, name="calendar_token"),
    path("deadlines/calendar/<str:token>.ics", views.calendar_ics, name="calendar_ics"),
]
