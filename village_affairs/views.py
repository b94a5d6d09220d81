"""Pages: the public page of each village (no login, phone-first), the clerk's and mediator's
registers, the town's overview and the 小事不出村 table. Views parse, call one service and
render; a refused action shows why with its status, and the form keeps what was typed."""

from __future__ import annotations

import datetime as dt
import difflib
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db.models import Count, Prefetch, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.verbs import ActionRefused
from cases.access import cases_for_user
from cases.ratelimit import is_limited
from cases.ratelimit import message as rate_message
from villages.models import Region

from . import forms as f
from . import rates as rate_rows
from . import services
from .access import get_for_user, reach_of, village_for_user
from .models import (
    ApplicationStatus,
    CommitteeMember,
    HomesteadApplication,
    LatePosting,
    LedgerEntry,
    LedgerOutcome,
    Parcel,
    Posting,
    PostingKind,
    PostingPhoto,
    PostingStatus,
    Question,
    RoundReport,
    RuleStatus,
    RuleVersion,
)
from .verbs import APPLICATION_VERBS, LEDGER_VERBS, POSTING_VERBS, QUESTION_VERBS, RULE_VERBS

PAGE = 20
LIST_COLUMNS = ("id", "kind", "title", "period_start", "period_end", "status", "version")


# -- helpers --------------------------------------------------------------------------------


def _attempt(request, form, call) -> tuple[int, Any]:
    """Run a service with a valid form: (0, what it returned) when it worked, else (the
    status to answer with, None); a field rule's error goes onto its field (or the form), a
    refusal onto the form."""
    if not form.is_valid():
        return 400, None
    try:
        result = call(form)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, exc.messages)
        return 400, None
    except ActionRefused as exc:
        # Shown at the top as well: the refused form may not be on the page any more.
        form.add_error(None, exc.message)
        messages.error(request, exc.message)
        return exc.status, None
    return 0, result


def _handle(request, verbs, actions: dict, bound: dict, action: str):
    """POST of one action: ``actions`` maps action -> (form class, call, verb name or done
    message); answers a redirect on success, else the status to render the page with."""
    if action not in actions:
        raise Http404
    form_class, call, verb = actions[action]
    form = form_class(request.POST, request.FILES)
    bound[action] = form
    status, result = _attempt(request, form, call)
    if status == 0:
        done = verbs[verb].done if verbs and verb in verbs else verb
        messages.success(request, str(done))
    return status, result


def _village_home(user) -> str | None:
    reach = reach_of(user)
    codes = sorted(reach.villages)
    return codes[0] if codes else None


# -- public pages ---------------------------------------------------------------------------


def _public_village(code: str) -> Region:
    try:
        return Region.objects.villages().select_related("parent").get(code=code)
    except Region.DoesNotExist as exc:
        raise Http404("village not found") from exc


def public_postings(village_code: str, kind: str | None, before: str = "", *, full=False):
    """One keyset page of a village's public postings, newest period first (``full``: every
    column and the finance lines, for the API)."""
    rows = Posting.objects.public().filter(village_id=village_code)
    if kind:
        rows = rows.filter(kind=kind)
    if before:
        try:
            end_text, pk_text = before.split("_")
            end, pk = dt.date.fromisoformat(end_text), int(pk_text)
        except ValueError as exc:
            raise Http404("bad cursor") from exc
        rows = rows.filter(Q(period_end__lt=end) | Q(period_end=end, id__lt=pk))
    rows = rows.order_by("-period_end", "-id")
    rows = rows.prefetch_related("lines") if full else rows.only(*LIST_COLUMNS)
    page = list(rows[: PAGE + 1])
    more = len(page) > PAGE
    page = page[:PAGE]
    cursor = f"{page[-1].period_end.isoformat()}_{page[-1].pk}" if more else ""
    return page, cursor


def current_rules(village_code: str) -> RuleVersion | None:
    return RuleVersion.objects.adopted().filter(village_id=village_code).order_by("-number").first()


