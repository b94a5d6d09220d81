from __future__ import annotations

from django.urls import path

from .api import NotificationListApi, NotificationReadApi

urlpatterns = [
    path("notifications/", NotificationListApi.as_view(), name="api-notifications"),
    path("notifications/read/", NotificationReadApi.as_view(), name="api-notifications-read"),
]
