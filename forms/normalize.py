"""Normalisers applied when an application is loaded, so that load → dump → load is stable.

Each function is idempotent: ``f(f(s)) == f(s)``. They change only the form of a value, never its
meaning: a name keeps every character it was given (also rare ones outside the BMP, e.g. 𠮷 U+20BB7),
only look-alike dots become the middle dot U+00B7 used in minority names (阿依古丽·买买提).
"""
from __future__ import annotations

import re
import unicodedata

MIDDLE_DOT = "\u00b7"

# Characters that people (or their input methods) type instead of U+00B7 in a name. NFC already maps
# U+0387 (Greek ano teleia) to U+00B7; it is listed for clarity.
LOOKALIKE_DOTS = frozenset(
    "\u2022"  # • bullet
    "\u2027"  # ‧ hyphenation point
    "\u2219"  # ∙ bullet operator
    "\u22c5"  # ⋅ dot operator
    "\u30fb"  # ・ katakana middle dot (common from full-width input)
    "\uff65"  # ･ half-width katakana middle dot
    "\u0387"  # · Greek ano teleia
    "\u16eb"  # ᛫ runic single punctuation
    "\u2e31"  # ⸱ word separator middle dot
    "\ua78f"  # ꞏ Latin letter sinological dot
    "\u2024"  # ․ one dot leader
)
# A full stop between two Chinese characters is a mistyped middle dot ("阿依古丽.买买提"); between Latin
# letters it is an initial ("John A. Smith") and stays.
_PERIODS = "\u002e\uff0e\u3002"
_CJK_DOT = re.compile(r"(?<=[^\x00-\u024f\s])\s*[" + _PERIODS + r"]\s*(?=[^\x00-\u024f\s])")
_SPACED_DOT = re.compile(r"\s*" + MIDDLE_DOT + r"\s*")
_WHITESPACE = re.compile(r"\s+")


def _is_cjk_compatibility(ch: str) -> bool:
    cp = ord(ch)
    return 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F


def nfc_keep_compat_ideographs(text: str) -> str:
    """NFC, except that CJK compatibility ideographs (U+F900–FAFF, U+2F800–2FA1F) are left as they are.

    NFC would replace them with their unified twins; a person's registered name may use exactly that
    code point, so we do not rewrite it.
    """
    if not any(_is_cjk_compatibility(ch) for ch in text):
        return unicodedata.normalize("NFC", text)
    parts: list[str] = []
    run: list[str] = []
    for ch in text:
        if _is_cjk_compatibility(ch):
            parts.append(unicodedata.normalize("NFC", "".join(run)))
            parts.append(ch)
            run = []
        else:
            run.append(ch)
    parts.append(unicodedata.normalize("NFC", "".join(run)))
    return "".join(parts)


def normalize_name(name: str) -> str:
    """Strip, NFC, look-alike dots → U+00B7 (with no spaces around it), whitespace runs → one space."""
    text = nfc_keep_compat_ideographs(name).strip()
    text = "".join(MIDDLE_DOT if ch in LOOKALIKE_DOTS else ch for ch in text)
    text = _CJK_DOT.sub(MIDDLE_DOT, text)
    text = _SPACED_DOT.sub(MIDDLE_DOT, text)
    return _WHITESPACE.sub(" ", text)


def _narrow(text: str) -> str:
    """Full-width ASCII (０-９, Ｘ, ＋, －, typed in full-width input mode) → ASCII."""
    return "".join(
        chr(ord(ch) - 0xFEE0) if "\uff01" <= ch <= "\uff5e" else ch for ch in text
    )


def normalize_id_number(number: str) -> str:
    """Remove all spaces, narrow full-width characters, upper-case a trailing ``x`` (GB 11643 check X)."""
    text = _WHITESPACE.sub("", _narrow(number))
    if text.endswith("x"):
        text = text[:-1] + "X"
    return text


def normalize_phone(phone: str) -> str:
    """Remove all spaces and narrow full-width characters; hyphens and ``+`` stay."""
    return _WHITESPACE.sub("", _narrow(phone))


def normalize_sha256(digest: str) -> str:
    """Hex digests compare case-insensitively; the schema wants lower case."""
    return digest.strip().lower()
