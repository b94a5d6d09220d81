"""Private-file storage for the tests: the local disk (a temporary MEDIA_ROOT), and
S3-compatible object storage served by moto's server mode on 127.0.0.1 (pinned in
requirements.txt), started once per test session.

A test that stores or reads files asks for ``file_storage`` and runs once on each."""

from __future__ import annotations

import secrets
import socket
from collections.abc import Iterator

import pytest

REGION = "us-east-1"
KEYS = {"access_key": "testing", "secret_key": "testing"}


def s3_storage(endpoint: str, bucket: str, **options) -> dict:
    from botocore.config import Config

    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint,
            "region_name": REGION,
            "file_overwrite": False,
            "default_acl": None,
            "client_config": Config(
                connect_timeout=2, read_timeout=10, retries={"max_attempts": 1}
            ),
            **KEYS,
            **options,
        },
    }


@pytest.fixture(scope="session")
def moto_endpoint() -> Iterator[str]:
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=_free_port(), verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture(params=["disk", "object storage"])
def file_storage(request, settings, tmp_path) -> str:
    """Where private files go in this run of the test: "disk" or "object storage"."""
    settings.MEDIA_ROOT = tmp_path / "media"
    if request.param == "object storage":
        import boto3

        endpoint = request.getfixturevalue("moto_endpoint")
        bucket = f"zj-test-{secrets.token_hex(6)}"
        boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name=REGION,
            aws_access_key_id=KEYS["access_key"],
            aws_secret_access_key=KEYS["secret_key"],
        ).create_bucket(Bucket=bucket)
        settings.STORAGES = {**settings.STORAGES, "default": s3_storage(endpoint, bucket)}
    return request.param


@pytest.fixture
def object_storage_unreachable(settings) -> None:
    """Object storage configured, at an address where nothing answers."""
    endpoint = f"http://127.0.0.1:{_free_port()}"
    settings.STORAGES = {**settings.STORAGES, "default": s3_storage(endpoint, "zj-unreachable")}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