def village_public(request, code: str):
    village = _public_village(code)
    kind = request.GET.get("kind", "")
    if kind and kind not in PostingKind.values:
        kind = ""
    postings, cursor = public_postings(code, kind, request.GET.get("before", ""))
    return render(
        request,
        "village_affairs/public_village.html",
        {
            "village": village,
            "rules": current_rules(code),
            "notices": HomesteadApplication.objects.filter(
                village_id=code, status=ApplicationStatus.NOTICE
            ).only("number", "head_name", "requested_area", "location", "notice_until"),
            "postings": postings,
            "cursor": cursor,
            "kind": kind,
            "kinds": PostingKind.choices,
        },
    )


def rules_public(request, code: str):
    village = _public_village(code)
    versions = list(RuleVersion.objects.adopted().filter(village_id=code).order_by("-number"))
    return render(
        request,
        "village_affairs/public_rules.html",
        {"village": village, "current": versions[0] if versions else None, "versions": versions},
    )


def rules_diff(request, code: str):
    village = _public_village(code)
    versions = RuleVersion.objects.adopted().filter(village_id=code)
    if reach_of(request.user).sees(code):
        versions = RuleVersion.objects.filter(village_id=code)
    try:
        older = versions.get(number=int(request.GET.get("from", "")))
        newer = versions.get(number=int(request.GET.get("to", "")))
    except (ValueError, RuleVersion.DoesNotExist) as exc:
        raise Http404("version not found") from exc
    matcher = difflib.SequenceMatcher(a=older.text.splitlines(), b=newer.text.splitlines())
    rows = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            rows += [("same", line) for line in older.text.splitlines()[a1:a2]]
            continue
        rows += [("removed", line) for line in older.text.splitlines()[a1:a2]]
        rows += [("added", line) for line in newer.text.splitlines()[b1:b2]]
    return render(
        request,
        "village_affairs/rules_diff.html",
        {"village": village, "older": older, "newer": newer, "rows": rows},
    )


def posting_public(request, code: str, pk: int):
    village = _public_village(code)
    posting = get_object_or_404(
        Posting.objects.public().filter(village_id=code).prefetch_related("lines", "photos"),
        pk=pk,
    )
    form = f.QuestionForm()
    status = 200
    if request.method == "POST":
        form = f.QuestionForm(request.POST)
        if is_limited(request, "filing"):
            form.add_error(None, rate_message())
            status = 429
        else:
            status, _result = _attempt(
                request,
                form,
                lambda fm: services.ask_question(posting=posting, **fm.cleaned_data),
            )
            if status == 0:
                messages.success(request, _("问题已提交。村委会答复后，答复会显示在本页。"))
                return redirect(request.path)
    answered = posting.questions.exclude(answered_at=None)
    return render(
        request,
        "village_affairs/public_posting.html",
        {
            "village": village,
            "posting": posting,
            "questions": answered,
            "form": form,
            "correction": posting.corrections.filter(status=PostingStatus.PUBLISHED).first(),
        },
        status=status or 200,
    )


def posting_photo(request, code: str, pk: int, photo_pk: int):
    """A photo of a public posting, or of a draft for staff who see the village."""
    photo = get_object_or_404(
        PostingPhoto.objects.select_related("posting"),
        pk=photo_pk,
        posting_id=pk,
        posting__village_id=code,
    )
    if photo.posting.status == PostingStatus.DRAFT and not reach_of(request.user).sees(code):
        raise Http404
    return FileResponse(default_storage.open(photo.file.name), content_type=photo.content_type)


# -- the clerk's registers ------------------------------------------------------------------


@login_required
def clerk_home(request):
    code = request.GET.get("village") or _village_home(request.user)
    if not code:
        reach = reach_of(request.user)
        if reach.town_of:
            return redirect("village_affairs:town")
        raise Http404
    return redirect("village_affairs:village", code=code)


