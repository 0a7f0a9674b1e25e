"""A problem found in an application: where (a dotted field path), how bad, and what to say.

The message is stored as its English msgid and named parameters, and translated only when shown, so
one list of problems can be printed in Chinese for the volunteer and in English for a log or a test.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from forms.i18n import translate


class Severity(StrEnum):
    ERROR = "error"  # blocks filing
    WARNING = "warning"  # shown, does not block filing


class Term(str):
    """A parameter that is itself a msgid (e.g. the field's human name) and is translated with the message."""

    __slots__ = ()


@dataclass(frozen=True)
class Problem:
    path: str  # dotted field path, list indices included: "requests.0.measure"; "" = the whole document
    severity: Severity
    msgid: str  # English source text with named placeholders, marked with N_()
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: str | None = None) -> str:
        """The message in ``lang`` ("zh" or "en"), or in the current language when not given."""
        values = {
            key: translate(value, lang) if isinstance(value, Term) else value
            for key, value in self.params.items()
        }
        return translate(self.msgid, lang).format(**values)

    @property
    def message_zh(self) -> str:
        return self.message("zh")

    @property
    def message_en(self) -> str:
        return self.message("en")

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def __hash__(self) -> int:
        return hash((self.path, self.severity, self.msgid, tuple(sorted(map(repr, self.params.items())))))

    def __str__(self) -> str:
        return f"{self.path}: {self.message()}" if self.path else self.message()


def can_file(problems: list[Problem]) -> bool:
    """True when nothing blocks filing (warnings only, or no problems at all)."""
    return not any(p.severity is Severity.ERROR for p in problems)
