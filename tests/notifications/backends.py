"""SMS providers that misbehave, plugged in by setting as a real provider would be."""

from __future__ import annotations


class ProviderDown(Exception):
    pass


class RaisingBackend:
    def send(self, message) -> str:
        raise ProviderDown("短信网关无响应")


class FlakyBackend:
    """Fails the first two attempts of every message, then accepts it."""

    def send(self, message) -> str:
        if message.attempts < 3:
            raise ProviderDown(f"第 {message.attempts} 次失败")
        return f"flaky-{message.pk}"
