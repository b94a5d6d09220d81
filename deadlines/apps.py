from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeadlinesConfig(AppConfig):
    name = "deadlines"
    verbose_name = _("期限与提醒")

    def ready(self) -> None:
        from accounts import desk
        from cases import panels
        from notifications.recipients import WORKING_ROLES
        from zhanjiang_portal import navigation

        from .desk import my_deadlines_panel
        from .templatetags.deadline_tags import case_chips_context
        from .views import SUPERVISING_ROLES

        navigation.register("deadlines:mine", _("我的期限"), roles=WORKING_ROLES, order=20)
        navigation.register("deadlines:overdue", _("逾期督办"), roles=SUPERVISING_ROLES, order=21)
        panels.register(
            "deadlines/_case_panel.html", case_chips_context, place=panels.HEADER, order=10
        )
        for role in WORKING_ROLES:
            desk.register(role, "deadlines/_desk_panel.html", my_deadlines_panel, order=20)
