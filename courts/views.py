from __future__ import annotations

import hashlib

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import scope_of
from accounts.models import Organisation, OrganisationKind
from accounts.verbs import ActionRefused
from cases.models import PartySide
from cases.public_timeline import public_timeline
from cases.services import PartyInput
from transfers.access import get_incoming_transfer_for_user
from transfers.models import TransferKind
from zhanjiang_portal.params import KeysetCursorField, refuse_page

from . import dashboard, forms, services
from .access import clerk_courts, courts_for_user, get_pre_litigation_for_user
from .models import PreLitigationCase, PreservationRequest


def clerk_panel(request, membership) -> dict:
    """Desk panel: the court's open cases and the overdue count."""
    qs = PreLitigationCase.objects.filter(court=membership.organisation)
    return {"overdue": dashboard.overdue_count(qs), "soonest": dashboard.open_cases(qs, limit=5)}


@login_required
def pre_litigation_dashboard(request):
    courts = courts_for_user(request.user)
    form = forms.DashboardFilterForm(
        request.GET or None, courts=courts, organisations=_mediation_bodies(request.user, courts)
    )
    paging = PagingForm(request.GET)
    if not paging.is_valid():
        return refuse_page(request, paging)
    chosen = form.cleaned_data if form.is_valid() else {}
    court_ids = sorted(courts.values_list("pk", flat=True))
    qs = dashboard.filtered(
        dashboard.base_for(court_ids),
        court=chosen.get("court"),
        cause=chosen.get("cause", ""),
        organisation=chosen.get("organisation"),
    )
    cache_key = _filter_key(court_ids, chosen)
    rows = dashboard.open_cases(qs, after=paging.cleaned_data["after"])
    next_after = f"{rows[-1].due_at.isoformat()}|{rows[-1].pk}" if len(rows) == 50 else ""
    return render(
        request,
        "courts/dashboard.html",
        {
            "form": form,
            "figures": dashboard.figures(qs, cache_key=cache_key),
            "rows": rows,
            "awaiting": dashboard.awaiting_court(qs, limit=20),
            "detail_base": reverse("courts:dashboard"),
            "next_after": next_after,
            "may_register": clerk_courts(request.user).exists(),
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


def _filter_key(court_ids: list[int], chosen: dict) -> str:
    parts = [
        ",".join(map(str, court_ids)),
        str(getattr(chosen.get("court"), "pk", "")),
        chosen.get("cause", ""),
        str(getattr(chosen.get("organisation"), "pk", "")),
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]


def _mediation_bodies(user, courts):
    """The filter offers the centres, workrooms and town committees of the user's counties
    (the whole city for city-wide staff), not the city's two thousand village committees."""
    bodies = Organisation.objects.filter(
        kind__in=[
            OrganisationKind.ONE_STOP_CENTRE,
            OrganisationKind.WORKROOM,
            OrganisationKind.TOWN_MEDIATION_COMMITTEE,
        ]
    ).only("id", "name")
    if scope_of(user).city_wide:
        return bodies
    counties = Q()
    for region in courts.values_list("region_id", flat=True):
        counties |= Q(region__code__startswith=region)
    return bodies.filter(counties) if counties else bodies.none()


class PagingForm(django_forms.Form):
    """The dashboard's page position: "<due date-time>|<id>" of the last row shown."""

    after = KeysetCursorField(separator="|")


@login_required
def pre_litigation_new(request):
    courts = clerk_courts(request.user)
    if not courts.exists():
        return render(request, "courts/no_court.html", status=403)
    form = forms.PreLitigationForm(request.POST or None, courts=courts)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plc, created, password = services.register_pre_litigation(
                data=services.PreLitigationInput(
                    court_case_number=data["court_case_number"],
                    court=data["court"],
                    cause_of_action=data["cause_of_action"].strip(),
                    claim_amount=data["claim_amount"],
                    description=data["description"],
                    parties=[
                        PartyInput(
                            side=PartySide.APPLICANT,
                            name=data["applicant_name"],
                            phone=data["applicant_phone"],
                        ),
                        PartyInput(
                            side=PartySide.RESPONDENT,
                            name=data["respondent_name"],
                            phone=data["respondent_phone"],
                        ),
                    ],
                ),
                actor=request.user,
            )
        except ValidationError as exc:
            form.add_error("court_case_number", exc)
        else:
            if created:
                messages.success(
                    request,
                    _(
                        "已登记%(number)s并推送司法局。12368查询密码：%(pw)s（请打印在受理通知书上）。"
                    )
                    % {"number": plc.court_case_number, "pw": password},
                )
            else:
                messages.warning(request, _("该案号已登记，未重复推送。"))
            return redirect("courts:detail", pk=plc.pk)
    return render(request, "courts/new.html", {"form": form})


@login_required
def pre_litigation_detail(request, pk: int):
    plc = get_pre_litigation_for_user(request.user, pk)
    may_act = clerk_courts(request.user).filter(pk=plc.court_id).exists()
    return render(
        request,
        "courts/detail.html",
        {
            "plc": plc,
            "may_act": may_act,
            "events": plc.case.events.select_related("actor").order_by("at", "id"),
            "identifiers": plc.case.identifiers.all(),
            "preservations": PreservationRequest.objects.filter(case=plc.case),
            "extension_form": forms.ExtensionForm(approvers=services.extension_approvers(plc)),
            "filing_form": forms.FilingForm(),
            "success_form": forms.SuccessRouteForm(),
            "preservation_form": forms.PreservationForm(),
            "ruling_form": forms.PreservationRulingForm(),
        },
    )


def _clerk_case(request, pk: int) -> PreLitigationCase:
    plc = get_pre_litigation_for_user(request.user, pk)
    if not clerk_courts(request.user).filter(pk=plc.court_id).exists():
        raise PermissionDenied("not a clerk of this court")
    return plc


def _act(request, pk: int, form_class, action, success: str, form_kwargs=None):
    """Run one clerk action from a detail-page form; errors come back as messages."""
    plc = _clerk_case(request, pk)
    form = form_class(request.POST, **(form_kwargs(plc) if form_kwargs else {}))
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("courts:detail", pk=plc.pk)
    try:
        action(plc, form.cleaned_data)
    except ActionRefused as exc:
        messages.error(request, exc.message)
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
    else:
        messages.success(request, success)
    return redirect("courts:detail", pk=plc.pk)


@login_required
@require_POST
def extend(request, pk: int):
    return _act(
        request,
        pk,
        forms.ExtensionForm,
        lambda plc, d: services.extend_pre_litigation(
            plc,
            days=d["days"],
            both_parties_agree=d["both_parties_agree"],
            approved_by=d["approved_by"],
            reason=d["reason"],
            actor=request.user,
        ),
        _("已延长调解期限，延长记录已写入案件动态。"),
        form_kwargs=lambda plc: {"approvers": services.extension_approvers(plc)},
    )


@login_required
@require_POST
def record_filing(request, pk: int):
    return _act(
        request,
        pk,
        forms.FilingForm,
        lambda plc, d: services.record_filing(plc, number=d["number"], actor=request.user),
        _("已转立案并完成繁简分流。"),
    )


@login_required
@require_POST
def record_success(request, pk: int):
    return _act(
        request,
        pk,
        forms.SuccessRouteForm,
        lambda plc, d: services.record_success_route(
            plc, route=d["route"], number=d["number"], actor=request.user
        ),
        _("已登记调解成功后的处理。"),
    )


@login_required
@require_POST
def request_preservation(request, pk: int):
    return _act(
        request,
        pk,
        forms.PreservationForm,
        lambda plc, d: services.request_preservation(
            case=plc.case, court=plc.court, actor=request.user, **d
        ),
        _("已登记保全申请，请在48小时内裁定。"),
    )


@login_required
@require_POST
def rule_preservation(request, pk: int, request_pk: int):
    def action(plc, d):
        preservation = PreservationRequest.objects.filter(pk=request_pk, case=plc.case).first()
        if preservation is None:
            raise services.CourtActionRefused(_("找不到该保全申请。"))
        services.rule_preservation(
            preservation, granted=d["granted"], number=d["number"], actor=request.user
        )

    return _act(request, pk, forms.PreservationRulingForm, action, _("已登记保全裁定。"))


@login_required
def dispatch(request, transfer_pk: int):
    """The bureau accepts a court's delegation by dispatching it to a mediation body."""
    transfer = get_incoming_transfer_for_user(request.user, transfer_pk)
    plc = (
        PreLitigationCase.objects.select_related("case", "court")
        .filter(case_id=transfer.case_id)
        .first()
    )
    if plc is None or transfer.kind != TransferKind.DELEGATE_PRE_LITIGATION:
        raise Http404("transfer not found")
    form = forms.DispatchForm(
        request.POST or None, targets=services.mediation_targets(transfer.to_organisation)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.dispatch_pre_litigation(
                plc, transfer=transfer, target=form.cleaned_data["target"], actor=request.user
            )
        except ActionRefused as exc:
            messages.error(request, exc.message)
        except ValidationError as exc:
            form.add_error("target", exc.messages[0])
        else:
            messages.success(
                request,
                _("已接收并分派至%(org)s，调解期限%(due)s。")
                % {
                    "org": form.cleaned_data["target"].name,
                    "due": f"{timezone.localtime(plc.deadline_at):%Y-%m-%d}",
                },
            )
            return redirect("transfers:inbox")
    return render(request, "courts/dispatch.html", {"transfer": transfer, "plc": plc, "form": form})


@login_required
def enquiry(request):
    """12368: court staff read a case's status to a caller who gives number and password."""
    courts = courts_for_user(request.user)
    form = forms.EnquiryForm(request.POST or None)
    found = None
    if request.method == "POST" and form.is_valid():
        if services.enquiry_locked(request.user):
            messages.error(request, _("查询失败次数过多，请一小时后再试。"))
        else:
            found = services.check_enquiry(
                number=form.cleaned_data["number"],
                password=form.cleaned_data["password"],
                courts=courts,
                user=request.user,
            )
            if found is None:
                messages.error(request, _("案号或查询密码不正确，请让来电人核对受理通知书。"))
    events = public_timeline(found.case) if found else []
    return render(request, "courts/enquiry.html", {"form": form, "found": found, "events": events})
