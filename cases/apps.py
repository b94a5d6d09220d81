from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("案件受理")

    def ready(self) -> None:
        from accounts import desk
        from accounts.models import Role
        from zhanjiang_portal import navigation, request_guards

        from .desk import window_panel
        from .ratelimit import count_malformed_public_body

        if count_malformed_public_body not in request_guards.MALFORMED_BODY_HOOKS:
            request_guards.MALFORMED_BODY_HOOKS.append(count_malformed_public_body)

        navigation.register("dispute-new", _("申请调解"), public=True, order=10)
        navigation.register("dispute-track", _("查询进度"), public=True, order=20)
        navigation.register("case-list", _("案件"), order=10)
        desk.register(Role.WINDOW_CLERK, "cases/desk_window.html", window_panel, order=10)
