from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "petitions"
    verbose_name = _("信访事项")

    def ready(self) -> None:
        from accounts import desk
        from cases import panels
        from enquiries.services import NEXT_STEP_PROVIDERS
        from zhanjiang_portal.navigation import register

        from .panels import case_petition_context, petition_next_step
        from .views import desk_panel

        register("petitions:list", _("信访事项"), roles={"petition_officer"}, order=35)
        desk.register("petition_officer", "petitions/desk_panel.html", desk_panel)
        panels.register("petitions/_case_panel.html", case_petition_context, order=40)
        if petition_next_step not in NEXT_STEP_PROVIDERS:
            NEXT_STEP_PROVIDERS.append(petition_next_step)
