"""Phone numbers: mainland mobiles, landlines, and (rarely) numbers abroad.

The domain's patterns are the authority for mainland numbers, written here by hand on purpose: a mobile
is ``1[3-9]`` and 9 more digits, so a prefix allocated after the ``phonenumbers`` metadata was built is
never refused (phonenumbers 9.0 refuses e.g. 140…). A landline is an area code of 3–4 digits starting
with 0 (010, 02x, 0xxx), then 7–8 digits, with an optional ``-`` and extension. ``phonenumbers`` decides numbers with
another country code (a relative in Hong Kong, a proxy abroad).
"""
from __future__ import annotations

import re
from enum import StrEnum

import phonenumbers

from forms.normalize import normalize_phone

_MOBILE = re.compile(r"(?:\+86|0086)?1[3-9]\d{9}")
_EXTENSION = r"(?:(?:-|转|ext\.?|x|#)\d{1,6})?"
# Area codes: 010, 02x, then 0 + three digits starting 3–9 (0851, 0996…); written without the 0 after +86.
_AREA = r"(?:10|2\d|[3-9]\d{2})"
_LANDLINE = re.compile(
    r"(?:(?:\+86|0086)-?" + _AREA + r"|\(?0" + _AREA + r"\)?)-?\d{7,8}" + _EXTENSION, re.IGNORECASE
)
_LOCAL_ONLY = re.compile(r"[2-9]\d{6,7}" + _EXTENSION, re.IGNORECASE)


class PhoneKind(StrEnum):
    MOBILE = "mobile"
    LANDLINE = "landline"
    LOCAL_WITHOUT_AREA_CODE = "local"  # 7–8 digits only: usable locally, the court needs the area code
    FOREIGN = "foreign"
    INVALID = "invalid"


def classify_phone(phone: str) -> PhoneKind:
    """What kind of number this is, after normalisation (spaces removed, full-width narrowed)."""
    text = normalize_phone(phone)
    if _MOBILE.fullmatch(text.replace("-", "")):
        return PhoneKind.MOBILE
    if _LANDLINE.fullmatch(text):
        return PhoneKind.LANDLINE
    if _LOCAL_ONLY.fullmatch(text):
        return PhoneKind.LOCAL_WITHOUT_AREA_CODE
    if text.startswith(("+", "00")) and not text.startswith(("+86", "0086")):
        return _foreign(text)
    return PhoneKind.INVALID


def _foreign(text: str) -> PhoneKind:
    international = "+" + text[2:] if text.startswith("00") else text
    try:
        number = phonenumbers.parse(international, None)
    except phonenumbers.NumberParseException:
        return PhoneKind.INVALID
    return PhoneKind.FOREIGN if phonenumbers.is_valid_number(number) else PhoneKind.INVALID
