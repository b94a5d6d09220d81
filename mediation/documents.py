"""The stored 人民调解协议书 PDF (laid out by ``mediation.papers``) and the signed copy the
parties bring back.

Files live in the private file storage (zhanjiang_portal.files: the disk under MEDIA_ROOT, or
object storage), never served directly; views check permission and stream them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import IO

import filetype
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.record import recorded
from cases.services import record_event
from zhanjiang_portal import files

from .models import Agreement
from .papers import agreement_pdf

SIGNED_COPY_TYPES = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}
SIGNED_COPY_MAX_BYTES = 10 * 1024 * 1024


def _case_dir(case_id: int) -> str:
    return f"mediation/{case_id}"


def store_agreement_pdf(agreement: Agreement) -> str:
    stamp = timezone.localtime().strftime("%Y%m%d%H%M%S")
    name = f"{_case_dir(agreement.case_id)}/agreement-{agreement.pk}-{stamp}.pdf"
    relative = files.save(name, agreement_pdf(agreement))
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
    name = f"{_case_dir(agreement.case_id)}/signed-{agreement.pk}-{stamp}.{kind.extension}"
    try:
        relative = files.save(name, upload)
    except files.StorageUnavailable as exc:
        raise ValidationError({"file": exc.messages}) from exc
    with transaction.atomic():
        Agreement.objects.filter(pk=agreement.pk).update(signed_copy=relative)
        record_event(
            agreement.case,
            kind="signed_agreement_uploaded",
            actor=actor,
            text=recorded("已上传各方签字盖章的调解协议书。"),
        )
    agreement.signed_copy = relative
    return relative


@dataclass(frozen=True)
class StoredFile:
    """A stored document: its file name and ways to read it."""

    relative: str

    @property
    def name(self) -> str:
        return PurePosixPath(self.relative).name

    def open(self, mode: str = "rb") -> IO[bytes]:
        return files.open_private(self.relative)

    def read_bytes(self) -> bytes:
        with self.open() as handle:
            return handle.read()


def open_stored(relative: str) -> StoredFile | None:
    """The stored document named on an agreement, or None when there is none (names are
    written by this module only; one that climbs out of its folder is refused)."""
    if not relative or ".." in PurePosixPath(relative).parts:
        return None
    return StoredFile(relative) if files.exists(relative) else None
