"""Every user-facing string has its Chinese translation, and the shipped .mo files match the .po files."""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
import translations  # noqa: E402


@pytest.mark.parametrize("domain", translations.DOMAINS)
def test_every_string_has_chinese(domain):
    assert translations.untranslated(domain) == [], "run: python tools/translations.py update, then translate"


@pytest.mark.parametrize("domain", translations.DOMAINS)
def test_compiled_catalogue_is_current(domain):
    po = translations.po_path(domain)
    if not po.exists():
        assert translations.extract(domain).__len__() <= 1
        return
    assert po.with_suffix(".mo").read_bytes() == translations.mo_bytes(domain), (
        "run: python tools/translations.py compile"
    )
