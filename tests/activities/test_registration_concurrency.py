"""50 people register at the same moment for the last 10 places: exactly 10 get one, 40 wait, nobody sees an error.

On PostgreSQL the threads run against the test database; on SQLite against a fresh database file in a
subprocess (see tests/activities/race.py). Each has a control that shows the race without the protection.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tests.activities.race import prepare, run_race

ROOT = Path(__file__).resolve().parents[2]
ON_POSTGRES = "postgresql" in settings.DATABASES["default"]["ENGINE"]


def _sqlite_race(tmp_path, *, control: bool) -> dict:
    args = [sys.executable, "-m", "tests.activities.race", str(tmp_path)] + (["--control"] if control else [])
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.skipif(ON_POSTGRES, reason="runs once, in the SQLite run")
def test_sqlite_file_database_never_overbooks(tmp_path):
    result = _sqlite_race(tmp_path, control=False)
    assert result["errors"] == []
    assert (result["registered"], result["waiting"]) == (10, 40)
    assert result["registered_total"] == result["capacity"] == result["kept_count"] == 30


@pytest.mark.skipif(ON_POSTGRES, reason="runs once, in the SQLite run")
def test_sqlite_control_without_immediate_transactions_and_lock_fails_people(tmp_path):
    result = _sqlite_race(tmp_path, control=True)
    # Everyone counted 20 of 30 places taken; SQLite then refuses all but the first writer.
    assert result["errors"]
    assert all("locked" in error for error in result["errors"])


@pytest.mark.skipif(not ON_POSTGRES, reason="PostgreSQL row locks")
@pytest.mark.django_db(transaction=True)
def test_postgresql_never_overbooks(cast):
    result = run_race(prepare(cast.network, capacity=30, taken=20), 50)
    assert result["errors"] == []
    assert (result["registered"], result["waiting"]) == (10, 40)
    assert result["registered_total"] == result["kept_count"] == 30


@pytest.mark.skipif(not ON_POSTGRES, reason="PostgreSQL row locks")
@pytest.mark.django_db(transaction=True)
def test_postgresql_control_without_the_lock_overbooks(cast, monkeypatch):
    result = run_race(prepare(cast.network, capacity=30, taken=20), 50, without_lock=True, patch=monkeypatch.setattr)
    assert result["errors"] == []
    assert result["registered"] == 50
    assert result["registered_total"] > result["capacity"]
