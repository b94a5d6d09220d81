from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.verbs import ActionRefused
from cases.access import get_case_for_user

from . import services
from .access import acting_organisations, get_incoming_transfer_for_user
from .forms import ReferralForm, RejectForm
from .handlers import accept_page
from .models import Transfer, TransferStatus
from .verbs import may_hand_off

PAGE_SIZE = 100


def desk_panel(request, membership) -> dict:
    """Desk panel: what waits for this organisation, and what came back to it."""
    orgs = [membership.organisation_id]
    return {
        "waiting": Transfer.objects.inbox_of(orgs).filter(status=TransferStatus.DELIVERED).count(),
        "returned": Transfer.objects.returned_to(orgs).count(),
    }


@login_required
def inbox(request):
    """What came in for my organisations, newest first, and what came back to us."""
    orgs = sorted(acting_organisations(request.user))
    related = ("case", "from_organisation", "to_organisation", "refusal_reason")
    waiting = (
        Transfer.objects.inbox_of(orgs)
        .filter(status=TransferStatus.DELIVERED)
        .select_related(*related)
        .order_by("delivered_at", "id")[:PAGE_SIZE]
    )
    returned = (
        Transfer.objects.returned_to(orgs).select_related(*related).order_by("-answered_at")[:50]
    )
    answered = (
        Transfer.objects.inbox_of(orgs)
        .exclude(status__in=[TransferStatus.DELIVERED, TransferStatus.PENDING])
        .select_related(*related)
        .order_by("-answered_at", "-id")[:20]
    )
    rows = [{"transfer": t, "accept_url": _accept_url(t)} for t in waiting]
    return render(
        request,
        "transfers/inbox.html",
        {"rows": rows, "returned": returned, "answered": answered, "reject_form": RejectForm()},
    )


def _accept_url(transfer: Transfer) -> str | None:
    name = accept_page(transfer.kind)
    return reverse(name, args=[transfer.pk]) if name else None


@login_required
@require_POST
def sign_for(request, pk: int):
    transfer = get_incoming_transfer_for_user(request.user, pk)
    try:
        services.sign_for(transfer, actor=request.user)
        messages.success(
            request, _("已签收%(case)s，请尽快处理。") % {"case": transfer.case.number}
        )
    except ActionRefused as exc:
        messages.error(request, exc.message)
    return redirect("transfers:inbox")


@login_required
@require_POST
def accept(request, pk: int):
    transfer = get_incoming_transfer_for_user(request.user, pk)
    if url := _accept_url(transfer):
        return redirect(url)
    try:
        services.accept_transfer(transfer, actor=request.user)
        messages.success(request, _("已接收%(case)s。") % {"case": transfer.case.number})
    except ActionRefused as exc:
        messages.error(request, exc.message)
    return redirect("transfers:inbox")


@login_required
def reject(request, pk: int):
    transfer = get_incoming_transfer_for_user(request.user, pk)
    form = RejectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reject_transfer(
                transfer,
                actor=request.user,
                reason_code=form.cleaned_data["reason"].code,
                text=form.cleaned_data["text"],
            )
        except ActionRefused as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _("已退回%(case)s，案件回到%(org)s的待办。")
                % {"case": transfer.case.number, "org": transfer.from_organisation.name},
            )
            return redirect("transfers:inbox")
    return render(request, "transfers/reject.html", {"transfer": transfer, "form": form})


@login_required
def refer(request, case_pk: int):
    """Hand a case to another organisation (legal aid, arbitration, petition): the staff who
    work the case (mediation's refer verb has the same rule), not the window or a leader."""
    case = get_case_for_user(request.user, case_pk)
    if not may_hand_off(request.user, case):
        raise PermissionDenied("not working this case")
    form = ReferralForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.create_transfer(
                case=case,
                from_organisation=case.organisation,
                to_organisation=data["to_organisation"],
                kind=data["kind"],
                actor=request.user,
                has_consent=data["has_consent"],
                consent_note=data["consent_note"],
                note=data["note"],
            )
        except ActionRefused as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _("已移送%(org)s，对方签收和处理情况会出现在案件动态中。")
                % {"org": data["to_organisation"].name},
            )
            return redirect("transfers:inbox")
    return render(request, "transfers/refer.html", {"case": case, "form": form})
