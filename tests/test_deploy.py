import os
import subprocess
import sys
from pathlib import Path

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[1]


def run_check(tmp_path, **env):
    base = {"PATH": os.environ["PATH"], "MPP_VAR_DIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
    )


def test_check_deploy_is_silent_with_production_settings(tmp_path):
    result = run_check(
        tmp_path,
        MPP_PRODUCTION="1",
        DJANGO_SECRET_KEY="x7!kq-" + "9f3Lz" * 12,
        MPP_DATA_KEYS=Fernet.generate_key().decode(),
        MPP_HASH_KEY="another-long-random-value-for-the-blind-index",
        DJANGO_ALLOWED_HOSTS="mpp.kapuaskab.go.id",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_secrets(tmp_path):
    result = run_check(tmp_path, MPP_PRODUCTION="1")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_development_profile_is_flagged_by_check_deploy(tmp_path):
    result = run_check(tmp_path)
    assert result.returncode != 0
    assert "mpp.W001" in result.stdout + result.stderr


def test_a_malformed_data_key_stops_the_start(tmp_path):
    result = run_check(tmp_path, MPP_DATA_KEYS="not-a-key", MPP_HASH_KEY="x" * 32)
    assert result.returncode != 0
    assert "mpp.E001" in result.stdout + result.stderr


def test_health_checks(client, db):
    assert client.get("/health/").json() == {"status": "ok"}
    assert client.head("/health/").status_code == 200
    assert client.post("/health/write/").json() == {"status": "ok"}
    assert client.post("/health/write/").json() == {"status": "ok"}
    assert client.get("/health/write/").status_code == 405
