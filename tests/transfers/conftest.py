"""Fixtures for delivery under faults: a real worker with chosen settings, an external
receiver on 127.0.0.1 that fails or hangs on purpose, and a throwaway Redis server."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.celery_worker import WorkerProcess, purge_queues


class ExternalReceiver:
    """A court's own case system: verifies the HMAC, fails the first ``fail_first`` posts,
    holds the first ``hang_first`` without answering, and keeps one record per key."""

    def __init__(self, secret: str, fail_first: int = 0, hang_first: int = 0):
        self.secret = secret
        self.fail_first = fail_first
        self.hang_first = hang_first
        self.attempts: list[str] = []
        self.bad_signatures = 0
        self.processed: dict[str, dict] = {}
        self.lock = threading.Lock()
        self.release = threading.Event()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/transfers"

    def _handler(self):
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                expected = (
                    "sha256=" + hmac.new(receiver.secret.encode(), body, hashlib.sha256).hexdigest()
                )
                key = self.headers.get("Idempotency-Key", "")
                with receiver.lock:
                    attempt = len(receiver.attempts)
                    receiver.attempts.append(key)
                if attempt < receiver.hang_first:
                    receiver.release.wait(30)
                    return
                if attempt < receiver.fail_first:
                    return self._answer(503)
                if not hmac.compare_digest(expected, self.headers.get("X-Portal-Signature", "")):
                    receiver.bad_signatures += 1
                    return self._answer(401)
                with receiver.lock:
                    receiver.processed.setdefault(key, json.loads(body))
                return self._answer(200)

            def _answer(self, code: int) -> None:
                with contextlib.suppress(OSError):
                    self.send_response(code)
                    self.send_header("Content-Length", "0")
                    self.end_headers()

            def log_message(self, *args):
                pass

        return Handler

    def start(self) -> ExternalReceiver:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def external_receiver() -> Iterator:
    made: list[ExternalReceiver] = []

    def make(**kwargs) -> ExternalReceiver:
        receiver = ExternalReceiver("shared-secret-0804", **kwargs).start()
        made.append(receiver)
        return receiver

    yield make
    for receiver in made:
        receiver.stop()


# Short clocks for the worker process, so a test waits seconds instead of minutes.
FAST_WORKER_ENV = {
    "TRANSFER_SWEEP_AFTER_SECONDS": "1",
    "TRANSFER_EXTERNAL_LEASE_SECONDS": "3",
    "TRANSFER_EXTERNAL_RETRY_BASE_SECONDS": "0.3",
    "TRANSFER_EXTERNAL_TIMEOUT_SECONDS": "20",
}


@pytest.fixture
def fast_worker(transactional_db, tmp_path, monkeypatch) -> Iterator[WorkerProcess]:
    """A real worker process (not started yet) with the short clocks above."""
    for name, value in FAST_WORKER_ENV.items():
        monkeypatch.setenv(name, value)
    worker = WorkerProcess(tmp_path / "worker.log")
    yield worker
    worker.stop()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    """A private redis-server for a test that must stop its broker; never the shared one."""

    def __init__(self, port: int, workdir):
        self.port = port
        self.workdir = workdir
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [
                "redis-server",
                "--bind", "127.0.0.1",
                "--port", str(self.port),
                "--save", "",
                "--appendonly", "no",
                "--dir", str(self.workdir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port)):
                return
            time.sleep(0.05)
        raise AssertionError("throwaway redis did not start")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)


@pytest.fixture
def private_broker(tmp_path, settings) -> Iterator[RedisServer]:
    """Point the web side and the worker at a private Redis for this test only."""
    from zhanjiang_portal.celery import app

    server = RedisServer(free_port(), tmp_path)
    server.start()
    previous = app.conf.broker_url
    settings.CELERY_BROKER_URL = server.url
    _use_broker(app, server.url)
    purge_queues()
    yield server
    server.stop()
    _use_broker(app, previous)


def _use_broker(app, url: str) -> None:
    app.conf.broker_url = app.conf.broker_write_url = app.conf.broker_read_url = url
    # Forget pooled connections to the previous broker (what Celery does after a fork).
    app._pool = None
    app.amqp._producer_pool = None
