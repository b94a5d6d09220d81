"""The timeline is the official record: its texts are stored in Chinese whoever acts, and
shown in the reader's language.

A service writes a timeline text as ``recorded("已受理，承办调解员：%(name)s。", name=...)``.
The value is the Chinese text (the message id is Chinese), so the stored ``text`` column is the
record as written; the message id and its parameters go into the event's payload so that a page
or the API can show the same entry in English. Parameters that are themselves translatable
(a status label, an organisation kind) are stored in Chinese and translated when shown;
people's words and names are shown as typed.

An entry made of several sentences is the records added together
(``recorded("调解不成。") + cause + other_routes``): each recorded part keeps its message id,
and plain text added to one (a reason as typed) is kept as written. A message id with a
positional ``%s`` takes its value positionally (``recorded("改派理由：%s", reason)``), and a
parameter that is itself a record (``why=recorded("%(org)s暂无可办理人员", org=...)``) is
shown in the reader's language too. ``joined(a, b)`` is ``a + b``.

A date or a moment given as a parameter (``due=timezone.localdate(...)``,
``when=session.starts_at``) is stored as such and written in the reader's format: 2026年12月29日
in the record, 29 Dec 2026 in English.

``dev.py messages`` extracts ``recorded`` as a translation keyword.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_noop

PAYLOAD_KEY = "_text"
# Where an English sentence part ends, the next is set off by a space.
_SENTENCE_ENDS = frozenset(".!?;:)")

Params = dict[str, Any] | list[Any]
# How a date or a moment given as a parameter is written (the record's own, translated to the
# reader's when shown).
DATE_FORMAT = gettext_noop("Y年n月j日")
MOMENT_FORMAT = gettext_noop("Y年n月j日 H:i")


def _in_record_language(value: Any) -> Any:
    if isinstance(value, Promise):
        with translation.override(settings.LANGUAGE_CODE):
            return str(value)
    if isinstance(value, (int, float, bool)) or value is None:
        return value
    return str(value)


class RecordText(str):
    """A timeline text as stored (Chinese), remembering its message id and parameters; texts
    added to it (``+``) are kept as further parts, each with its own message id if it has
    one."""

    msgid: str
    params: Params
    parts: tuple[dict[str, Any], ...]

    def __new__(cls, msgid: str, params: Params) -> RecordText:
        return cls._of(({"id": msgid, "params": params},))

    @classmethod
    def _of(cls, parts: tuple[dict[str, Any], ...]) -> RecordText:
        instance = super().__new__(cls, "".join(_stored(part) for part in parts))
        instance.parts = parts
        first = parts[0] if parts else {}
        instance.msgid = first.get("id", "")
        instance.params = first.get("params", {})
        return instance

    def __add__(self, other: object) -> RecordText:
        if not isinstance(other, (str, Promise)):
            return NotImplemented
        return RecordText._of(self.parts + _parts_of(other))

    def __radd__(self, other: object) -> RecordText:
        if not isinstance(other, (str, Promise)):
            return NotImplemented
        return RecordText._of(_parts_of(other) + self.parts)

    def as_payload(self) -> dict:
        if len(self.parts) == 1 and "id" in self.parts[0]:
            return {"id": self.msgid, "params": self.params}
        return {"parts": list(self.parts)}


def _parts_of(value: str | Promise) -> tuple[dict[str, Any], ...]:
    """A text added to a record: a record's own parts, a lazily translated constant by its
    (Chinese) message id, anything else as written."""
    if isinstance(value, RecordText):
        return value.parts
    if isinstance(value, Promise):
        return ({"id": _in_record_language(value), "params": {}},)
    return ({"text": value},) if value else ()


def _param(value: Any) -> Any:
    if isinstance(value, RecordText):
        return value.as_payload()
    if isinstance(value, dt.datetime):
        return {"moment": timezone.localtime(value).isoformat()}
    if isinstance(value, dt.date):
        return {"date": value.isoformat()}
    return _in_record_language(value)


def recorded(msgid: str, /, *args: Any, **params: Any) -> RecordText:
    """The Chinese text of a timeline entry; lazily translated parameters are taken in
    Chinese whatever language the person acting reads."""
    if args and params:
        raise TypeError("recorded() takes positional or named parameters, not both")
    if args:
        return RecordText(msgid, [_param(v) for v in args])
    return RecordText(msgid, {key: _param(v) for key, v in params.items()})


def joined(*texts: RecordText) -> RecordText:
    """Several recorded texts as one timeline entry, each shown by its own message id (a
    decision followed by what the person was told); the same as adding them."""
    if not texts:
        raise TypeError("joined() needs at least one text")
    result = texts[0]
    for text in texts[1:]:
        result = result + text
    return result


def record_payload(text: Any, payload: dict | None) -> tuple[str, dict]:
    """The text to store and the payload carrying its message id (for ``record_event``)."""
    payload = dict(payload or {})
    if isinstance(text, RecordText):
        payload[PAYLOAD_KEY] = text.as_payload()
        return str(text), payload
    return str(_in_record_language(text)), payload


def _stored(entry: dict[str, Any]) -> str:
    return _render(entry, lambda msgid: msgid, lambda value: value, "".join)


def _shown(entry: dict[str, Any]) -> str:
    return _render(
        entry,
        gettext,
        lambda value: gettext(value) if isinstance(value, str) and value else value,
        _joined,
    )


def _render(
    entry: dict[str, Any],
    message: Callable[[str], str],
    plain: Callable[[Any], Any],
    join: Callable[[list[str]], str],
) -> str:
    """An entry (one message, parts, or text as written) with its parameters filled in:
    ``message`` gives a message id's text, ``plain`` a parameter's value, ``join`` the parts'
    text."""
    if isinstance(entry.get("parts"), list):
        return join([_render(part, message, plain, join) for part in entry["parts"]])
    if "date" in entry:
        return date_format(dt.date.fromisoformat(entry["date"]), message(DATE_FORMAT))
    if "moment" in entry:
        moment = timezone.localtime(dt.datetime.fromisoformat(entry["moment"]))
        return date_format(moment, message(MOMENT_FORMAT))
    if "id" not in entry:
        text = entry.get("text", "")
        if not isinstance(text, str):
            raise TypeError("text")
        return text

    def value(v: Any) -> Any:
        return _render(v, message, plain, join) if isinstance(v, dict) else plain(v)

    params = entry.get("params") or {}
    if not params:
        return message(entry["id"])
    if isinstance(params, list):
        return message(entry["id"]) % tuple(value(v) for v in params)
    return message(entry["id"]) % {key: value(v) for key, v in params.items()}


def _joined(texts: list[str]) -> str:
    """Parts as one text; in a language written with spaces, a sentence is set off by one."""
    if (translation.get_language() or "").startswith("zh"):
        return "".join(texts)
    out = ""
    for text in texts:
        if out and text and not out[-1].isspace() and not text[0].isspace():
            starts_word = text[0].isascii() and (text[0].isalnum() or text[0] == "(")
            if out[-1] in _SENTENCE_ENDS or starts_word:
                out += " "
        out += text
    return out


def shown_text(text: str, payload: dict | None) -> str:
    """A stored timeline text in the active language: by its message id(s) where recorded,
    else the text itself looked up as a message id (entries of older rows and constant
    texts), else as stored."""
    entry = (payload or {}).get(PAYLOAD_KEY) if isinstance(payload, dict) else None
    if isinstance(entry, dict) and (
        isinstance(entry.get("id"), str) or isinstance(entry.get("parts"), list)
    ):
        try:
            return _shown(entry)
        except (KeyError, TypeError, ValueError, AttributeError):
            return text
    return gettext(text) if text else text
