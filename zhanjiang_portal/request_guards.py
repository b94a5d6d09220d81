"""Refusals every request passes before a view: cheap tests (well under a millisecond) for
input that no view of the portal can mean and that the database would choke on.

- A NUL character in the path or the query string: PostgreSQL text cannot hold it, so a lookup
  with it raised a 500. Answered 400.
- A JSON body (any endpoint, whether or not it reads its body) larger than API_JSON_MAX_BYTES,
  nested deeper than API_JSON_MAX_DEPTH, or not JSON: 400 before the view runs, so that an
  action endpoint taking no input does not act on a JSON bomb either.
- A whole-number path parameter (``<int:pk>``) beyond a 64-bit column: the database refused the
  query (a 500). No such object exists, so the answer is 404, as for any unknown id.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError

from .parsers import load_bounded

BIGGEST_ID = 2**63 - 1
BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
# Called with each request refused here for its body: an area that limits malformed
# submissions (cases.ratelimit) counts these too. Appended to from AppConfig.ready().
MALFORMED_BODY_HOOKS: list = []


def json_problem(request) -> str:
    """Why a JSON body is refused, or "" when it is fine (DRF parses it again, from the
    cached body: a few microseconds for an ordinary request)."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > settings.API_JSON_MAX_BYTES:
        return _("请求内容过大（不能超过 %(kb)s KB）。") % {
            "kb": settings.API_JSON_MAX_BYTES // 1024
        }
    if length == 0:
        return ""
    try:
        load_bounded(request.body, request.encoding or settings.DEFAULT_CHARSET)
    except ParseError as exc:
        return str(exc.detail)
    return ""


def bad_request(request, message: str):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=400)
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


class RequestGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", ""):
            return bad_request(request, _("请求地址含有不允许的字符。"))
        if request.method in BODY_METHODS and request.content_type == "application/json":
            problem = json_problem(request)
            if problem:
                for hook in MALFORMED_BODY_HOOKS:
                    hook(request)
                return bad_request(request, problem)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        for value in (*view_args, *view_kwargs.values()):
            if isinstance(value, int) and not 0 <= value <= BIGGEST_ID:
                raise Http404
        return None
