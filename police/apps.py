from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PoliceConfig(AppConfig):
    name = "police"
    verbose_name = _("交警移送")

    def ready(self) -> None:
        from cases import panels

        from . import receivers  # noqa: F401  (connects the signal receivers)
        from .panels import case_accident_context

        panels.register("police/_case_panel.html", case_accident_context, order=45)
