"""Evidence files: the type is decided from the content, never the name; stored under random
names as evidence/<name> in the private file storage (zhanjiang_portal.files), which no URL
serves; read back only through a view that checks the reader's scope (or the case's
tracking code)."""

from __future__ import annotations

import hashlib
import secrets
from pathlib import Path
from typing import IO

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from zhanjiang_portal import files

from .models import Case, Evidence
from .record import recorded
from .services import record_event

# What a villager's phone or a clerk's scanner produces: photos, PDF and Word documents.
ALLOWED_TYPES = {
    "image/jpeg": "照片",
    "image/png": "图片",
    "image/webp": "图片",
    "image/heic": "照片",
    "image/gif": "图片",
    "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word",
    "application/msword": "Word",
}
OLE_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
# The extension a file is stored and served under comes from its detected type, never from
# the uploader's name: a real PDF named 证据.bat is stored and downloaded as .pdf.
EXTENSIONS = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "image/heic": "heic",
    "image/gif": "gif",
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/msword": "doc",
}


def max_bytes() -> int:
    return getattr(settings, "CASES_EVIDENCE_MAX_BYTES", 20 * 1024 * 1024)


def max_files() -> int:
    return getattr(settings, "CASES_EVIDENCE_MAX_FILES", 20)


def evidence_name(stored_name: str) -> str:
    return f"evidence/{stored_name}"


def sniff_type(head: bytes) -> str | None:
    kind = filetype.guess(head)
    if kind is not None:
        return kind.mime if kind.mime in ALLOWED_TYPES else None
    # filetype reads some older .doc files as plain OLE containers; accept the OLE signature.
    return "application/msword" if head.startswith(OLE_SIGNATURE) else None


def check_upload(case: Case, upload: UploadedFile) -> str:
    """The file's content type, or a ValidationError saying in Chinese what is wrong."""
    limit_mb = max_bytes() // (1024 * 1024)
    if upload.size is None or upload.size > max_bytes():
        raise ValidationError(
            _("文件太大：每个文件不能超过 %(mb)s MB。") % {"mb": limit_mb}, code="too_large"
        )
    if upload.size == 0:
        raise ValidationError(_("文件是空的，请重新选择。"), code="empty")
    upload.seek(0)
    content_type = sniff_type(upload.read(8192))
    upload.seek(0)
    if content_type is None:
        raise ValidationError(
            _("只能上传照片（JPG、PNG）、PDF 或 Word 文件；这个文件的内容不是这些类型。"),
            code="type",
        )
    if case.evidence.count() >= max_files():
        raise ValidationError(
            _("每个案件最多上传 %(n)s 个文件，已达上限。") % {"n": max_files()}, code="too_many"
        )
    return content_type


def add_evidence(
    case: Case, upload: UploadedFile, *, actor=None, description: str = ""
) -> Evidence:
    content_type = check_upload(case, upload)
    stored_name = f"{secrets.token_hex(20)}.{EXTENSIONS[content_type]}"
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    # Stored first, whole or not at all (StorageUnavailable); the rows follow only then.
    name = files.save(evidence_name(stored_name), upload)
    try:
        with transaction.atomic():
            # Lock the case row so that two uploads at once cannot pass the count check both.
            Case.objects.select_for_update().filter(pk=case.pk).first()
            if case.evidence.count() >= max_files():
                raise ValidationError(
                    _("每个案件最多上传 %(n)s 个文件，已达上限。") % {"n": max_files()},
                    code="too_many",
                )
            evidence = Evidence.objects.create(
                case=case,
                original_name=Path(upload.name or "file").name[:200],
                stored_name=Path(name).name,
                content_type=content_type,
                size=upload.size or 0,
                sha256=digest.hexdigest(),
                description=description[:200],
                uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
            record_event(
                case,
                kind="evidence_added",
                actor=actor,
                text=recorded("补充了证据材料：%(name)s", name=evidence.original_name),
                is_public=True,
                payload={"evidence_id": evidence.pk},
            )
    except Exception:
        files.delete(name)
        raise
    return evidence


def download_name(evidence: Evidence) -> str:
    """The uploader's name (kept as text) with the extension of the detected type."""
    extension = EXTENSIONS.get(evidence.content_type, "bin")
    stem = Path(evidence.original_name).stem.strip(". ")[:80] or "evidence"
    return f"{stem}.{extension}"


def open_evidence(evidence: Evidence) -> IO[bytes]:
    return files.open_private(evidence_name(evidence.stored_name))