def _due(code: str) -> dict:
    today = timezone.localdate()
    month = today.replace(day=1)
    return {
        "late": LatePosting.objects.filter(village_id=code, resolved_at=None).order_by(
            "period_end"
        ),
        "drafts": Posting.objects.filter(village_id=code, status=PostingStatus.DRAFT)[:20],
        "open_questions": Question.objects.filter(
            posting__village_id=code, answered_at=None
        ).select_related("posting")[:20],
        "applications": HomesteadApplication.objects.filter(
            village_id=code,
            status__in=(ApplicationStatus.SUBMITTED, ApplicationStatus.VILLAGE_APPROVED),
        )[:20],
        "round_done": RoundReport.objects.filter(village_id=code, month=month).exists(),
        "month": month,
        "pending_entries": LedgerEntry.objects.filter(
            village_id=code, outcome=LedgerOutcome.PENDING
        ).count(),
    }


@login_required
def village_desk(request, code: str):
    village = village_for_user(request.user, code)
    reach = reach_of(request.user)
    return render(
        request,
        "village_affairs/village_desk.html",
        {
            "village": village,
            "due": _due(code),
            "keeps": reach.keeps(code),
            "mediates": reach.mediates(code),
        },
    )


@login_required
def rule_list(request, code: str):
    village = village_for_user(request.user, code)
    form = f.RuleForm()
    status = 200
    if request.method == "POST":
        form = f.RuleForm(request.POST)
        status, _result = _attempt(
            request,
            form,
            lambda fm: services.draft_rule(
                actor=request.user, village_code=code, **fm.cleaned_data
            ),
        )
        if status == 0:
            messages.success(request, _("草案已保存。表决通过后请登记会议和票数。"))
            return redirect("village_affairs:rules", code=code)
    versions = RuleVersion.objects.filter(village_id=code).order_by("-number")
    return render(
        request,
        "village_affairs/rule_list.html",
        {
            "village": village,
            "versions": versions,
            "form": form,
            "keeps": reach_of(request.user).keeps(code),
            "first": not versions.exists(),
        },
        status=status or 200,
    )


@login_required
def rule_detail(request, code: str, pk: int, action: str = ""):
    village = village_for_user(request.user, code)
    rule = get_for_user(request.user, RuleVersion.objects.filter(village_id=code), pk)
    user = request.user
    bound: dict = {
        "edit": f.RuleForm(
            initial={"title": rule.title, "text": rule.text, "change_note": rule.change_note}
        ),
        "adopt": f.VoteForm(),
        "file": f.FilingForm(),
        "review": f.ReviewForm(),
    }
    status = 200
    if request.method == "POST":
        if action == "revise":
            try:
                new = services.revise_rule(actor=user, rule=rule)
            except ActionRefused as exc:
                messages.error(request, exc.message)
                return redirect("village_affairs:rule", code=code, pk=pk)
            messages.success(request, RULE_VERBS["revise"].done)
            return redirect("village_affairs:rule", code=code, pk=new.pk)
        actions = {
            "edit": (
                f.RuleForm,
                lambda fm: services.edit_rule(actor=user, rule=rule, **fm.cleaned_data),
                "edit",
            ),
            "adopt": (
                f.VoteForm,
                lambda fm: services.adopt_rule(actor=user, rule=rule, vote=fm.vote()),
                "adopt",
            ),
            "file": (
                f.FilingForm,
                lambda fm: services.file_rule(actor=user, rule=rule, **fm.cleaned_data),
                "file",
            ),
            "review": (
                f.ReviewForm,
                lambda fm: services.review_rule(
                    actor=user,
                    rule=rule,
                    approved=fm.cleaned_data["approved"],
                    comment=fm.cleaned_data["review_comment"],
                ),
                "review",
            ),
        }
        status, _result = _handle(request, RULE_VERBS, actions, bound, action)
        if status == 0:
            return redirect("village_affairs:rule", code=code, pk=pk)
    return render(
        request,
        "village_affairs/rule_detail.html",
        {
            "village": village,
            "rule": rule,
            "forms": bound,
            "available": RULE_VERBS.available(user, rule),
            "previous": rule.based_on,
        },
        status=status,
    )


