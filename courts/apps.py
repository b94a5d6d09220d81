from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CourtsConfig(AppConfig):
    name = "courts"
    verbose_name = _("法院诉前调解")
