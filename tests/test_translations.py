"""Every user-facing string has its Indonesian translation (Bahasa Indonesia comes first)."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_indonesian_catalogue_is_complete_and_current(tmp_path):
    # makemessages rewrites the catalogue in place, so it runs on a copy of the sources.
    for name in ("mpp", "config", "templates", "locale"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    shutil.copy(ROOT / "manage.py", tmp_path / "manage.py")
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "id", "--no-location", "--no-wrap", "-v0"],
        cwd=tmp_path,
        check=True,
        env={"PATH": "/usr/bin:/bin", "MPP_VAR_DIR": str(tmp_path / "var"), "PYTHONPATH": str(tmp_path)},
    )
    po = tmp_path / "locale/id/LC_MESSAGES/django.po"
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "untranslated" not in result.stderr, result.stderr
    assert "fuzzy" not in result.stderr, result.stderr
    obsolete = [line for line in po.read_text().splitlines() if line.startswith("#~ msgid")]
    assert obsolete == [], "run makemessages: the catalogue holds strings the code no longer uses"
