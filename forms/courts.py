"""The bundled court directory: the basic-level people's courts (基层人民法院) an application can go to.

Art. 25: the court of the place where the applicant lives, where the respondent lives, or where the
violence happened. The directory lives in ``resources/courts/<province>.json`` (now Chongqing only);
each entry has a stable ``code`` (``cq-tongnan``) that an application stores in ``court.code``.

Some courts in the file do not take protection order applications (``protection_orders: false``, e.g.
the Liangjiang New Area court, a commercial court): :func:`find` still knows them, so an old draft that
names one still resolves, but :func:`load_courts` and :func:`search` leave them out unless asked.
"""
from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from forms.i18n import resources_dir
from forms.model import Court as CourtField

__all__ = ["Court", "load_courts", "find", "search", "directory_files"]


@dataclass(frozen=True)
class Court:
    """One court of the directory."""

    code: str  # stable, slug-like: "cq-tongnan"
    name: str  # full official name: "重庆市潼南区人民法院"
    district: str  # the district or county it serves (区/县): "潼南区"
    province: str  # "重庆市"
    aliases: tuple[str, ...] = ()  # other official names of the same court
    former_districts: tuple[str, ...] = ()  # earlier names of its area ("潼南县"), which people still use
    protection_orders: bool = True  # takes protection order applications
    note: str | None = None

    def to_field(self) -> CourtField:
        """The application's ``court`` value for this court."""
        return CourtField(name=self.name, code=self.code)


def directory_files() -> list[Path]:
    return sorted((resources_dir() / "courts").glob("*.json"))


def _read(path: Path) -> list[Court]:
    data = json.loads(path.read_text(encoding="utf-8"))
    province = data["province"]
    return [
        Court(
            code=entry["code"],
            name=entry["name"],
            district=entry["district"],
            province=entry.get("province", province),
            aliases=tuple(entry.get("aliases", ())),
            former_districts=tuple(entry.get("former_districts", ())),
            protection_orders=entry.get("protection_orders", True),
            note=entry.get("note"),
        )
        for entry in data["courts"]
    ]


@lru_cache(maxsize=1)
def _all() -> tuple[Court, ...]:
    courts: list[Court] = []
    for path in directory_files():
        courts += _read(path)
    return tuple(courts)


def load_courts(*, include_all: bool = False) -> list[Court]:
    """The courts that take protection order applications, in the directory's order (all with ``include_all``)."""
    return [court for court in _all() if include_all or court.protection_orders]


def find(code: str | None) -> Court | None:
    """The court with this code (any court of the directory), or None."""
    if not code:
        return None
    code = code.strip().lower()
    return next((court for court in _all() if court.code == code), None)


# Words that a search may carry but the names share or leave out: "潼南区法院", "重庆潼南".
_NOISE = ("重庆市", "重庆", "人民法院", "法院")


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).strip().lower()
    return "".join(text.split())


def _keys(court: Court) -> list[str]:
    return [court.name, *court.aliases, court.district, *court.former_districts, court.code]


def search(text: str, *, include_all: bool = False) -> list[Court]:
    """Courts whose name, district, former district name or code contains ``text``.

    "潼南", "潼南区", "潼南县", "潼南区法院", "重庆市潼南区人民法院" and "tongnan" all find
    重庆市潼南区人民法院. Courts named after the text's district come first; empty text gives all.
    """
    query = _clean(text)
    courts = load_courts(include_all=include_all)
    if not query:
        return courts
    core = query
    for word in _NOISE:
        core = core.replace(word, "")
    if not core:  # "人民法院", "重庆": every court matches
        return courts

    def matches(court: Court) -> bool:
        return any(query in key or core in key for key in map(_clean, _keys(court)))

    def rank(court: Court) -> int:
        districts = (court.district, *court.former_districts)
        return 0 if any(d.startswith(core) for d in districts) else 1

    return sorted((court for court in courts if matches(court)), key=rank)
