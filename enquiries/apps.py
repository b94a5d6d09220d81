from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Staff who answer 12368 and the centre's phone.
OPERATOR_ROLES = frozenset(
    {"court_clerk", "window_clerk", "centre_supervisor", "petition_officer", "administrator"}
)


class EnquiriesConfig(AppConfig):
    name = "enquiries"
    verbose_name = _("12368案件查询")

    def ready(self) -> None:
        from cases import panels
        from zhanjiang_portal.navigation import register

        from .panels import case_password_context

        register("enquiries:lookup", _("12368查询"), roles=OPERATOR_ROLES, order=32)
        panels.register("enquiries/_case_panel.html", case_password_context, order=90)
