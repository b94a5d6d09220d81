"""The JSON parser of every API: a body larger than API_JSON_MAX_BYTES or nested deeper than
API_JSON_MAX_DEPTH is refused with 400 and a message in Chinese, before any view sees it.

Python's json module recurses per level of nesting, so a body of 50,000 opening brackets raised
RecursionError (a 500) in every JSON endpoint; here it is a 400.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


def too_deep(value, limit: int) -> bool:
    """True when containers nest deeper than ``limit``; iterative, so any depth is safe."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


def load_bounded(raw: bytes, encoding: str = "utf-8"):
    """The JSON document in ``raw``, or ParseError (400) with the reason in Chinese."""
    limit = settings.API_JSON_MAX_BYTES
    if len(raw) > limit:
        raise ParseError(_("请求内容过大（不能超过 %(kb)s KB）。") % {"kb": limit // 1024})
    try:
        data = json.loads(raw.decode(encoding), parse_constant=_no_constants)
    except RecursionError as exc:
        raise ParseError(_("请求内容嵌套层次过深。")) from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise ParseError(_("请求内容不是有效的 JSON。")) from exc
    if too_deep(data, settings.API_JSON_MAX_DEPTH):
        raise ParseError(_("请求内容嵌套层次过深。"))
    return data


class BoundedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        raw = stream.read(settings.API_JSON_MAX_BYTES + 1) if stream is not None else b""
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        return load_bounded(raw, encoding)


def _no_constants(name: str):
    # NaN and Infinity are not JSON; Python would accept them and a decimal field would choke.
    raise ValueError(name)
