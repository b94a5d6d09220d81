"""The test suite's settings: the production settings (DJANGO_DEBUG off, the default) with
throwaway secrets, which production must set and the settings refuse to start without.

They are put in the environment before the settings are read, so that the Celery worker
processes the integration tests start (which inherit it) read the same ones."""

from __future__ import annotations

import os

for _name, _value in {
    "DJANGO_SECRET_KEY": "test-only-secret-key-not-for-any-deployment-0123456789abcdef",
    "PII_ENCRYPTION_KEY": "dGVzdC1vbmx5LWZlcm5ldC1rZXktMzItYnl0ZXMhISE=",
    "PII_HASH_KEY": "test-only-pii-hash-key",
    # The test client and the live test server speak plain HTTP.
    "DJANGO_SECURE_SSL_REDIRECT": "off",
}.items():
    os.environ.setdefault(_name, _value)

from .settings import *  # noqa: E402, F403

# A second alias standing for a replica (the test database under another connection), so
# the statistics router can be tested; statistics read the primary unless a test says so.
DATABASES.setdefault("replica", {**DATABASES["default"], "TEST": {"MIRROR": "default"}})  # noqa: F405

# Tests render templates without running collectstatic first.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405

# Production hashes a password with PBKDF2's million rounds (half a second on a 2-core
# machine); the suite creates and signs in a few thousand accounts. A fast hasher keeps that
# out of the tests' time: what is tested is who may act, not how slowly a password hashes.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