@login_required
def posting_list(request, code: str):
    village = village_for_user(request.user, code)
    form = f.PostingForm()
    status = 200
    if request.method == "POST":
        form = f.PostingForm(request.POST)
        status, posting = _attempt(
            request,
            form,
            lambda fm: services.draft_posting(
                actor=request.user, village_code=code, data=fm.posting_input()
            ),
        )
        if status == 0:
            messages.success(request, _("草稿已保存。可以上传公开栏照片，核对后公开。"))
            return redirect("village_affairs:posting", code=code, pk=posting.pk)
    postings = Posting.objects.filter(village_id=code).order_by("-period_end", "-id")
    kind = request.GET.get("kind", "")
    if kind in PostingKind.values:
        postings = postings.filter(kind=kind)
    return render(
        request,
        "village_affairs/posting_list.html",
        {
            "village": village,
            "postings": postings[:60],
            "form": form,
            "kind": kind,
            "kinds": PostingKind.choices,
            "keeps": reach_of(request.user).keeps(code),
        },
        status=status or 200,
    )


@login_required
def posting_detail(request, code: str, pk: int, action: str = ""):
    village = village_for_user(request.user, code)
    posting = get_for_user(
        request.user,
        Posting.objects.filter(village_id=code).prefetch_related("lines", "photos"),
        pk,
    )
    user = request.user
    bound: dict = {
        "edit": f.PostingForm(initial=f.PostingForm.initial_for(posting)),
        "photo": f.PhotoForm(),
        "correct": f.CorrectionForm(),
        "answer": f.AnswerForm(),
    }
    status = 200
    if request.method == "POST":
        if action == "publish":
            try:
                services.publish_posting(actor=user, posting=posting)
            except ActionRefused as exc:
                messages.error(request, exc.message)
                status = exc.status
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
                status = 400
            else:
                messages.success(request, POSTING_VERBS["publish"].done)
                return redirect("village_affairs:posting", code=code, pk=pk)
        elif action == "answer":
            question = get_object_or_404(posting.questions, pk=request.POST.get("question"))
            form = f.AnswerForm(request.POST)
            bound["answer"] = form
            status, _result = _attempt(
                request,
                form,
                lambda fm: services.answer_question(
                    actor=user, question=question, answer=fm.cleaned_data["answer"]
                ),
            )
            if status == 0:
                messages.success(request, QUESTION_VERBS["answer"].done)
                return redirect("village_affairs:posting", code=code, pk=pk)
        else:
            actions = {
                "edit": (
                    f.PostingForm,
                    lambda fm: services.edit_posting(
                        actor=user, posting=posting, data=fm.posting_input()
                    ),
                    "edit",
                ),
                "photo": (
                    f.PhotoForm,
                    lambda fm: services.add_photo(
                        actor=user, posting=posting, upload=fm.cleaned_data["photo"]
                    ),
                    _("照片已上传。"),
                ),
                "correct": (
                    f.CorrectionForm,
                    lambda fm: services.correct_posting(
                        actor=user,
                        posting=posting,
                        reason=fm.cleaned_data["correction_reason"],
                    ),
                    "correct",
                ),
            }
            status, result = _handle(request, POSTING_VERBS, actions, bound, action)
            if status == 0:
                # A correction is a new posting: the page goes on to it.
                target = result if action == "correct" else posting
                return redirect("village_affairs:posting", code=code, pk=target.pk)
    return render(
        request,
        "village_affairs/posting_detail.html",
        {
            "village": village,
            "posting": posting,
            "forms": bound,
            "available": POSTING_VERBS.available(user, posting),
            "questions": posting.questions.all(),
            "may_answer": reach_of(user).keeps(code),
        },
        status=status,
    )


# -- homesteads -----------------------------------------------------------------------------


