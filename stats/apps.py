from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatsConfig(AppConfig):
    name = "stats"
    verbose_name = _("统计")

    def ready(self) -> None:
        from accounts import desk
        from accounts.models import Role
        from cases import panels as case_panels
        from cases.signals import case_filed, case_transitioned
        from zhanjiang_portal import navigation

        from . import areas, desks, providers, receivers

        providers.register_all()
        areas.register_installed()
        case_filed.connect(receivers.on_case_filed, dispatch_uid="stats-filed")
        case_transitioned.connect(receivers.on_case_transitioned, dispatch_uid="stats-transitioned")
        stats_roles = {
            Role.CITY_LEADER,
            Role.ADMINISTRATOR,
            Role.CENTRE_SUPERVISOR,
            Role.BUREAU_OFFICER,
            Role.COURT_CLERK,
            Role.LEGAL_AID_OFFICER,
        }
        navigation.register("stats:dashboard", _("统计"), roles=stats_roles, order=60)
        navigation.register("stats:activities", _("服务活动"), order=61)
        navigation.register("stats:upcoming", _("普法活动预告"), public=True, order=62)
        for role, order in (
            (Role.CITY_LEADER, 5),
            (Role.BUREAU_OFFICER, 50),
            (Role.CENTRE_SUPERVISOR, 50),
        ):
            desk.register(role, "stats/_desk_panel.html", desks.figures_panel, order=order)
        case_panels.register("stats/_case_panel.html", desks.case_mark_panel, order=90)
