#!/usr/bin/env python3
"""One command to run the portal, one to test it, on a machine that has only Python 3.11+.

    python3 dev.py run     # virtualenv, install, migrate, demo data, web + Celery worker + beat
    python3 dev.py test    # virtualenv, install, axe-core (npm), the whole test suite
                           # (extra args go to pytest)
    python3 dev.py lint    # ruff check and format check, mypy, djLint
    python3 dev.py messages  # refresh the English catalogue (sorted, no locations) and compile it

Without environment variables the portal runs on SQLite and a filesystem Celery broker;
set DATABASE_URL and CELERY_BROKER_URL to use PostgreSQL and Redis. `run` and `messages`
turn DJANGO_DEBUG on (development secrets); the tests read zhanjiang_portal/test_settings.py.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("PORTAL_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / "python"
REQUIREMENTS = ROOT / "requirements.txt"


def ensure_virtualenv() -> None:
    if not PYTHON.exists():
        print(f"创建虚拟环境 / creating virtualenv in {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp = VENV / ".requirements.sha256"
    digest = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return
    print("安装依赖 / installing requirements", flush=True)
    pip = [str(PYTHON), "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "install", "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "install", "-r", str(REQUIREMENTS)], check=True)
    stamp.write_text(digest)


def development() -> None:
    """Debug on, with the development secrets the settings derive, unless the caller set
    DJANGO_DEBUG (off by default: production)."""
    os.environ.setdefault("DJANGO_DEBUG", "on")


def ensure_axe() -> None:
    """axe-core for the accessibility checks of the browser tests, installed with npm from
    package-lock.json (again only when the lock changes); without npm those checks skip."""
    npm = shutil.which("npm")
    if npm is None:
        print(
            "未找到 npm：无障碍检查（axe-core）将被跳过。/ npm not found: the accessibility "
            "checks (axe-core) will be skipped; install Node.js and npm to run them.",
            flush=True,
        )
        return
    lock = ROOT / "package-lock.json"
    stamp = ROOT / "node_modules" / ".package-lock.sha256"
    digest = hashlib.sha256(lock.read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return
    print("安装 axe-core / installing axe-core (npm ci)", flush=True)
    command = [npm, "ci", "--silent", "--no-audit", "--no-fund"]
    if subprocess.run(command, cwd=ROOT).returncode != 0:
        print("npm ci 失败：无障碍检查将被跳过。/ npm ci failed: accessibility checks skip.")
        return
    stamp.write_text(digest)


def manage(*args: str) -> None:
    subprocess.run([str(PYTHON), "manage.py", *args], cwd=ROOT, check=True)


def run(extra: list[str]) -> int:
    development()
    port = os.environ.get("PORT", "8000")
    # A SIGTERM (from a process manager or `timeout`) stops the worker and server too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    manage("migrate", "--noinput")
    manage("seed_demo")
    worker = subprocess.Popen(
        [
            str(BIN / "celery"),
            "-A",
            "zhanjiang_portal",
            "worker",
            "--beat",
            "--scheduler",
            "django_celery_beat.schedulers:DatabaseScheduler",
            "--loglevel",
            "INFO",
            "--concurrency",
            "2",
        ],
        cwd=ROOT,
    )
    web = subprocess.Popen(
        [str(PYTHON), "manage.py", "runserver", f"127.0.0.1:{port}", *extra], cwd=ROOT
    )
    time.sleep(2)
    print(f"\n门户已启动 / The portal is running: http://127.0.0.1:{port}/", flush=True)
    print(
        "演示账号见上方（密码相同）/ Demo logins are listed above. Ctrl-C stops everything.\n",
        flush=True,
    )
    try:
        return web.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        for proc in (web, worker):
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in (web, worker):
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()


def run_tests(extra: list[str]) -> int:
    ensure_axe()
    return subprocess.run([str(PYTHON), "-m", "pytest", *extra], cwd=ROOT).returncode


def lint(extra: list[str]) -> int:
    """ruff (check and format), mypy with the Django and DRF stubs (pyproject.toml says
    which modules are strict), and djLint over the templates. All run; any failure fails."""
    steps = [
        [str(BIN / "ruff"), "check", ".", *extra],
        [str(BIN / "ruff"), "format", "--check", "."],
        [str(BIN / "mypy")],
        [str(BIN / "djlint"), "templates", "--lint"],
    ]
    failed = [step[0] for step in steps if subprocess.run(step, cwd=ROOT).returncode != 0]
    for name in failed:
        print(f"lint: {Path(name).name} failed", flush=True)
    return 1 if failed else 0


MESSAGE_IGNORES = [
    ".venv/*",
    "var/*",
    "staticfiles/*",
    "test-output/*",
    "node_modules/*",
    "bench/*",
]
MESSAGE_IGNORES += ["tests/*", ".git/*"]


def messages(extra: list[str]) -> int:
    """Refresh locale/en from the marked strings. The catalogue is kept sorted by message and
    without source locations, so that two branches adding strings rarely touch the same lines;
    new entries come out untranslated, to be filled in before the next run compiles them."""
    development()
    po = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"
    ignores = [arg for pattern in MESSAGE_IGNORES for arg in ("--ignore", pattern)]
    # The project's makemessages also extracts cases.record.recorded("…") (timeline texts).
    manage("makemessages", "-l", "en", "--no-location", "--no-obsolete", *ignores, *extra)
    # A guessed (fuzzy) translation of a new message is worse than none: empty it.
    subprocess.run(
        ["msgattrib", "--clear-fuzzy", "--empty", "--clear-previous", "-o", str(po), str(po)],
        check=True,
    )
    subprocess.run(["msgcat", "--sort-output", "--no-location", "-o", str(po), str(po)], check=True)
    # The creation date would change on every run and make every branch's catalogue collide.
    stamp = '"POT-Creation-Date: 2026-11-27 00:00+0800\\n"'
    text = re.sub(r'"POT-Creation-Date: [^"]*"', lambda _m: stamp, po.read_text("utf-8"))
    po.write_text(text, encoding="utf-8")
    mo = po.with_suffix(".mo")
    return subprocess.run(["msgfmt", "--check", "-o", str(mo), str(po)]).returncode


COMMANDS = {"run": run, "test": run_tests, "lint": lint, "messages": messages}


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        print(__doc__)
        return 2
    ensure_virtualenv()
    return COMMANDS[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