@login_required
def application_list(request, code: str):
    village = village_for_user(request.user, code)
    form = f.ApplicationForm()
    status = 200
    if request.method == "POST":
        form = f.ApplicationForm(request.POST)
        status, application = _attempt(
            request,
            form,
            lambda fm: services.submit_application(
                actor=request.user, village_code=code, data=fm.application_input()
            ),
        )
        if status == 0:
            messages.success(
                request,
                _("申请 %(n)s 已登记，一户一宅核查通过。下一步：村审查。")
                % {"n": application.number},
            )
            return redirect("village_affairs:application", code=code, pk=application.pk)
    return render(
        request,
        "village_affairs/application_list.html",
        {
            "village": village,
            "applications": HomesteadApplication.objects.filter(village_id=code).order_by("-id")[
                :100
            ],
            "form": form,
            "keeps": reach_of(request.user).keeps(code),
        },
        status=status or 200,
    )


@login_required
def application_detail(request, code: str, pk: int, action: str = ""):
    village = village_for_user(request.user, code)
    application = get_for_user(
        request.user,
        HomesteadApplication.objects.filter(village_id=code).prefetch_related("members"),
        pk,
    )
    user = request.user
    bound: dict = {
        "village_review": f.VillageReviewForm(),
        "notice": f.NoticeForm(),
        "approve": f.DecisionForm(),
        "refuse": f.DecisionForm(),
    }
    status = 200
    if request.method == "POST":
        actions = {
            "village_review": (
                f.VillageReviewForm,
                lambda fm: services.village_review(
                    actor=user,
                    application=application,
                    agree=fm.cleaned_data["agree"],
                    comment=fm.cleaned_data["village_comment"],
                ),
                "village_review",
            ),
            "notice": (
                f.NoticeForm,
                lambda fm: services.post_notice(
                    actor=user, application=application, **fm.cleaned_data
                ),
                "notice",
            ),
            "approve": (
                f.DecisionForm,
                lambda fm: services.approve_application(
                    actor=user, application=application, reason=fm.cleaned_data["decision_reason"]
                ),
                "approve",
            ),
            "refuse": (
                f.DecisionForm,
                lambda fm: services.refuse_application(
                    actor=user, application=application, reason=fm.cleaned_data["decision_reason"]
                ),
                "refuse",
            ),
        }
        status, _result = _handle(request, APPLICATION_VERBS, actions, bound, action)
        if status == 0:
            return redirect("village_affairs:application", code=code, pk=pk)
    return render(
        request,
        "village_affairs/application_detail.html",
        {
            "village": village,
            "application": application,
            "forms": bound,
            "available": APPLICATION_VERBS.available(user, application),
            "cap": services.area_cap(application.terrain),
        },
        status=status,
    )


@login_required
def parcel_list(request, code: str):
    village = village_for_user(request.user, code)
    form = f.ParcelForm()
    status = 200
    if request.method == "POST":
        form = f.ParcelForm(request.POST)
        status, _result = _attempt(
            request,
            form,
            lambda fm: services.register_parcel(
                actor=request.user,
                village_code=code,
                number=fm.cleaned_data["number"],
                household_head=fm.cleaned_data["household_head"],
                area=fm.cleaned_data["area"],
                location=fm.cleaned_data["location"],
                certificate_number=fm.cleaned_data["certificate_number"],
                holders=(
                    services.Member(
                        fm.cleaned_data["household_head"],
                        _("户主"),
                        fm.cleaned_data["holder_id_number"],
                    ),
                ),
            ),
        )
        if status == 0:
            messages.success(request, _("宗地已登记入册。"))
            return redirect("village_affairs:parcels", code=code)
    parcels = (
        Parcel.objects.filter(village_id=code)
        .annotate(dispute_count=Count("disputes"))
        .order_by("number")[:200]
    )
    return render(
        request,
        "village_affairs/parcel_list.html",
        {
            "village": village,
            "parcels": parcels,
            "form": form,
            "keeps": reach_of(request.user).keeps(code),
        },
        status=status or 200,
    )


