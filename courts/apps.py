from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CourtsConfig(AppConfig):
    name = "courts"
    verbose_name = _("法院诉前调解")

    def ready(self) -> None:
        from accounts import desk
        from cases import panels
        from transfers.handlers import register_accept_page
        from transfers.models import TransferKind
        from zhanjiang_portal.navigation import register

        from . import fast_track_views, receivers  # noqa: F401  (receivers connect signals)
        from .panels import case_court_context
        from .views import clerk_panel

        register("courts:dashboard", _("诉前调解"), roles={"court_clerk"}, order=30)
        register("courts:enquiry", _("12368查询"), roles={"court_clerk"}, order=31)
        register_accept_page(TransferKind.DELEGATE_PRE_LITIGATION, "courts:dispatch")
        desk.register("court_clerk", "courts/desk_panel.html", clerk_panel)
        panels.register("courts/_case_panel.html", case_court_context, order=50)
        fast_track_views.register()
