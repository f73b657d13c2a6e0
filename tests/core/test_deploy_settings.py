import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("SPIL_")}
    env.update(DJANGO_SETTINGS_MODULE="spil.settings", **extra)
    return env


def test_deploy_check_passes_under_production_settings(tmp_path):
    env = _env(
        SPIL_SECRET_KEY="a-long-random-production-secret-" + "x7Kq9!" * 8,
        SPIL_ALLOWED_HOSTS="spil.example.org",
        SPIL_DATA_DIR=str(tmp_path),
        SPIL_EMAIL_HOST="smtp.example.org",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=_env(SPIL_DATA_DIR=str(tmp_path)),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SPIL_SECRET_KEY" in result.stderr


def test_sqlite_runs_with_a_busy_timeout_and_immediate_transactions(db):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite settings")
    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 5000


def test_spil_command_passes_through_to_django(tmp_path):
    env = _env(SPIL_DEBUG="true", SPIL_DATA_DIR=str(tmp_path))
    spil = Path(sys.executable).with_name("spil")
    result = subprocess.run([str(spil), "help"], env=env, capture_output=True, text=True, timeout=60)
    assert "spil up" in result.stdout
    result = subprocess.run([str(spil), "showmigrations", "networks"], env=env, capture_output=True, text=True)
    assert result.returncode == 0 and "labour_market_regions" in result.stdout


def test_the_sqlite_file_database_runs_in_wal_mode(tmp_path):
    env = _env(SPIL_DEBUG="true", SPIL_DATA_DIR=str(tmp_path))
    spil = Path(sys.executable).with_name("spil")
    code = (
        "from django.db import connection; c = connection.cursor(); "
        "c.execute('PRAGMA journal_mode'); print(c.fetchone()[0])"
    )
    result = subprocess.run([str(spil), "shell", "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert result.stdout.strip().splitlines()[-1] == "wal", result.stderr
