"""forms/ is pure Python: importing every module in it pulls in no Qt, no database and no network."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Not "socket" or "ssl": the standard library's email package (used by importlib.metadata, so by
# pydantic) and python-stdnum's utilities import them without ever opening a connection.
FORBIDDEN = ("PySide6", "shiboken6", "sqlite3", "_sqlite3", "sqlcipher3", "requests", "urllib3", "http.client",
             "urllib.request", "httpx", "aiohttp")

PROBE = f"""
import importlib, json, pkgutil, sys
FORBIDDEN = {FORBIDDEN!r}
def seen():
    return {{m for m in FORBIDDEN if m in sys.modules}}
import forms
imported, failed, bad = ["forms"], {{}}, {{m: "forms" for m in seen()}}
for info in pkgutil.walk_packages(forms.__path__, "forms.", onerror=lambda name: failed.setdefault(name, "walk")):
    try:
        importlib.import_module(info.name)
        imported.append(info.name)
    except Exception as exc:
        failed[info.name] = repr(exc)
    for module in seen() - set(bad):
        bad[module] = info.name  # the first forms module after whose import it appeared
print(json.dumps({{"imported": imported, "failed": failed, "bad": bad}}))
"""


def _probe() -> dict:
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(result.stdout.splitlines()[-1])


def test_forms_imports_no_qt_database_or_network():
    report = _probe()
    assert {"forms.model", "forms.validation", "forms.labels", "forms.idnumber", "forms.phones",
            "forms.evidence", "forms.ethnicity"} <= set(report["imported"])
    assert report["bad"] == {}, f"forbidden module: forms module that pulled it in: {report['bad']}"


def test_every_forms_module_imports():
    assert _probe()["failed"] == {}
