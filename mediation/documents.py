"""The 人民调解协议书 as a printable PDF, and the signed copy the parties bring back.

Files live under MEDIA_ROOT (never served directly); views check permission and stream them.
"""

from __future__ import annotations

import io
from pathlib import Path

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from cases.services import record_event

from .models import Agreement

FONT = "STSong-Light"
SIGNED_COPY_TYPES = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}
SIGNED_COPY_MAX_BYTES = 10 * 1024 * 1024


def _styles() -> dict[str, ParagraphStyle]:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    body = ParagraphStyle("body", fontName=FONT, fontSize=12, leading=20, wordWrap="CJK")
    return {
        "title": ParagraphStyle("title", parent=body, fontSize=20, leading=30, alignment=1),
        "number": ParagraphStyle("number", parent=body, alignment=2),
        "heading": ParagraphStyle("heading", parent=body, fontSize=13, spaceBefore=8),
        "body": body,
    }


def _money(amount) -> str:
    return f"¥{amount:,.2f}" if amount is not None else ""


def _date(value) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


def agreement_pdf(agreement: Agreement) -> bytes:
    # A legal document: always in Chinese (choice labels too), whatever the page's language.
    with translation.override(settings.LANGUAGE_CODE):
        return _agreement_pdf(agreement)


def _agreement_pdf(agreement: Agreement) -> bytes:
    case = agreement.case
    s = _styles()
    story = [
        Paragraph("人民调解协议书", s["title"]),
        Paragraph(case.number, s["number"]),
        Spacer(1, 4 * mm),
        Paragraph("当事人", s["heading"]),
    ]
    for party in case.parties.order_by("side", "id"):
        details = "，".join(
            x for x in (party.get_kind_display(), party.id_number_masked, party.address) if x
        )
        story.append(Paragraph(f"{party.get_side_display()}：{party.name}（{details}）", s["body"]))
    story += [
        Paragraph("纠纷主要事实、争议事项", s["heading"]),
        Paragraph(agreement.facts.replace("\n", "<br/>"), s["body"]),
        Paragraph("经调解，自愿达成如下协议", s["heading"]),
    ]
    for number, term in enumerate(agreement.terms.all(), start=1):
        parts = [f"{number}. {term.obligor}{term.action}"]
        if term.amount is not None:
            parts.append(f"金额 {_money(term.amount)}")
        if term.due_date:
            parts.append(f"于 {_date(term.due_date)} 前履行完毕")
        story.append(Paragraph("，".join(parts) + "。", s["body"]))
    if agreement.text:
        story.append(Paragraph(agreement.text.replace("\n", "<br/>"), s["body"]))
    story += [
        Paragraph("履行方式、时限", s["heading"]),
        Paragraph(
            "各方按上述约定的方式和期限履行；调解委员会对履行情况进行监督、回访。", s["body"]
        ),
        Paragraph(
            (
                "本协议自各方当事人签名、盖章或者按指印，人民调解员签名并加盖人民调解委员会印章之日起生效。"
                "本协议一式三份，双方当事人、人民调解委员会各持一份。当事人可以自本协议生效之日起三十日内"
                "共同向人民法院申请司法确认。"
            ),
            s["body"],
        ),
        Spacer(1, 8 * mm),
        _signature_table(case, s),
    ]
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer, pagesize=A4, title="人民调解协议书", leftMargin=22 * mm, rightMargin=22 * mm
    ).build(story)
    return buffer.getvalue()


def _signature_table(case, s) -> Table:
    rows = [
        [Paragraph(f"{p.get_side_display()}（签名、盖章或按指印）：", s["body"]), ""]
        for p in case.parties.order_by("side", "id")
    ]
    rows += [
        [Paragraph("人民调解员（签名）：", s["body"]), ""],
        [Paragraph(f"{case.organisation.name}（盖章）", s["body"]), ""],
        [Paragraph("日期：    年    月    日", s["body"]), ""],
    ]
    table = Table(rows, colWidths=[95 * mm, 65 * mm], rowHeights=14 * mm)
    table.setStyle(TableStyle([("LINEBELOW", (1, 0), (1, -2), 0.5, "#000000")]))
    return table


def _case_dir(case_id: int) -> Path:
    path = Path(settings.MEDIA_ROOT) / "mediation" / str(case_id)
    path.mkdir(parents=True, exist_ok=True)
    return path


def store_agreement_pdf(agreement: Agreement) -> str:
    stamp = timezone.localtime().strftime("%Y%m%d%H%M%S")
    path = _case_dir(agreement.case_id) / f"agreement-{agreement.pk}-{stamp}.pdf"
    path.write_bytes(agreement_pdf(agreement))
    relative = str(path.relative_to(settings.MEDIA_ROOT))
    Agreement.objects.filter(pk=agreement.pk).update(document=relative)
    agreement.document = relative
    return relative


def store_signed_copy(*, agreement: Agreement, upload, actor) -> str:
    """Checks the file by its content, not its name, and keeps every upload."""
    if upload.size > SIGNED_COPY_MAX_BYTES:
        raise ValidationError({"file": _("文件不能超过 10 MB。")})
    head = upload.read(261)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in SIGNED_COPY_TYPES:
        raise ValidationError({"file": _("只能上传 PDF、JPG 或 PNG 格式的签字协议扫描件。")})
    stamp = timezone.localtime().strftime("%Y%m%d%H%M%S")
    path = _case_dir(agreement.case_id) / f"signed-{agreement.pk}-{stamp}.{kind.extension}"
    with path.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    relative = str(path.relative_to(settings.MEDIA_ROOT))
    with transaction.atomic():
        Agreement.objects.filter(pk=agreement.pk).update(signed_copy=relative)
        record_event(
            agreement.case,
            kind="signed_agreement_uploaded",
            actor=actor,
            text=_("已上传各方签字盖章的调解协议书。"),
        )
    agreement.signed_copy = relative
    return relative


def open_stored(relative: str) -> Path | None:
    if not relative:
        return None
    root = Path(settings.MEDIA_ROOT).resolve()
    path = (root / relative).resolve()
    return path if path.is_relative_to(root) and path.exists() else None
