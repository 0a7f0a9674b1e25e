"""Reading the dates of the interchange format: full dates, partial incident dates, RFC 3339 date-times.

Python's ``fromisoformat`` accepts more forms than the schema does (``20261120``, week dates), so each
form is matched by a pattern first and only then turned into a calendar value.
"""
from __future__ import annotations

import datetime as dt
import re

EARLIEST_YEAR = 1900

_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_PARTIAL = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})")


def parse_date(text: str) -> dt.date | None:
    """``YYYY-MM-DD`` as a real calendar date, else None (2026-02-29 is None)."""
    match = _DATE.fullmatch(text)
    if not match:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def parse_partial_date(text: str) -> tuple[int, int | None, int | None] | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (as precise as the victim remembers) → (year, month, day)."""
    match = _PARTIAL.fullmatch(text)
    if not match:
        return None
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        return None
    return year, month, day


def partial_date_after(parts: tuple[int, int | None, int | None], today: dt.date) -> bool:
    """True when the whole period named (a year, a month or a day) lies after ``today``."""
    year, month, day = parts
    if month is None:
        return year > today.year
    if day is None:
        return (year, month) > (today.year, today.month)
    return dt.date(year, month, day) > today


def parse_datetime(text: str) -> dt.datetime | None:
    """An RFC 3339 date-time with its time zone (``2026-11-21T10:05:00+08:00``), else None."""
    if not _DATETIME.fullmatch(text):
        return None
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return None
