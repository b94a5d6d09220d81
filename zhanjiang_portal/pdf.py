"""Printable PDF documents: the embedded Chinese font, user text made safe, and an A4 page
with a running header (document title and case number) and page numbers.

Every document any area prints goes through here, so that each one embeds its font (a
reader without Chinese fonts shows the same page; reportlab embeds a subset of TrueType
outlines) and no user text is ever read as reportlab markup: a party named ``<img src=...>``
prints those characters literally, and nothing is opened or fetched.
"""

from __future__ import annotations

import io
import threading
import unicodedata
from dataclasses import dataclass
from functools import cache
from xml.sax.saxutils import escape

from django.conf import settings
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

FONT = "PortalDocumentFont"
# Printed in place of a character the font has no outline for: visible, so the reader sees
# that something is missing, and the staff page lists what (``missing_characters``).
MISSING = "□"
MARGIN = 22 * mm
_lock = threading.Lock()


@cache
def _font() -> TTFont:
    # subfontIndex picks the first face of a .ttc (Micro Hei; its second face is monospaced).
    font = TTFont(FONT, str(settings.DOCUMENTS_FONT), subfontIndex=0)
    with _lock:
        if FONT not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(font)
    return font


def font_name() -> str:
    _font()
    return FONT


def has_glyph(char: str) -> bool:
    return ord(char) in _font().face.charToGlyph


def _printable(char: str) -> bool:
    return unicodedata.category(char)[0] != "C" or char in "\n\t"


def missing_characters(*values: str) -> list[str]:
    """The characters of ``values`` the font cannot draw, each once, in order of appearance."""
    seen: dict[str, None] = {}
    for value in values:
        for char in str(value or ""):
            if _printable(char) and not char.isspace() and not has_glyph(char):
                seen.setdefault(char, None)
    return list(seen)


def text(value) -> str:
    """User text as reportlab paragraph markup that means exactly those characters.

    Control characters are dropped, characters the font lacks become □, ``& < >`` are
    escaped (so ``<img src=...>`` or ``<b>`` are printed, never interpreted) and line breaks
    are kept."""
    chars = []
    for char in str(value if value is not None else ""):
        if not _printable(char):
            continue
        chars.append(char if char.isspace() or has_glyph(char) else MISSING)
    lines = escape("".join(chars)).split("\n")
    return "<br/>".join(line.rstrip("\r") for line in lines)


@cache
def styles() -> dict[str, ParagraphStyle]:
    body = ParagraphStyle(
        "body", fontName=font_name(), fontSize=12, leading=21, wordWrap="CJK", spaceAfter=2
    )
    return {
        "title": ParagraphStyle(
            "title", parent=body, fontSize=20, leading=30, alignment=1, spaceAfter=4
        ),
        "number": ParagraphStyle("number", parent=body, alignment=2, spaceAfter=6),
        "heading": ParagraphStyle("heading", parent=body, fontSize=13, spaceBefore=8),
        "body": body,
        "indent": ParagraphStyle("indent", parent=body, firstLineIndent=24),
        "small": ParagraphStyle("small", parent=body, fontSize=10, leading=16),
    }


def para(value, style: str = "body") -> Paragraph:
    """A paragraph of user text (escaped)."""
    return Paragraph(text(value), styles()[style])


def paras(value, style: str = "body") -> list[Paragraph]:
    """User text of several lines as one paragraph per line: a long text then splits over
    pages line by line, instead of re-wrapping the whole remainder at each page break."""
    lines = str(value if value is not None else "").replace("\r\n", "\n").split("\n")
    return [para(line, style) for line in lines if line.strip()]


def fixed(markup: str, style: str = "body") -> Paragraph:
    """A paragraph of the portal's own wording, which may carry markup such as <br/>."""
    return Paragraph(markup, styles()[style])


@dataclass(frozen=True)
class Header:
    title: str
    number: str


class _NumberedCanvas(Canvas):
    """Holds every page until the end so that each can say "第 n 页，共 N 页"."""

    def __init__(self, *args, header: Header, **kwargs):
        super().__init__(*args, **kwargs)
        self._header = header
        self._pages: list[dict] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._decorate(total)
            super().showPage()
        super().save()

    def _decorate(self, total: int) -> None:
        width, height = A4
        self.saveState()
        self.setFont(FONT, 9)
        top = height - 12 * mm
        self.drawString(MARGIN, top, _clean(self._header.title))
        self.drawRightString(width - MARGIN, top, _clean(self._header.number))
        self.setLineWidth(0.4)
        self.line(MARGIN, top - 2 * mm, width - MARGIN, top - 2 * mm)
        self.drawCentredString(width / 2, 10 * mm, f"第 {self._pageNumber} 页，共 {total} 页")
        self.restoreState()


def _clean(value: str) -> str:
    """Text drawn directly on the canvas is never parsed as markup; it only needs its
    characters to exist in the font."""
    return "".join(
        ch if has_glyph(ch) or ch.isspace() else MISSING for ch in value if _printable(ch)
    )


def build(story: list, *, title: str, number: str) -> bytes:
    """Lay out ``story`` on A4 pages, each headed by ``title`` and ``number``."""
    header = Header(title, number)
    buffer = io.BytesIO()
    width, height = A4
    frame = Frame(MARGIN, 18 * mm, width - 2 * MARGIN, height - 36 * mm, id="body")
    document = BaseDocTemplate(
        buffer,
        pagesize=A4,
        title=title,
        author="",
        subject=number,
        creator="",
        producer="",
        initialFontName=font_name(),
        pageTemplates=[PageTemplate(id="page", frames=[frame])],
    )

    def canvasmaker(*args, **kwargs):
        return _NumberedCanvas(*args, header=header, **kwargs)

    document.build(story, canvasmaker=canvasmaker)
    return buffer.getvalue()
