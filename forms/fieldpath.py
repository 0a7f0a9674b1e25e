"""Read and write an application's fields by dotted path, the same paths validation reports.

``"applicant.name"``, ``"requests.0.measure"``, ``"filed_by.proxy.ground"``: a wizard page binds each
input to one path, shows the problems whose path it is, and writes the value back with :func:`set_path`.
Values go through the model's own validation on assignment (an enum's string becomes the enum, a name is
normalised); a wrong type raises ``pydantic.ValidationError`` and leaves the field as it was.

Writing creates what is missing on the way: an absent nested object (``filed_by.proxy``, ``signature``)
is created empty, and index ``len(list)`` appends a new empty item (``requests.3.measure`` on a list of
three adds a fourth request).
"""
from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel

__all__ = ["get_path", "set_path", "split_path"]


def split_path(path: str) -> list[str | int]:
    """``"requests.0.places"`` → ``["requests", 0, "places"]``; ``""`` → ``[]``."""
    if not path:
        return []
    return [int(part) if part.isdigit() else part for part in path.split(".")]


def get_path(obj: Any, path: str, default: Any = None) -> Any:
    """The value at ``path``, or ``default`` when any step on the way is absent."""
    current = obj
    for part in split_path(path):
        if isinstance(part, int):
            if not isinstance(current, list) or part >= len(current):
                return default
            current = current[part]
        elif isinstance(current, BaseModel):
            current = getattr(current, part, None)
        elif isinstance(current, dict):
            current = current.get(part)
        else:
            return default
        if current is None:
            return default
    return current


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model class inside ``X``, ``X | None`` or ``list[X]``, if there is one."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, list):
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None


def _field_model(parent: BaseModel, name: str) -> type[BaseModel] | None:
    info = type(parent).model_fields.get(name)
    return _model_in(info.annotation) if info is not None else None


def _child(parent: Any, part: str | int, item_model: type[BaseModel] | None, path: str) -> Any:
    """The object at ``part`` under ``parent``, created empty when it is absent."""
    if isinstance(part, int):
        if not isinstance(parent, list):
            raise KeyError(f"{path}: {part} indexes something that is not a list")
        if part == len(parent):
            if item_model is None:
                raise KeyError(f"{path}: cannot append to this list")
            parent.append(item_model())
        elif part > len(parent):
            raise IndexError(f"{path}: index {part} is past the end (length {len(parent)})")
        return parent[part]
    if not isinstance(parent, BaseModel):
        raise KeyError(f"{path}: {part!r} is not a field here")
    value = getattr(parent, part, None)
    if value is None:
        model = _field_model(parent, part)
        if model is None:
            raise KeyError(f"{path}: {part!r} is not a nested object")
        setattr(parent, part, model())
        value = getattr(parent, part)
    return value


def set_path(obj: BaseModel, path: str, value: Any) -> None:
    """Write ``value`` at ``path``, creating absent nested objects and appending at ``len(list)``.

    Raises ``KeyError``/``IndexError`` for a path that does not fit the model, and
    ``pydantic.ValidationError`` for a value of the wrong type.
    """
    parts = split_path(path)
    if not parts:
        raise KeyError("an empty path names the whole document; set its fields one by one")
    parent: Any = obj
    item_model: type[BaseModel] | None = None
    for part in parts[:-1]:
        owner = parent
        parent = _child(parent, part, item_model, path)
        item_model = _field_model(owner, part) if isinstance(part, str) else None
    last = parts[-1]
    if isinstance(last, int):
        if not isinstance(parent, list):
            raise KeyError(f"{path}: {last} indexes something that is not a list")
        if last == len(parent):
            parent.append(value)
        else:
            parent[last] = value
        # A list changed in place is not validated by the model; re-assign it so that it is.
        owner_path = ".".join(str(p) for p in parts[:-1])
        set_path(obj, owner_path, list(parent))
        return
    if not isinstance(parent, BaseModel):
        raise KeyError(f"{path}: {last!r} is not a field here")
    setattr(parent, last, value)
