"""The watermark on PDFs a lawyer downloads: their name and the date across every page, so a
copy that leaves the reading room says whose it was."""

from __future__ import annotations

import io

from pypdf import PdfReader, PdfWriter
from reportlab.lib.colors import Color
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"


def _font() -> str:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return FONT


def _stamp(width: float, height: float, text: str) -> PdfReader:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(width, height))
    pdf.setFillColor(Color(0.6, 0.6, 0.6, alpha=0.35))
    pdf.setFont(_font(), 20)
    pdf.translate(width / 2, height / 2)
    pdf.rotate(35)
    for offset in (-220, 0, 220):
        pdf.drawCentredString(0, offset, text)
    pdf.save()
    buffer.seek(0)
    return PdfReader(buffer)


class WatermarkFailed(Exception):
    """The file is not a PDF pypdf can read; it is not handed out unmarked."""


def watermark_pdf(data: bytes, text: str) -> bytes:
    """The same document with ``text`` stamped over every page."""
    try:
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
        stamps: dict[tuple[float, float], object] = {}
        for page in writer.pages:
            size = (float(page.mediabox.width), float(page.mediabox.height))
            if size not in stamps:
                stamps[size] = _stamp(*size, text).pages[0]
            page.merge_page(stamps[size])
        out = io.BytesIO()
        writer.write(out)
    except Exception as exc:  # pypdf raises many kinds on a damaged file
        raise WatermarkFailed(str(exc)) from exc
    return out.getvalue()
