"""Private files: evidence, agreements and their signed copies, postings' photos.

They live in Django's default storage: the local disk under MEDIA_ROOT in the embedded
default, S3-compatible object storage when ``S3_BUCKET`` is set (which several web and
worker hosts need, so that all of them see every file). No URL serves them: views check the
reader's permission and stream them with ``open_private``.

A file is stored whole or not at all. When the storage cannot be reached the caller gets
``StorageUnavailable`` (a ValidationError with a message for the user, so every form and API
that already shows validation errors shows it), and whatever part of the file was written is
removed; the caller writes its database rows only after ``save`` returned.
"""

from __future__ import annotations

import logging
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.core.files.storage import Storage, storages
from django.utils.translation import gettext_lazy as _

log = logging.getLogger(__name__)

try:  # present whenever object storage is configured (django-storages[s3])
    from botocore.exceptions import BotoCoreError, ClientError

    _STORAGE_FAULTS: tuple[type[Exception], ...] = (OSError, BotoCoreError, ClientError)
except ImportError:  # pragma: no cover - the embedded default needs only the disk
    _STORAGE_FAULTS = (OSError,)

UNAVAILABLE = _("文件存储暂时无法访问，文件没有保存。请稍后再试。")


class StorageUnavailable(ValidationError):
    """The storage could not be reached; nothing was stored, and trying later may work."""

    def __init__(self) -> None:
        super().__init__(UNAVAILABLE, code="storage_unavailable")


def private_storage() -> Storage:
    return storages["default"]


def save(name: str, content: File[Any] | bytes) -> str:
    """Store ``content`` as ``name`` (a relative path such as ``evidence/<random>``) and
    return the name it was stored under."""
    storage = private_storage()
    if isinstance(content, bytes):
        content = ContentFile(content)
    try:
        return storage.save(name, content)
    except _STORAGE_FAULTS as exc:
        log.warning("storing %s failed: %s", name, exc)
        delete(name)
        raise StorageUnavailable from exc


def delete(name: str) -> None:
    """Remove a stored file; a failure is logged, never raised (used while undoing)."""
    try:
        private_storage().delete(name)
    except _STORAGE_FAULTS as exc:
        log.warning("removing %s failed: %s", name, exc)


def exists(name: str) -> bool:
    try:
        return bool(name) and private_storage().exists(name)
    except _STORAGE_FAULTS as exc:
        raise StorageUnavailable from exc


def open_private(name: str) -> IO[bytes]:
    """The stored file for reading; FileNotFoundError when there is none."""
    if not exists(name):
        raise FileNotFoundError(name)
    try:
        handle: IO[bytes] = private_storage().open(name, "rb")
    except _STORAGE_FAULTS as exc:
        raise StorageUnavailable from exc
    return handle
