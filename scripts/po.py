"""Keep the Indonesian catalogue current.

    python scripts/po.py update          # makemessages, drop obsolete entries
    python scripts/po.py missing         # untranslated and fuzzy msgids, as JSON to fill in
    python scripts/po.py apply FILE      # JSON {msgid: msgstr} (or {msgid: [msgstr]} for plurals)

polib parses and writes .po files exactly as gettext does; editing them with
regular expressions breaks multi-line and plural entries.
"""

import json
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]
PO = ROOT / "locale/id/LC_MESSAGES/django.po"
MAKEMESSAGES = [
    sys.executable,
    "manage.py",
    "makemessages",
    "-l",
    "id",
    "--no-location",
    "--no-wrap",
    "--no-obsolete",
    "-v0",
]


def update() -> None:
    subprocess.run(
        [*MAKEMESSAGES, "--ignore=.venv", "--ignore=var", "--ignore=test-artifacts"],
        cwd=ROOT,
        check=True,
    )


def missing() -> None:
    catalogue = polib.pofile(str(PO))
    todo = {}
    for entry in catalogue:
        if entry.obsolete:
            continue
        if entry.fuzzy or not entry.translated():
            todo[entry.msgid] = [entry.msgid_plural] if entry.msgid_plural else ""
    print(json.dumps(todo, ensure_ascii=False, indent=1))


def apply(path: str) -> None:
    translations = json.loads(Path(path).read_text())
    catalogue = polib.pofile(str(PO), wrapwidth=0)
    for entry in catalogue:
        if entry.msgid in translations:
            value = translations[entry.msgid]
            if entry.msgid_plural:
                entry.msgstr_plural = {0: value[0] if isinstance(value, list) else value}
            else:
                entry.msgstr = value
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            entry.previous_msgid = None
            entry.previous_msgid_plural = None
            entry.previous_msgctxt = None
    catalogue.save()


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "missing"
    {"update": update, "missing": missing}.get(command, lambda: apply(sys.argv[2]))()
