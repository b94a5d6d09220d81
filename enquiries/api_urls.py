from __future__ import annotations

from django.urls import path

from .api import EnquiryLookupApi, EnquiryPasswordIssueApi

urlpatterns = [
    path("enquiries/12368/", EnquiryLookupApi.as_view(), name="api-enquiry-lookup"),
    path(
        "enquiries/cases/<int:case_pk>/password/",
        EnquiryPasswordIssueApi.as_view(),
        name="api-enquiry-password",
    ),
]
