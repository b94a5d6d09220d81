"""The timeline is the official record: its texts are stored in Chinese whoever acts, and
shown in the reader's language.

A service writes a timeline text as ``recorded("已受理，承办调解员：%(name)s。", name=...)``.
The value is the Chinese text (the message id is Chinese), so the stored ``text`` column is the
record as written; the message id and its parameters go into the event's payload so that a page
or the API can show the same entry in English. Parameters that are themselves translatable
(a status label, an organisation kind) are stored in Chinese and translated when shown;
people's words and names are shown as typed. A parameter may itself be a ``recorded`` text
(kept with its message id), and ``joined`` makes one entry of several texts in a row.

``dev.py messages`` extracts ``recorded`` as a translation keyword.
"""

from __future__ import annotations

from typing import Any, TypeGuard

from django.conf import settings
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext

PAYLOAD_KEY = "_text"


def _in_record_language(value: Any) -> Any:
    if isinstance(value, RecordText):
        return value
    if isinstance(value, Promise):
        with translation.override(settings.LANGUAGE_CODE):
            return str(value)
    if isinstance(value, (int, float, bool)) or value is None:
        return value
    return str(value)


class RecordText(str):
    """A timeline text as stored (Chinese), remembering its message id and parameters."""

    msgid: str
    params: dict[str, Any]

    def __new__(cls, msgid: str, params: dict[str, Any]) -> RecordText:
        text = msgid % params if params else msgid
        instance = super().__new__(cls, text)
        instance.msgid = msgid
        instance.params = params
        return instance

    def as_payload(self) -> dict:
        params = {
            key: value.as_payload() if isinstance(value, RecordText) else value
            for key, value in self.params.items()
        }
        return {"id": self.msgid, "params": params}


def recorded(msgid: str, /, **params: Any) -> RecordText:
    """The Chinese text of a timeline entry; lazily translated parameters are taken in
    Chinese whatever language the person acting reads."""
    return RecordText(msgid, {key: _in_record_language(v) for key, v in params.items()})


def joined(*texts: RecordText) -> RecordText:
    """Several recorded texts as one timeline entry, each shown by its own message id (a
    decision followed by what the person was told)."""
    keys = [f"part{n}" for n in range(len(texts))]
    return RecordText("".join(f"%({key})s" for key in keys), dict(zip(keys, texts, strict=True)))


def record_payload(text: Any, payload: dict | None) -> tuple[str, dict]:
    """The text to store and the payload carrying its message id (for ``record_event``)."""
    payload = dict(payload or {})
    if isinstance(text, RecordText):
        payload[PAYLOAD_KEY] = text.as_payload()
        return str(text), payload
    return str(_in_record_language(text)), payload


def shown_text(text: str, payload: dict | None) -> str:
    """A stored timeline text in the active language: by its message id where one was
    recorded, else the text itself looked up as a message id (entries of older rows and
    constant texts), else as stored."""
    entry = (payload or {}).get(PAYLOAD_KEY) if isinstance(payload, dict) else None
    if _is_entry(entry):
        try:
            return _shown(entry)
        except (KeyError, TypeError, ValueError, AttributeError):
            return text
    return gettext(text) if text else text


def _is_entry(value: Any) -> TypeGuard[dict]:
    return isinstance(value, dict) and isinstance(value.get("id"), str)


def _shown(entry: dict) -> str:
    shown = {}
    for key, value in (entry.get("params") or {}).items():
        if _is_entry(value):
            shown[key] = _shown(value)
        else:
            shown[key] = gettext(value) if isinstance(value, str) and value else value
    return gettext(entry["id"]) % shown if shown else gettext(entry["id"])
