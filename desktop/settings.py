"""Every kiosk setting, declared once, typed, with its default (cf. Electrum's ConfigVar).

Settings live in ``settings.json`` beside the vault, readable before unlocking (the language and the
neutral window title are needed on the lock screen). They hold no personal data: never put a name,
an address or anything about an application here.
"""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from . import paths

FILE_NAME = "settings.json"


@dataclass
class Settings:
    language: str = "zh"                 # "zh" or "en"; Chinese by default
    idle_lock_minutes: int = 5           # lock after this many minutes without input; 0 = never
    neutral_title: str = ""              # window/taskbar title shown instead of "OneStop" (quick-exit safety)
    large_text: bool = False             # bigger type for people who read with difficulty
    kiosk_name: str = ""                 # the service centre, e.g. 潼南区桂林街道便民服务中心
    default_court_code: str = ""         # a code from resources/courts (forms.courts)

    @classmethod
    def load(cls, home: Path | None = None) -> "Settings":
        path = (home or paths.home()) / FILE_NAME
        try:
            raw = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            return cls()
        known = {f.name: f for f in fields(cls)}
        values = {}
        for key, value in raw.items() if isinstance(raw, dict) else ():
            f = known.get(key)
            default = getattr(cls, key, None) if f else None
            if f and isinstance(value, type(default)) and not (isinstance(default, int) and isinstance(value, bool)
                                                                 and not isinstance(default, bool)):
                values[key] = value
        settings = cls(**values)
        if settings.language not in ("zh", "en"):
            settings.language = "zh"
        settings.idle_lock_minutes = max(0, min(settings.idle_lock_minutes, 240))
        return settings

    def save(self, home: Path | None = None) -> None:
        """Atomic: a power cut leaves the old file or the new one, never half of one."""
        folder = paths.ensure_private_dir(home or paths.home())
        path = folder / FILE_NAME
        tmp = path.with_suffix(".tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(asdict(self), f, ensure_ascii=False, indent=2)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