@login_required
def parcel_detail(request, code: str, pk: int):
    village = village_for_user(request.user, code)
    parcel = get_for_user(
        request.user,
        Parcel.objects.filter(village_id=code).prefetch_related(
            "holders",
            Prefetch("events"),
            "disputes__case",
        ),
        pk,
    )
    form = f.LinkCaseForm()
    status = 200
    if request.method == "POST":
        form = f.LinkCaseForm(request.POST)

        def link(fm):
            case = (
                cases_for_user(request.user).filter(number=fm.cleaned_data["case_number"]).first()
            )
            if case is None:
                raise ValidationError({"case_number": _("找不到您可查看的这个案件编号。")})
            services.link_dispute(actor=request.user, parcel=parcel, case=case)

        status, _result = _attempt(request, form, link)
        if status == 0:
            messages.success(request, _("已关联纠纷案件。"))
            return redirect("village_affairs:parcel", code=code, pk=pk)
    return render(
        request,
        "village_affairs/parcel_detail.html",
        {"village": village, "parcel": parcel, "form": form},
        status=status or 200,
    )


# -- the mediation committee and ledger -----------------------------------------------------


@login_required
def ledger(request, code: str, action: str = ""):
    village = village_for_user(request.user, code)
    reach = reach_of(request.user)
    user = request.user
    bound: dict = {
        "entry": f.LedgerForm(initial={"found_on": timezone.localdate()}),
        "round": f.RoundForm(
            initial={"month": timezone.localdate(), "done_on": timezone.localdate()}
        ),
        "member": f.MemberForm(),
    }
    status = 200
    if request.method == "POST":
        actions = {
            "entry": (
                f.LedgerForm,
                lambda fm: services.record_ledger_entry(
                    actor=user, village_code=code, **fm.cleaned_data
                ),
                _("已记入台账。"),
            ),
            "round": (
                f.RoundForm,
                lambda fm: services.record_round(actor=user, village_code=code, **fm.cleaned_data),
                _("本月排查已报告。"),
            ),
            "member": (
                f.MemberForm,
                lambda fm: services.add_committee_member(
                    actor=user, village_code=code, **fm.cleaned_data
                ),
                _("调委会成员已登记。"),
            ),
        }
        status, _result = _handle(request, None, actions, bound, action)
        if status == 0:
            return redirect("village_affairs:ledger", code=code)
    entries = (
        LedgerEntry.objects.filter(village_id=code)
        .select_related("category", "case")
        .order_by("-found_on", "-id")[:100]
    )
    return render(
        request,
        "village_affairs/ledger.html",
        {
            "village": village,
            "entries": entries,
            "rounds": RoundReport.objects.filter(village_id=code)[:12],
            "members": CommitteeMember.objects.filter(village_id=code, is_active=True),
            "forms": bound,
            "mediates": reach.mediates(code),
            "keeps": reach.keeps(code),
            "close_form": f.CloseEntryForm(initial={"closed_on": timezone.localdate()}),
        },
        status=status,
    )


@login_required
@require_POST
def ledger_close(request, code: str, pk: int):
    village_for_user(request.user, code)
    entry = get_for_user(request.user, LedgerEntry.objects.filter(village_id=code), pk)
    form = f.CloseEntryForm(request.POST)
    status, _result = _attempt(
        request,
        form,
        lambda fm: services.close_ledger_entry(
            actor=request.user,
            entry=entry,
            outcome=fm.cleaned_data["outcome"],
            note=fm.cleaned_data["outcome_note"],
            closed_on=fm.cleaned_data["closed_on"],
        ),
    )
    if status == 403:  # in reach but not a keeper of the ledger (a leader, the town): as the API
        raise PermissionDenied(" ".join(str(e) for e in form.errors.values()))
    if status == 0:
        messages.success(request, LEDGER_VERBS["close"].done)
    else:
        messages.error(request, " ".join(str(e) for e in form.errors.values()))
    return redirect("village_affairs:ledger", code=code)


# -- the town and the rates -----------------------------------------------------------------


