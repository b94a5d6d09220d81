"""Downloads of a case's printable papers: the joint application for judicial confirmation
and the notices to the parties, laid out on request from what is on record (the agreement
itself is stored when recorded, see ``mediation.documents``). Anyone who may see the case
may print them; a case outside a user's reach is 404, as everywhere."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header

from . import access, papers
from .models import Agreement


def _pdf_response(data: bytes, title: str, number: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, f"{title}-{number}.pdf")
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def paper(request, pk: int, which: str):
    case = access.get_mediation_case(request.user, pk)
    if which == "confirmation":
        agreement = get_object_or_404(
            Agreement.objects.select_related("case__category").prefetch_related("terms"),
            case=case,
        )
        return _pdf_response(
            papers.confirmation_pdf(agreement), papers.CONFIRMATION_TITLE, case.number
        )
    if which not in papers.NOTICES:
        raise Http404("no such paper")
    event = papers.notice_event(case, which)
    if event is None:
        raise Http404("no such notice")
    _kind, title = papers.NOTICES[which]
    return _pdf_response(papers.notice_pdf(case, which, event), title, case.number)
