"""The stored 人民调解协议书 PDF (laid out by ``mediation.papers``) and the signed copy the
parties bring back.

Files live under MEDIA_ROOT (never served directly); views check permission and stream them.
"""

from __future__ import annotations

from pathlib import Path

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.services import record_event

from .models import Agreement
from .papers import agreement_pdf

SIGNED_COPY_TYPES = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}
SIGNED_COPY_MAX_BYTES = 10 * 1024 * 1024


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
