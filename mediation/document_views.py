"""Downloads of a case's printable papers, for the page and the API alike: the stored
agreement, the joint application for judicial confirmation and the notices to the parties
(the last two laid out on request from what is on record). Anyone who may see the case may
print them; a case outside a user's reach, or a paper it has no grounds for, is 404."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.views import APIView

from . import access, documents, papers
from .models import Agreement

PAPERS = ("agreement", "confirmation", *papers.NOTICES)


def _pdf_response(data: bytes, title: str, number: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, f"{title}-{number}.pdf")
    response["Cache-Control"] = "private, no-store"
    return response


def _agreement(case) -> Agreement:
    return get_object_or_404(
        Agreement.objects.select_related("case__category").prefetch_related("terms"), case=case
    )


def paper_response(case, which: str) -> HttpResponse:
    if which == "agreement":
        path = documents.open_stored(_agreement(case).document)
        if path is None:
            raise Http404("no stored agreement")
        return _pdf_response(path.read_bytes(), papers.AGREEMENT_TITLE, case.number)
    if which == "confirmation":
        data = papers.confirmation_pdf(_agreement(case))
        return _pdf_response(data, papers.CONFIRMATION_TITLE, case.number)
    if which not in papers.NOTICES:
        raise Http404("no such paper")
    event = papers.notice_event(case, which)
    if event is None:
        raise Http404("no such notice")
    _kind, title = papers.NOTICES[which]
    return _pdf_response(papers.notice_pdf(case, which, event), title, case.number)


@login_required
def paper(request, pk: int, which: str):
    return paper_response(access.get_mediation_case(request.user, pk), which)


class CasePaperApi(APIView):
    """A case's paper as a PDF: ``agreement`` (as stored when recorded), ``confirmation``
    (the parties' joint application for judicial confirmation), or the notice
    ``accepted``, ``not-accepted`` or ``terminated``. 404 when the case has none."""

    @extend_schema(
        parameters=[OpenApiParameter("which", str, OpenApiParameter.PATH, enum=list(PAPERS))],
        responses={(200, "application/pdf"): OpenApiTypes.BINARY},
    )
    def get(self, request, pk: int, which: str):
        return paper_response(access.get_mediation_case(request.user, pk), which)
