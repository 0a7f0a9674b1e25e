"""Shared fixtures: a private ONESTOP_HOME per test, the spec's examples, and a fast KDF for speed.

The fast KDF is only for tests that are not about key derivation; tests/test_vault_keys checks the
real Argon2id parameters.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPEC = (ROOT.parent / "shared" / "spec")
EXAMPLES = SPEC / "examples"

os.environ.setdefault("ONESTOP_TEST_FAST_KDF", "1")
os.environ.setdefault("ONESTOP_LANG", "en")


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    h = tmp_path / "home"
    monkeypatch.setenv("ONESTOP_HOME", str(h))
    return h


@pytest.fixture
def example_dir(tmp_path):
    """Copies of the spec's examples, so tests may change them."""
    def copy(name: str) -> Path:
        target = tmp_path / "examples" / name
        shutil.copytree(EXAMPLES / name, target)
        for p in target.rglob("*"):
            p.chmod(0o644 if p.is_file() else 0o755)
        target.chmod(0o755)
        return target
    return copy


@pytest.fixture
def fast_kdf_in_english(monkeypatch):
    """Cheap Argon2 parameters and English messages, restored afterwards."""
    from forms import i18n

    monkeypatch.setenv("ONESTOP_TEST_FAST_KDF", "1")
    before = i18n.current_language()
    i18n.set_language("en")
    yield
    i18n.set_language(before)
