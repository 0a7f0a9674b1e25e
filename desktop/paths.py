"""Where OneStop keeps its data on this computer.

``ONESTOP_HOME`` overrides the folder (tests; kiosks with a data drive); otherwise the per-user data
folder (``%LOCALAPPDATA%\\OneStop`` on Windows, ``~/.local/share/OneStop`` on Linux). The folder is
private to the user (mode 0700 where the file system has modes).
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

import platformdirs

APP_NAME = "OneStop"
HOME_ENV = "ONESTOP_HOME"

VAULT_FILE = "vault.db"
EVIDENCE_FILE = "evidence.db"
KEYRING_FILE = "keyring.json"
LOCK_FILE = "vault.lock"


def home() -> Path:
    """The data folder, created (private) if it does not exist yet."""
    override = os.environ.get(HOME_ENV, "").strip()
    folder = Path(override).expanduser() if override else Path(
        platformdirs.user_data_dir(APP_NAME, appauthor=False))
    return ensure_private_dir(folder)


def ensure_private_dir(folder: Path) -> Path:
    folder = Path(folder)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name == "posix":
        st = folder.stat()
        if st.st_uid == os.getuid() and stat.S_IMODE(st.st_mode) & 0o077:
            folder.chmod(0o700)
    return folder


def vault_path(home: Path) -> Path:
    return Path(home) / VAULT_FILE


def evidence_path(home: Path) -> Path:
    return Path(home) / EVIDENCE_FILE


def keyring_path(home: Path) -> Path:
    return Path(home) / KEYRING_FILE


def lock_path(home: Path) -> Path:
    return Path(home) / LOCK_FILE
