"""A mailing to 1,000 recipients through a real SMTP sink: the worker is killed halfway (SIGKILL) and started
again; every recipient gets the newsletter exactly once.

The worker runs as its own process with the database backend of django-tasks-db, on a SQLite file.
"""

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
RECIPIENTS = 1000

pytestmark = pytest.mark.skipif(
    "postgresql" in settings.DATABASES["default"]["ENGINE"], reason="runs once, in the SQLite run"
)


def _env(tmp_path, port: int) -> dict:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("SPIL_", "DJANGO_"))}
    env |= {
        "SPIL_TESTING": "1",
        "SPIL_DEBUG": "1",
        "SPIL_DATA_DIR": str(tmp_path),
        "SPIL_TASKS_IMMEDIATE": "false",
        "SPIL_EMAIL_HOST": "127.0.0.1",
        "SPIL_EMAIL_PORT": str(port),
        "SPIL_MAIL_STALE_SECONDS": "1",
    }
    return env


def _worker(env, *extra) -> subprocess.Popen:
    """The worker as its own process group. --no-reload: with DEBUG, db_worker would otherwise run the worker in
    a child of an autoreloader, and a kill of the process we started would leave the real worker running."""
    args = [
        *(sys.executable, "-m", "spil.cli", "worker", "--"),
        *("--interval", "0.1", "--no-startup-delay", "--no-reload", *extra),
    ]
    return subprocess.Popen(
        args,
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def _kill_group(process: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)


def _wait(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_killed_worker_restarts_and_every_recipient_gets_the_mailing_exactly_once(tmp_path, mailbox):
    env = _env(tmp_path, mailbox.port)
    setup = subprocess.run(
        [sys.executable, "-m", "tests.communication.crash_setup", str(tmp_path), str(RECIPIENTS)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert setup.returncode == 0, setup.stderr[-3000:]

    worker = _worker(env)
    try:
        assert _wait(lambda: len(mailbox.messages) >= RECIPIENTS // 2, 120), "the worker sent too little"
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
    finally:
        _kill_group(worker)  # nothing of it may live on, or it would still be sending
    at_kill = len(mailbox.messages)
    assert at_kill < RECIPIENTS, "the worker finished before it was killed"
    time.sleep(0.5)
    assert len(mailbox.messages) == at_kill, "mails still arrive after the kill"

    time.sleep(1.2)  # the heartbeat goes stale: the next worker takes over
    restarted = _worker(env, "--batch")
    try:
        _, errors = restarted.communicate(timeout=180)
    finally:
        _kill_group(restarted)
    assert restarted.returncode == 0, errors[-3000:]

    per_recipient = Counter(message["To"] for message in mailbox.messages)
    message_ids = Counter((message["To"], message["Message-ID"]) for message in mailbox.messages)
    assert len(per_recipient) == RECIPIENTS
    assert {to for to, _ in message_ids} == set(per_recipient)
    assert all(count == 1 for count in Counter(to for to, _ in message_ids).values())
    print(f"killed after {at_kill} of {RECIPIENTS}; messages received in all: {len(mailbox.messages)}")
    # Exactly once; the only possible resend is the one message in flight at the kill, with the same Message-ID.
    assert len(mailbox.messages) <= RECIPIENTS + 1
