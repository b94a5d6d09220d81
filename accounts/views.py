from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .models import Membership


def home(request):
    """The public home: what a villager can do here, in large type, one column."""
    return render(request, "home.html")


@login_required
def desk(request):
    """The staff home: one panel per role the user holds."""
    memberships = (
        Membership.objects.active()
        .filter(user=request.user)
        .select_related("organisation")
        .order_by("role")
    )
    return render(request, "accounts/desk.html", {"memberships": memberships})
