"""Legal-aid pages: the public application and tracking, the officer's desk, list and
application page, the lawyer's desk and file-reading room, the bad-credit register, the
arbitration committee's list and the totals. Thin: parse, call one service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import pii
from accounts.access import may_act, scope_of
from accounts.models import Role
from accounts.templatetags.people import person_name
from accounts.verbs import ActionRefused
from cases import ratelimit
from cases.access import get_case_for_user
from cases.evidence import open_evidence
from cases.models import Case

from . import actions, desks, files, services
from .access import (
    counties_for_user,
    get_application_for_user,
    get_arbitration_link_for_user,
    get_file_access_for_grantor,
    get_file_access_for_lawyer,
)
from .api import period_from
from .forms import (
    AgentFileRequestForm,
    AwardForm,
    BadCreditForm,
    FileGrantForm,
    FromCaseForm,
    PublicApplicationForm,
)
from .models import (
    Application,
    ApplicationChannel,
    ApplicationStatus,
    BadCreditEntry,
    CommitmentChannel,
    MatterType,
    SignatureMethod,
)
from .totals import totals
from .verbs import ACCESS_VERBS, LINK_VERBS, VERBS
from .watermark import WatermarkFailed, watermark_pdf


def _forbidden(exc: ActionRefused) -> None:
    """In reach but not permitted (a read-only leader, the bureau over the centre): 403, as the
    API answers; a refusal of the state (409) stays a message on the page it came from."""
    if exc.status == 403:
        raise PermissionDenied(exc.message) from exc


def _refusal(request, exc: ActionRefused, template: str, context: dict):
    messages.error(request, exc.message)
    return render(request, template, context, status=exc.status)


# --- Public ------------------------------------------------------------------------------


def apply(request):
    form = PublicApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if ratelimit.is_limited(request, "filing"):
            return render(request, "cases/too_many.html", status=429)
        d = form.cleaned_data
        try:
            application = services.apply(
                data=services.ApplicationInput(
                    applicant_name=d["applicant_name"],
                    applicant_phone=d["applicant_phone"],
                    applicant_id_number=d["applicant_id_number"],
                    village_code=d["village"],
                    matter_type=d["matter_type"],
                    opponent=d["opponent"],
                    facts=d["facts"],
                    amount_claimed=d["amount_claimed"],
                    exempt_reason=d["exempt_reason"],
                    is_urgent=d["is_urgent"],
                    urgent_reason=d["urgent_reason"],
                ),
                commitment=services.CommitmentInput(
                    method=SignatureMethod.ELECTRONIC, channel=CommitmentChannel.ONLINE
                )
                if d["commit"] and not d["exempt_reason"]
                else None,
                channel=ApplicationChannel.ONLINE,
            )
        except ActionRefused as exc:
            form.add_error(None, exc.message)
            return render(request, "legal_aid/apply.html", _apply_context(form), status=exc.status)
        request.session["legal_aid_applied"] = [
            application.case.number,
            application.case.tracking_code,
        ]
        return redirect("legal_aid:applied")
    return render(request, "legal_aid/apply.html", _apply_context(form))


def _apply_context(form) -> dict:
    return {"form": form, "text_version": services.COMMITMENT_TEXT_VERSION}


def applied(request):
    number, code = request.session.get("legal_aid_applied") or ("", "")
    if not number:
        return redirect("legal_aid:apply")
    return render(request, "legal_aid/applied.html", {"number": number, "code": code})


def track(request):
    number = request.GET.get("number", "").strip()
    code = request.GET.get("code", "").strip()
    application = None
    events = []
    if number and code:
        if ratelimit.is_limited(request, "lookup"):
            return render(request, "cases/too_many.html", status=429)
        from cases.public_lookup import public_case

        case = public_case(number, code)
        application = (
            Application.objects.filter(case=case).select_related("case", "lawyer").first()
            if case
            else None
        )
        if application is None:
            messages.error(request, _("未找到该申请，请核对编号和查询码。"))
        else:
            events = list(case.events.filter(is_public=True).order_by("at", "id"))
    return render(
        request,
        "legal_aid/track.html",
        {"application": application, "events": events, "number": number, "code": code},
    )


# --- Officer -----------------------------------------------------------------------------


def _require_officer(user) -> None:
    if not desks.officer_centres(user):
        raise Http404("not a legal-aid officer")


@login_required
def desk(request):
    _require_officer(request.user)
    return render(request, "legal_aid/desk.html", {"desk": desks.officer_desk(request.user)})


@login_required
def application_list(request):
    _require_officer(request.user)
    status = request.GET.get("status", "")
    matter = request.GET.get("matter_type", "")
    page = desks.officer_list(
        request.user, status=status, matter_type=matter, cursor=request.GET.get("cursor", "")
    )
    return render(
        request,
        "legal_aid/list.html",
        {
            **page,
            "status": status,
            "matter_type": matter,
            "statuses": ApplicationStatus.choices,
            "matters": MatterType.choices,
        },
    )


@login_required
def application_detail(request, pk: int):
    application = get_application_for_user(request.user, pk)
    return render(request, "legal_aid/application.html", _detail_context(request, application))


def _detail_context(request, application: Application, failed: dict | None = None) -> dict:
    verbs = VERBS.available(request.user, application)
    forms = {
        verb: (failed or {}).get(verb) or actions.form_for(verb, application, prefix=verb)
        for verb in verbs
    }
    source = application.source_case
    from deadlines.models import Deadline

    return {
        "application": application,
        "case": application.case,
        "actions": [(VERBS[v], forms[v]) for v in verbs],
        "commitment": getattr(application, "commitment", None)
        if hasattr(application, "commitment")
        else None,
        "deadlines": Deadline.objects.for_case(application.case),
        "events": application.case.events.select_related("actor").order_by("-at", "-id")[:50],
        "source": source,
        "source_parties": source.parties.all() if source else [],
        "source_events": source.events.order_by("-at", "-id")[:30] if source else [],
        "links": application.arbitration_links.select_related("committee").order_by("-id"),
        "is_assigned_lawyer": application.lawyer_id == request.user.pk,
        "accesses": application.case.file_accesses.none(),
    }


@login_required
@require_POST
def application_action(request, pk: int, verb: str):
    application = get_application_for_user(request.user, pk)
    if verb not in actions.ACTIONS:
        raise Http404("no such verb")
    form = actions.form_for(verb, application, request.POST, prefix=verb)
    if not form.is_valid():
        messages.error(request, _("请检查填写的内容。"))
        context = _detail_context(request, application, failed={verb: form})
        return render(request, "legal_aid/application.html", context, status=400)
    try:
        actions.run(verb, application, form.cleaned_data, request.user)
    except ActionRefused as exc:
        application.refresh_from_db()
        context = _detail_context(request, application, failed={verb: form})
        return _refusal(request, exc, "legal_aid/application.html", context)
    messages.success(request, str(VERBS[verb].done))
    return redirect("legal_aid:application", pk=application.pk)


@login_required
def apply_from_case(request, case_pk: int):
    """One step from a case: the applicant is one of its parties, the opponents the others."""
    case = get_case_for_user(request.user, case_pk)
    if not may_act(request.user, case.organisation_id):
        # In reach but not acting for its organisation (a read-only leader): refused, not hidden.
        raise PermissionDenied("not acting for this case's organisation")
    parties = list(case.parties.filter(side="applicant").order_by("id"))
    form = FromCaseForm(request.POST or None, parties=parties)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            application = services.apply_from_case(
                source=case,
                matter_type=d["matter_type"],
                applicant=next(p for p in parties if p.pk == d["applicant"]),
                exempt_reason=d["exempt_reason"],
                actor=request.user,
            )
        except ActionRefused as exc:
            form.add_error(None, exc.message)
            return render(
                request, "legal_aid/from_case.html", {"case": case, "form": form}, status=exc.status
            )
        messages.success(
            request,
            _("已提交法律援助申请 %(number)s，由%(centre)s审查。")
            % {"number": application.case.number, "centre": application.centre.name},
        )
        return redirect("case-detail", pk=case.pk)
    return render(request, "legal_aid/from_case.html", {"case": case, "form": form})


@login_required
def bad_credit(request):
    centres = desks.officer_centres(request.user)
    if not centres:
        raise Http404("not a legal-aid officer")
    form = BadCreditForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        BadCreditEntry.objects.create(
            name=d["name"],
            id_number_hash=pii.lookup_hash(d["id_number"]) if d["id_number"] else "",
            id_number_masked=_mask(d["id_number"]),
            phone=d["phone"],
            reason=d["reason"],
            listed_by=request.user,
        )
        messages.success(request, _("已列入失信名单：此人不能再适用告知承诺制。"))
        return redirect("legal_aid:bad_credit")
    entries = BadCreditEntry.objects.filter(removed_at__isnull=True)[:200]
    return render(request, "legal_aid/bad_credit.html", {"form": form, "entries": entries})


def _mask(id_number: str) -> str:
    from accounts.identifiers import mask_resident_id

    return mask_resident_id(id_number) if id_number else ""


@login_required
@require_POST
def bad_credit_remove(request, pk: int):
    if not desks.officer_centres(request.user):
        raise Http404("not a legal-aid officer")
    done = BadCreditEntry.objects.filter(pk=pk, removed_at__isnull=True).update(
        removed_at=timezone.now(), removed_by=request.user
    )
    if done:
        messages.success(request, _("已移出失信名单。"))
    return redirect("legal_aid:bad_credit")


@login_required
def totals_page(request):
    if not desks.may_see_totals(request.user):
        raise Http404("no totals here")
    start, end = period_from(request.GET)
    rows = list(totals(start, end, counties=counties_for_user(request.user)))
    labels = dict(MatterType.choices)
    for row in rows:
        row["matter_name"] = labels.get(row["matter_type"], row["matter_type"])
    return render(
        request,
        "legal_aid/totals.html",
        {
            "rows": rows,
            "start": start,
            "end": end,
            "sum_applications": sum(r["applications"] for r in rows),
            "sum_recovered": sum((r["recovered"] or 0) for r in rows),
        },
    )


# --- Lawyer and file reading -------------------------------------------------------------


@login_required
def lawyer_desk(request):
    if not files.is_lawyer(request.user):
        raise Http404("not a lawyer")
    return render(
        request,
        "legal_aid/lawyer_desk.html",
        {"desk": desks.lawyer_desk(request.user), "agent_form": AgentFileRequestForm()},
    )


@login_required
@require_POST
def file_request(request, pk: int):
    """The assigned lawyer asks to read the legal-aid file or the case it came from."""
    application = get_application_for_user(request.user, pk)
    case_id = request.POST.get("case")
    case = Case.objects.filter(
        pk__in=[application.case_id, application.source_case_id], pk=case_id or 0
    ).first()
    if case is None:
        raise Http404("case not found")
    try:
        files.request_for_assignment(
            lawyer=request.user,
            application=application,
            case=case,
            reason=request.POST.get("reason", ""),
        )
    except ActionRefused as exc:
        _forbidden(exc)
        messages.error(request, exc.message)
        return redirect("legal_aid:application", pk=pk)
    messages.success(
        request, _("已申请网上阅卷，等待%(org)s准许。") % {"org": case.organisation.name}
    )
    return redirect("legal_aid:lawyer_desk")


@login_required
def file_request_agent(request):
    if not files.is_lawyer(request.user):
        raise Http404("not a lawyer")
    form = AgentFileRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            files.request_as_agent(
                lawyer=request.user,
                number=d["number"],
                tracking_code=d["tracking_code"],
                reason=d["reason"],
            )
        except ActionRefused as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("已申请网上阅卷，等待承办机构准许。"))
            return redirect("legal_aid:lawyer_desk")
    return render(
        request, "legal_aid/file_request.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
def file_read(request, access_pk: int):
    access = get_file_access_for_lawyer(request.user, access_pk)
    try:
        files.log_view(access)
    except ActionRefused as exc:
        return _refusal(request, exc, "legal_aid/file_closed.html", {"access": access})
    case = access.case
    return render(
        request,
        "legal_aid/file_read.html",
        {
            "access": access,
            "case": case,
            "parties": case.parties.all(),
            "events": case.events.order_by("at", "id")[:200],
            "evidence": case.evidence.all(),
        },
    )


@login_required
def file_download(request, access_pk: int, evidence_pk: int):
    access = get_file_access_for_lawyer(request.user, access_pk)
    evidence = files.evidence_of(access, evidence_pk)
    try:
        files.log_download(access, evidence)
    except ActionRefused as exc:
        return _refusal(request, exc, "legal_aid/file_closed.html", {"access": access})
    with open_evidence(evidence) as handle:
        data = handle.read()
    if evidence.content_type == "application/pdf":
        mark = _("%(name)s 阅卷 %(date)s") % {
            "name": person_name(request.user),
            "date": timezone.localdate().isoformat(),
        }
        try:
            data = watermark_pdf(data, mark)
        except WatermarkFailed:
            exc = ActionRefused(_("该 PDF 文件已损坏，无法加水印下载，请联系承办机构。"))
            return _refusal(request, exc, "legal_aid/file_closed.html", {"access": access})
    response = HttpResponse(data, content_type=evidence.content_type)
    response["Content-Disposition"] = f'attachment; filename="evidence-{evidence.pk}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def file_decide(request, access_pk: int, verb: str):
    access = get_file_access_for_grantor(request.user, access_pk)
    if verb not in ACCESS_VERBS:
        raise Http404("no such verb")
    try:
        if verb == "grant_file":
            form = FileGrantForm(request.POST)
            if not form.is_valid():
                raise ActionRefused(_("请填写阅卷天数。"))
            files.grant(access, days=form.cleaned_data["days"], actor=request.user)
        elif verb == "refuse_file":
            files.refuse(access, actor=request.user)
        else:
            files.revoke(access, actor=request.user)
    except ActionRefused as exc:
        _forbidden(exc)
        messages.error(request, exc.message)
    else:
        messages.success(request, str(ACCESS_VERBS[verb].done))
    return redirect("case-detail", pk=access.case_id)


# --- Labour arbitration committee ---------------------------------------------------------


@login_required
def arbitration(request):
    if (
        Role.ARBITRATION_CLERK not in scope_of(request.user).role_names()
        and not scope_of(request.user).city_wide
    ):
        raise Http404("not arbitration staff")
    links = desks.arbitration_links(request.user)
    rows = [{"link": link, "verbs": LINK_VERBS.available(request.user, link)} for link in links]
    return render(request, "legal_aid/arbitration.html", {"rows": rows, "form": AwardForm()})


@login_required
@require_POST
def record_award(request, link_pk: int):
    link = get_arbitration_link_for_user(request.user, link_pk)
    form = AwardForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写裁决书文号和裁决结果。"))
        return redirect("legal_aid:arbitration")
    d = form.cleaned_data
    try:
        services.record_award(
            link, number=d["number"], text=d["text"], amount=d["amount"], actor=request.user
        )
    except ActionRefused as exc:
        _forbidden(exc)
        messages.error(request, exc.message)
    else:
        messages.success(request, str(LINK_VERBS["record_award"].done))
    return redirect("legal_aid:arbitration")