@login_required
def town_overview(request):
    reach = reach_of(request.user)
    towns = sorted(reach.town_of)
    town = request.GET.get("town") or (towns[0] if towns else "")
    if town not in reach.town_of and not reach.city_wide:
        raise Http404
    region = get_object_or_404(Region, code=town, level=Region.Level.TOWN)
    month = timezone.localdate().replace(day=1)
    villages = list(region.children.order_by("code"))
    late = dict(
        LatePosting.objects.filter(town_code=town, resolved_at=None)
        .values_list("village_id")
        .annotate(n=Count("id"))
    )
    rates = {
        row["region"]: row
        for row in rate_rows.small_matters_rates(
            level="village", month_from=month.replace(month=1), month_to=month, within=town
        )
    }
    for village in villages:
        village.late = late.get(village.code, 0)
    return render(
        request,
        "village_affairs/town.html",
        {
            "town": region,
            "villages": villages,
            "rules": RuleVersion.objects.filter(town_code=town, status=RuleStatus.FILED),
            "applications": HomesteadApplication.objects.filter(
                town_code=town, status=ApplicationStatus.NOTICE
            ),
            "rates": _rate_totals(rates.values()),
        },
    )


def _rate_totals(rows) -> dict:
    settled = sum(r["settled"] for r in rows)
    concluded = sum(r["concluded"] for r in rows)
    return {
        "settled": settled,
        "concluded": concluded,
        "rate": settled / concluded if concluded else None,
    }


def _month(value: str, default: dt.date) -> dt.date:
    try:
        return dt.date.fromisoformat(f"{value}-01")
    except ValueError:
        return default


@login_required
def rates_page(request):
    today = timezone.localdate()
    month_to = _month(request.GET.get("to", ""), today.replace(day=1))
    month_from = _month(request.GET.get("from", ""), month_to.replace(month=1))
    within = request.GET.get("within", "")
    if within and (len(within) not in (6, 9) or not within.isdigit()):
        within = ""
    level = {"": "county", 6: "town", 9: "village"}[len(within) if within else ""]
    rows = list(
        rate_rows.small_matters_rates(
            level=level, month_from=month_from, month_to=month_to, within=within
        )
    )
    names = dict(
        Region.objects.filter(code__in={r["region"] for r in rows}).values_list("code", "name")
    )
    table: dict[str, dict] = {}
    for row in rows:
        entry = table.setdefault(
            row["region"], {"code": row["region"], "name": names.get(row["region"], ""), "rows": []}
        )
        row["rate"] = rate_rows.rate(row)
        entry["rows"].append(row)
    for entry in table.values():
        entry["total"] = _rate_totals(entry["rows"])
    return render(
        request,
        "village_affairs/rates.html",
        {
            "table": sorted(table.values(), key=lambda e: e["code"]),
            "month_from": month_from,
            "month_to": month_to,
            "within": within,
            "level": level,
            "drill": level != "village",
        },
    )


# -- desk panels ----------------------------------------------------------------------------


def clerk_panel(request, membership) -> dict:
    code = membership.organisation.region_id
    if not reach_of(request.user).keeps(code or ""):
        return {}
    due = _due(code)
    return {
        "code": code,
        "late": due["late"].count(),
        "drafts": len(due["drafts"]),
        "questions": len(due["open_questions"]),
        "applications": len(due["applications"]),
        "round_done": due["round_done"],
    }


def mediator_panel(request, membership) -> dict:
    code = membership.organisation.region_id or ""
    if not reach_of(request.user).mediates(code):
        return {}
    due = _due(code)
    return {"code": code, "round_done": due["round_done"], "pending": due["pending_entries"]}


def town_panel(request, membership) -> dict:
    town = membership.organisation.region_id or ""
    return {
        "url": reverse("village_affairs:town") + f"?town={town}",
        "late": LatePosting.objects.filter(town_code=town, resolved_at=None).count(),
        "rules": RuleVersion.objects.filter(town_code=town, status=RuleStatus.FILED).count(),
        "applications": HomesteadApplication.objects.filter(
            town_code=town, status=ApplicationStatus.NOTICE
        ).count(),
    }
