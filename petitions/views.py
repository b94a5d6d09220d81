from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import scope_of
from accounts.models import Organisation, OrganisationKind, Role
from accounts.verbs import ActionRefused

from . import actions, forms, services
from .access import get_petition_for_user, petitions_for_user
from .models import PetitionStatus
from .verbs import VERBS


def desk_panel(request, membership) -> dict:
    qs = petitions_for_user(request.user).filter(office=membership.organisation)
    return {"open_petitions": qs.open().select_related("case").order_by("-received_at")[:5]}


def _offices(user):
    scope = scope_of(user)
    ids = scope.roles.get(Role.PETITION_OFFICER, frozenset())
    offices = Organisation.objects.filter(kind=OrganisationKind.PETITION_OFFICE)
    return offices if scope.may_act_city_wide else offices.filter(pk__in=sorted(ids))


@login_required
def petition_list(request):
    status = request.GET.get("status", "")
    qs = petitions_for_user(request.user).select_related("case", "office")
    if status in PetitionStatus.values:
        qs = qs.filter(status=status)
    if request.GET.get("group") == "1":
        qs = qs.filter(is_group=True)
    rows = qs.order_by("-received_at", "-id")[:100]
    return render(
        request,
        "petitions/list.html",
        {
            "rows": rows,
            "statuses": PetitionStatus.choices,
            "status": status,
            "may_register": _offices(request.user).exists(),
        },
    )


@login_required
def petition_new(request):
    office = _offices(request.user).first()
    if office is None:
        raise Http404
    form = forms.RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        petition, password = services.register_petition(
            data=services.PetitionInput(
                office=office,
                petitioner_name=data["petitioner_name"],
                petitioner_phone=data["petitioner_phone"],
                matter=data["matter"],
                channel=data["channel"],
                village_code=data["village_code"],
                is_group=data["is_group"],
                group_size=data["group_size"],
                category=data["category"],
            ),
            actor=request.user,
        )
        messages.success(
            request,
            _(
                "已登记信访事项%(number)s，请在15日内决定是否受理并告知信访人。"
                "12368查询密码：%(pw)s（请告知信访人）。"
            )
            % {"number": petition.case.number, "pw": password},
        )
        return redirect("petitions:detail", pk=petition.pk)
    return render(request, "petitions/new.html", {"form": form, "office": office})


@login_required
def petition_detail(request, pk: int):
    petition = get_petition_for_user(request.user, pk)
    return _render_detail(request, petition, actions.verb_forms(petition))


def _render_detail(request, petition, verb_forms, status: int = 200):
    available = VERBS.available(request.user, petition)
    return render(
        request,
        "petitions/detail.html",
        {
            "petition": petition,
            "forms": {name: f for name, f in verb_forms.items() if name in available},
            "clock": services.conclusion_clock(petition),
            "deadlines": petition.case.deadlines.select_related("rule").order_by("id"),
            "events": petition.case.events.order_by("at", "id"),
        },
        status=status,
    )


@login_required
@require_POST
def petition_act(request, pk: int, verb: str):
    petition = get_petition_for_user(request.user, pk)
    if verb not in VERBS:
        raise Http404
    verb_forms = actions.verb_forms(petition, request.POST, verb)
    form = verb_forms[verb]
    if not form.is_valid():
        messages.error(request, _("请按提示修改后再提交。"))
        return _render_detail(request, petition, verb_forms, status=400)
    try:
        actions.call(verb, petition, form.cleaned_data, request.user)
    except ActionRefused as exc:
        messages.error(request, exc.message)
        return _render_detail(request, petition, verb_forms, status=exc.status)
    messages.success(request, str(VERBS[verb].done))
    return redirect("petitions:detail", pk=petition.pk)
