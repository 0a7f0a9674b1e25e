"""Resident ID numbers, 公民身份号码 (GB 11643-1999).

18 characters: a 6-digit area code, the birth date YYYYMMDD, a 3-digit sequence (odd = male,
even = female) and a check character (ISO 7064 MOD 11-2; ``X`` stands for 10).

python-stdnum computes the check character (``stdnum.cn.ric.calc_check_digit``), but its ``validate``
also looks the area code up in a table of counties valid in the birth year, and so refuses real numbers:
a number keeps its area code for life, even after the county is renamed or merged (domain.md). It refuses,
for example, every Chongqing 500152… number of someone born before the district existed. Here the check
character is the authority and the area code is never a reason to refuse a number.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from stdnum.cn import ric

from forms.enums import Gender
from forms.normalize import normalize_id_number

LENGTH = 18
EARLIEST_BIRTH_YEAR = 1900


class IdNumberError(StrEnum):
    """Why a resident ID number is not valid, in the order the checks run."""

    LENGTH = "length"  # not 18 characters
    CHARACTERS = "characters"  # the first 17 are not all digits, or the last is not a digit or X
    BIRTH_DATE = "birth_date"  # characters 7–14 are not a real date, or one in the future or before 1900
    CHECK_CHARACTER = "check_character"  # the last character does not match the other 17


class InvalidIdNumber(ValueError):
    def __init__(self, reason: IdNumberError):
        super().__init__(reason.value)
        self.reason = reason


@dataclass(frozen=True)
class ResidentId:
    number: str
    area_code: str
    birth_date: dt.date
    gender: Gender


def check_character(first17: str) -> str:
    """The check character for 17 digits, e.g. ``check_character("50015219860314012") == "2"``."""
    return ric.calc_check_digit(first17 + "0")


def _birth_date(digits: str, today: dt.date) -> dt.date:
    try:
        born = dt.date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise InvalidIdNumber(IdNumberError.BIRTH_DATE) from None
    if born.year < EARLIEST_BIRTH_YEAR or born > today:
        raise InvalidIdNumber(IdNumberError.BIRTH_DATE)
    return born


def parse_resident_id(number: str, today: dt.date | None = None) -> ResidentId:
    """Check a resident ID number and read its parts; raises :class:`InvalidIdNumber` with the reason.

    The number is normalised first (spaces removed, full-width digits narrowed, ``x`` → ``X``).
    """
    text = normalize_id_number(number)
    if len(text) != LENGTH:
        raise InvalidIdNumber(IdNumberError.LENGTH)
    if not (text[:17].isascii() and text[:17].isdigit()) or text[17] not in "0123456789X":
        raise InvalidIdNumber(IdNumberError.CHARACTERS)
    born = _birth_date(text[6:14], today or dt.date.today())
    if text[17] != check_character(text[:17]):
        raise InvalidIdNumber(IdNumberError.CHECK_CHARACTER)
    gender = Gender.MALE if int(text[16]) % 2 else Gender.FEMALE
    return ResidentId(number=text, area_code=text[:6], birth_date=born, gender=gender)


def make_resident_id(area_code: str, birth_date: dt.date, sequence: int) -> str:
    """Build a number with a correct check character (for tests and examples; odd sequence = male)."""
    first17 = f"{area_code}{birth_date:%Y%m%d}{sequence:03d}"
    return first17 + check_character(first17)
