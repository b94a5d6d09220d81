from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from . import desk as desk_registry
from .models import Membership


def home(request):
    """The public home: what a villager can do here, in large type, one column."""
    return render(request, "home.html")


@login_required
def desk(request):
    """The staff home: a section per role the user holds, with the panels apps register."""
    memberships = (
        Membership.objects.active()
        .filter(user=request.user)
        .select_related("organisation")
        .order_by("role")
    )
    sections = [
        {
            "membership": m,
            "panels": [
                {"template": p.template, "context": p.context(request, m)}
                for p in desk_registry.panels_for(m.role)
            ],
        }
        for m in memberships
    ]
    return render(request, "accounts/desk.html", {"sections": sections})
