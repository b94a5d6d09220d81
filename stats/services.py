"""Writes of the statistics area: the service-activity register and the report marks. Each
checks its verb first, so the page and the API refuse the same people (the city leader only
looks), and marks the months it changes stale for the rollups."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Organisation
from cases.models import Case
from cases.record import recorded
from cases.services import record_event
from villages.models import Region
from zhanjiang_portal import files
from zhanjiang_portal.queueing import queue_after_commit

from .models import ActivityPhoto, ReportMark, ServiceActivity
from .periods import Month
from .verbs import ACTIVITY_VERBS, CASE_VERBS

PHOTO_TYPES = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}
PHOTO_MAX_BYTES = 5 * 1024 * 1024
PHOTOS_MAX = 6


@dataclass(frozen=True)
class ActivityInput:
    organisation: Organisation
    kind: str
    title: str
    held_on: dt.date
    place: str
    region: Region
    people_reached: int = 0
    is_public: bool = False


def check_photo(upload: UploadedFile) -> str:
    """The photo's extension when it is a JPEG, PNG or WebP by content; else a clear error."""
    if upload.size > PHOTO_MAX_BYTES:
        raise ValidationError(_("照片不能超过 5 MB。"))
    head = upload.read(261)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in PHOTO_TYPES:
        raise ValidationError(_("照片只能是 JPG、PNG 或 WebP 格式。"))
    return PHOTO_TYPES[kind.mime]


def record_activity(*, data: ActivityInput, photos=(), actor) -> ServiceActivity:
    ACTIVITY_VERBS.check("record_activity", actor, data.organisation)
    if len(photos) > PHOTOS_MAX:
        raise ValidationError(_("每次最多上传 %(n)d 张照片。") % {"n": PHOTOS_MAX})
    extensions = [check_photo(photo) for photo in photos]
    stored = _store_photos(photos, extensions)  # all of them, or none and a clear error
    try:
        return _record_activity(data, stored, actor)
    except Exception:
        for name in stored:
            files.delete(name)
        raise


def _store_photos(photos, extensions: list[str]) -> list[str]:
    month = timezone.localdate().strftime("%Y/%m")
    stored: list[str] = []
    try:
        for photo, extension in zip(photos, extensions, strict=True):
            name = f"activities/{month}/{get_random_string(24)}.{extension}"
            stored.append(files.save(name, photo))
    except files.StorageUnavailable:
        for name in stored:
            files.delete(name)
        raise
    return stored


def _record_activity(data: ActivityInput, photos: list[str], actor) -> ServiceActivity:
    with transaction.atomic():
        activity = ServiceActivity.objects.create(
            organisation=data.organisation,
            kind=data.kind,
            title=data.title,
            held_on=data.held_on,
            place=data.place,
            region=data.region,
            people_reached=data.people_reached,
            is_public=data.is_public,
            created_by=actor,
        )
        for name in photos:
            ActivityPhoto.objects.create(activity=activity, image=name)
        queue_refresh(str(Month.of(data.held_on)))
    return activity


def mark_for_report(
    *, case: Case, prevented_criminal: bool, prevented_group_petition: bool, actor
) -> ReportMark:
    CASE_VERBS.check("mark_for_report", actor, case)
    with transaction.atomic():
        mark, _created = ReportMark.objects.update_or_create(
            case=case,
            defaults={
                "prevented_criminal": prevented_criminal,
                "prevented_group_petition": prevented_group_petition,
                "marked_by": actor,
                "marked_at": timezone.now(),
            },
        )
        record_event(
            case,
            kind="report_marked",
            text=recorded(
                "报表事项：防止民转刑 %(c)s；防止群体性上访 %(p)s",
                c=gettext_lazy("是") if prevented_criminal else gettext_lazy("否"),
                p=gettext_lazy("是") if prevented_group_petition else gettext_lazy("否"),
            ),
            actor=actor,
            payload={
                "prevented_criminal": prevented_criminal,
                "prevented_group_petition": prevented_group_petition,
            },
        )
        queue_refresh(str(Month.current()))
    return mark


def queue_refresh(*periods: str) -> None:
    """Once this transaction commits, mark the periods stale and see that a refresh follows.
    Marking after commit keeps the shared mark row out of the filing's transaction (no lock
    held while a case is filed); a mark lost to a crash in between is made by the periodic
    sweep, which refreshes this month and the present."""
    from .rollups import mark_stale

    # Callbacks run in order: the mark first, then the refresh of what is marked. Neither may
    # fail the commit: a broker or a mark that fails is left to the sweep.
    transaction.on_commit(lambda: mark_stale(*periods), robust=True)
    transaction.on_commit(_refresh_soon, robust=True)


REFRESH_QUEUED_KEY = "stats:refresh-queued"


def _refresh_soon() -> None:
    """One refresh for a burst of changes: the first change queues it for
    STATS_REFRESH_DELAY_SECONDS later; the changes until then only mark their periods, and the
    refresh recomputes everything marked when it runs (a refresh per filing would recompute
    the month's rollups for every case pushed). The cache key lives exactly as long as the
    countdown, so a change after it has gone queues the next refresh."""
    from .tasks import refresh_stale_task

    delay = settings.STATS_REFRESH_DELAY_SECONDS
    if delay > 0 and not cache.add(REFRESH_QUEUED_KEY, 1, timeout=delay):
        return
    queue_after_commit(refresh_stale_task, countdown=delay if delay > 0 else None)
