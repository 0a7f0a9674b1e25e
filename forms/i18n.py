"""One catalogue for every string, without Qt.

Source strings (msgids) are English; Chinese (zh_CN) is the default language and comes from the
gettext catalogues in ``resources/translations/zh_CN/LC_MESSAGES/<domain>.mo`` — one domain per
package (``forms``, ``desktop``, ``ui``) so that each part keeps its own ``.po`` file.

Use ``_()`` for a string shown now, ``N_()`` to mark a constant for extraction and translate it
later with ``_()`` or :func:`translate`. Placeholders are named and filled with ``str.format``
after translation: ``_("{field} is required").format(field=...)``.
"""
from __future__ import annotations

import gettext
import os
import sys
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

DOMAINS = ("forms", "desktop", "sync", "ui")
LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"

_current = DEFAULT_LANGUAGE


def resources_dir() -> Path:
    """The ``resources/`` folder, in a source checkout or inside a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def locale_dir() -> Path:
    return resources_dir() / "translations"


@lru_cache(maxsize=None)
def _catalogue(lang: str) -> gettext.NullTranslations:
    if lang == "en":
        return gettext.NullTranslations()
    chain: gettext.NullTranslations | None = None
    for domain in DOMAINS:
        try:
            t = gettext.translation(domain, localedir=str(locale_dir()), languages=["zh_CN"])
        except OSError:
            continue
        if chain is None:
            chain = t
        else:
            chain.add_fallback(t)
    return chain or gettext.NullTranslations()


def detect_language(environ: Mapping[str, str] | None = None) -> str:
    """``ONESTOP_LANG`` wins; then the POSIX locale variables; Chinese when nothing says otherwise."""
    env = os.environ if environ is None else environ
    explicit = env.get("ONESTOP_LANG", "").strip().lower()
    if explicit:
        return "en" if explicit.startswith("en") else "zh"
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "").strip()
        if not value:
            continue
        first = value.split(":")[0].lower()
        if first.startswith("zh"):
            return "zh"
        if first in ("c", "posix") or first.startswith(("c.", "posix.")):
            return DEFAULT_LANGUAGE
        return "en"
    return DEFAULT_LANGUAGE


def set_language(lang: str) -> None:
    global _current
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    _current = lang


def current_language() -> str:
    return _current


def translate(msgid: str, lang: str | None = None) -> str:
    return _catalogue(lang or _current).gettext(msgid)


def _(msgid: str) -> str:
    return translate(msgid)


def N_(msgid: str) -> str:
    """Mark a string for the catalogue without translating it now."""
    return msgid
