from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediationConfig(AppConfig):
    name = "mediation"
    verbose_name = _("调解")

    def ready(self) -> None:
        from accounts import desk
        from accounts.models import Role
        from zhanjiang_portal import navigation

        from . import panels

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
