from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VillageAffairsConfig(AppConfig):
    name = "village_affairs"
    verbose_name = _("村务")

    def ready(self) -> None:
        from accounts import desk
        from accounts.models import Role
        from zhanjiang_portal.navigation import register

        from .views import clerk_panel, mediator_panel, town_panel

        register("village_affairs:clerk", _("村务"), roles={Role.VILLAGE_CLERK}, order=40)
        register("village_affairs:town", _("镇村务总览"), roles={Role.TOWN_OFFICER}, order=40)
        register("village_affairs:rates", _("小事不出村"), order=41)
        desk.register(Role.VILLAGE_CLERK, "village_affairs/_clerk_panel.html", clerk_panel)
        desk.register(Role.MEDIATOR, "village_affairs/_mediator_panel.html", mediator_panel)
        desk.register(Role.TOWN_OFFICER, "village_affairs/_town_panel.html", town_panel)
