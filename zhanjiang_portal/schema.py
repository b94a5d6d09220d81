"""OpenAPI schema generation.

API classes nest their serializers (``MeApi.OutputSerializer``), so several serializers share
a class name; name each component after its enclosing class too (``MeApiOutput``) so that no
two collide in the schema.
"""

from __future__ import annotations

from drf_spectacular.openapi import AutoSchema


class PortalAutoSchema(AutoSchema):
    def _get_serializer_name(self, serializer, direction, bypass_extensions=False) -> str:
        name = super()._get_serializer_name(serializer, direction, bypass_extensions)
        serializer_class = serializer if isinstance(serializer, type) else type(serializer)
        outer = serializer_class.__qualname__.split(".")[:-1]
        custom = getattr(getattr(serializer_class, "Meta", None), "ref_name", None)
        if outer and not custom and "<locals>" not in outer:
            return "".join(outer) + name
        return name
