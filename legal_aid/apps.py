from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalAidConfig(AppConfig):
    name = "legal_aid"
    verbose_name = _("法律援助")

    def ready(self) -> None:
        from accounts import desk
        from accounts.models import Role
        from cases import panels as case_panels
        from cases import public_panels
        from zhanjiang_portal import navigation

        from . import panels, receivers  # noqa: F401  (receivers connects the signals)

        case_panels.register("legal_aid/_case_panel.html", panels.case_panel, order=40)
        public_panels.register(
            "legal_aid", "legal_aid/_public_status.html", panels.public_status, order=40
        )
        desk.register(Role.LEGAL_AID_OFFICER, "legal_aid/_desk_panel.html", panels.officer_panel)
        desk.register(Role.LAWYER, "legal_aid/_lawyer_panel.html", panels.lawyer_panel)
        desk.register(
            Role.ARBITRATION_CLERK, "legal_aid/_arbitration_panel.html", panels.arbitration_panel
        )
        navigation.register(
            "legal_aid:desk", _("法律援助"), roles={Role.LEGAL_AID_OFFICER}, order=40
        )
        navigation.register("legal_aid:lawyer_desk", _("律师工作台"), roles={Role.LAWYER}, order=41)
        navigation.register(
            "legal_aid:arbitration", _("劳动仲裁衔接"), roles={Role.ARBITRATION_CLERK}, order=42
        )
        navigation.register("legal_aid:apply", _("申请法律援助"), public=True, order=45)
