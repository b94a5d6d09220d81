from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediationConfig(AppConfig):
    name = "mediation"
    verbose_name = _("调解")

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_save

        from accounts import desk
        from accounts.models import Role
        from cases import panels as case_panels
        from cases import public_panels
        from cases.models import CaseEvent
        from cases.signals import case_filed, case_transitioned
        from deadlines import calendar_feed
        from zhanjiang_portal import navigation

        from . import autoroute, feed, loads, mirror, notices, panels, public, routing
        from .models import RoutingRule

        case_transitioned.connect(loads.on_case_transitioned, dispatch_uid="mediation-loads")
        case_transitioned.connect(mirror.on_case_transitioned, dispatch_uid="mediation-mirror")
        case_transitioned.connect(notices.on_case_transitioned, dispatch_uid="mediation-notices")
        case_filed.connect(mirror.on_case_filed, dispatch_uid="mediation-mirror-filed")
        case_filed.connect(autoroute.queue_routing, dispatch_uid="mediation-autoroute")
        post_save.connect(
            mirror.on_case_event, sender=CaseEvent, dispatch_uid="mediation-mirror-clock"
        )
        m2m_changed.connect(
            routing.touch_rule,
            sender=RoutingRule.categories.through,
            dispatch_uid="mediation-rule-categories",
        )

        calendar_feed.register_source(feed.session_events)
        case_panels.register("mediation/_case_panel.html", panels.case_panel, order=10)
        public_panels.register(
            "mediation", "mediation/_public_status.html", public.public_status, order=10
        )
        desk.register(Role.MEDIATOR, "mediation/_desk_panel.html", panels.mediator_panel, order=10)
        desk.register(
            Role.CENTRE_SUPERVISOR, "mediation/_board_panel.html", panels.board_panel, order=10
        )
        navigation.register("mediation:desk", _("调解工作台"), roles={Role.MEDIATOR}, order=20)
        navigation.register(
            "mediation:board",
            _("中心看板"),
            roles={Role.CENTRE_SUPERVISOR, Role.ADMINISTRATOR},
            order=21,
        )
