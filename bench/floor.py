"""The floor the staff case list is measured against: the least a DRF view can do to serve
the same page (the newest 50 cases, the same columns and parties, a keyset cursor) with no
filters, scope, ordering options or generic pagination. ``bench/intake.py`` serves it beside
the project's URLs and prints the staff list's time as a multiple of it.

Benchmark-only: this module is never part of the portal's URLs."""

from __future__ import annotations

import base64
import datetime as dt
import json

from django.urls import include, path
from rest_framework.response import Response
from rest_framework.views import APIView

from cases.listing import LIST_VALUES, attach_party_names
from cases.models import Case

PAGE = 50


class FloorCaseListApi(APIView):
    def get(self, request):
        rows = Case.objects.order_by("-filed_at", "-id")
        cursor = request.query_params.get("cursor")
        if cursor:
            at, pk = json.loads(base64.urlsafe_b64decode(cursor))
            at = dt.datetime.fromisoformat(at)
            rows = rows.filter(filed_at__lte=at).exclude(filed_at=at, id__gte=pk)
        page = list(rows.values(*LIST_VALUES)[:PAGE])
        attach_party_names(page)
        for row in page:
            row["filed_at"] = row["filed_at"].isoformat()
            amount = row["claim_amount"]
            row["claim_amount"] = None if amount is None else f"{amount:.2f}"
        last = page[-1] if len(page) == PAGE else None
        following = (
            base64.urlsafe_b64encode(json.dumps([last["filed_at"], last["id"]]).encode()).decode()
            if last
            else None
        )
        return Response({"next": following, "results": page})


urlpatterns = [
    path("bench/floor/cases/", FloorCaseListApi.as_view()),
    path("", include("zhanjiang_portal.urls")),
]
