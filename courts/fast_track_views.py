"""Pages of the fast track: both tracks on one page for the court's clerks and judges, and the
judge's take and conclude."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.access import scope_of
from accounts.models import Organisation, OrganisationKind
from accounts.verbs import ActionRefused

from . import fast_track
from .access import courts_for_user
from .models import FastTrackCase


def register() -> None:
    """Called from CourtsConfig.ready()."""
    from accounts import desk
    from zhanjiang_portal.navigation import register as nav

    nav("courts:tracks", gettext_lazy("繁简分流"), roles={"court_clerk", "judge"}, order=33)
    for role in ("court_clerk", "judge"):
        desk.register(role, "courts/fast_track_desk_panel.html", desk_panel, order=60)


def _court_ids(user) -> list[int]:
    """The courts whose tracks the user sees: a clerk's court, or the court of a fast-track
    team the user sits in."""
    scope = scope_of(user)
    courts = set(courts_for_user(user).values_list("pk", flat=True))
    if not scope.city_wide:
        teams = Organisation.objects.filter(
            pk__in=sorted(scope.visible), kind=OrganisationKind.COURT_TEAM
        )
        courts |= set(teams.values_list("parent_id", flat=True))
    return sorted(courts)


def desk_panel(request, membership) -> dict:
    ids = _court_ids(request.user)
    return {"queue": [_row(request.user, f) for f in fast_track.queue(ids, limit=5)]}


def _row(user, ftc: FastTrackCase) -> dict:
    return {"ftc": ftc, "verbs": fast_track.VERBS.available(user, ftc)}


@login_required
def tracks(request):
    ids = _court_ids(request.user)
    if not ids:
        raise Http404
    return render(
        request,
        "courts/tracks.html",
        {
            "queue": [_row(request.user, f) for f in fast_track.queue(ids)],
            "complex": fast_track.complex_track(ids),
        },
    )


def _refused(exc: ActionRefused) -> None:
    """In reach but not permitted (a court clerk, a read-only leader): 403, as the API."""
    if exc.status == 403:
        raise PermissionDenied(exc.message) from exc


def _get(user, pk: int) -> FastTrackCase:
    try:
        return FastTrackCase.objects.select_related("pre_litigation__case").get(
            pk=pk, court_id__in=_court_ids(user)
        )
    except (FastTrackCase.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


@login_required
@require_POST
def take(request, pk: int):
    ftc = _get(request.user, pk)
    try:
        fast_track.take(ftc, actor=request.user)
    except ActionRefused as exc:
        _refused(exc)
        messages.error(request, exc.message)
    else:
        messages.success(request, str(fast_track.VERBS["take"].done))
    return redirect("courts:tracks")


@login_required
@require_POST
def conclude(request, pk: int):
    ftc = _get(request.user, pk)
    try:
        fast_track.conclude(ftc, actor=request.user, outcome=request.POST.get("outcome", ""))
    except ActionRefused as exc:
        _refused(exc)
        messages.error(request, exc.message)
    else:
        messages.success(request, str(fast_track.VERBS["conclude"].done))
    return redirect("courts:tracks")
