from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransfersConfig(AppConfig):
    name = "transfers"
    verbose_name = _("机构间流转")

    def ready(self) -> None:
        from zhanjiang_portal.navigation import register

        register("transfers:inbox", _("移送待办"), order=40)
