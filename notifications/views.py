from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhanjiang_portal.params import IdField, refuse_page

from . import services
from .models import Notification

PAGE = 30


class InboxPagingForm(forms.Form):
    """?before=<id>: the page after the last message shown."""

    before = IdField()
    unread = forms.CharField(required=False, max_length=5)


@login_required
def inbox(request):
    """The staff inbox, newest first, in keyset pages (?before=<id>)."""
    paging = InboxPagingForm(request.GET)
    if not paging.is_valid():
        return refuse_page(request, paging)
    rows = Notification.objects.for_user(request.user)
    if request.GET.get("show") == "unread":
        rows = rows.unread()
    if before := paging.cleaned_data["before"]:
        rows = rows.filter(pk__lt=before)
    page = list(rows.order_by("-id")[: PAGE + 1])
    more = len(page) > PAGE
    page = page[:PAGE]
    return render(
        request,
        "notifications/inbox.html",
        {
            "rows": page,
            "show": request.GET.get("show", ""),
            "next_before": page[-1].pk if more else "",
        },
    )


@login_required
def open_notification(request, pk):
    """Mark one entry read and follow its link (only links inside the portal)."""
    note = get_object_or_404(Notification.objects.for_user(request.user), pk=pk)
    services.mark_read(request.user, [note.pk])
    if note.link_url and url_has_allowed_host_and_scheme(note.link_url, allowed_hosts=None):
        return redirect(note.link_url)
    return redirect("notifications:inbox")


@login_required
@require_POST
def mark_all_read(request):
    count = services.mark_read(request.user)
    messages.success(request, _("已将 %(n)s 条消息标为已读。") % {"n": count})
    return redirect("notifications:inbox")
