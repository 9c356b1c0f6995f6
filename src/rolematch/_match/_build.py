"""Report models built from values the match stage has just computed, without validating them again.

Every value handed to :func:`built` is already of its field's type (floats are floats, lists are
new lists, enums are enums): the scoring code makes them so, and ``tests/test_match.py`` and the
golden outputs check that a built model dumps exactly as a validated one. Validation cost more
than the scoring of a requirement; pydantic's ``model_construct`` costs more still (it looks up
every field's default), so the defaults of each model class are read once here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

__all__ = ["built"]

_M = TypeVar("_M", bound=BaseModel)

# class -> its fields in order, each with a maker of its default (None: the field is required).
_FIELDS: dict[type[BaseModel], list[tuple[str, Callable[[], Any] | None]]] = {}
_NAMES: dict[type[BaseModel], frozenset[str]] = {}
_set = object.__setattr__  # the models are frozen: their own __setattr__ refuses


def _fields(cls: type[BaseModel]) -> list[tuple[str, Callable[[], Any] | None]]:
    fields = _FIELDS.get(cls)
    if fields is None:
        fields = []
        for name, info in cls.model_fields.items():
            maker: Callable[[], Any] | None = None
            if info.default_factory is not None:
                maker = info.default_factory  # type: ignore[assignment]
            elif info.default is not PydanticUndefined:
                maker = _constant(info.default)
            fields.append((name, maker))
        _FIELDS[cls] = fields
    return fields


def _constant(value: Any) -> Callable[[], Any]:
    return lambda: value


def built(cls: type[_M], **values: Any) -> _M:
    """An instance of ``cls`` holding ``values`` (and the defaults of the fields not given), as
    ``cls(**values)`` would be when every value is already valid; the given names are its set fields."""
    names = _NAMES.get(cls)
    if names is None:
        names = _NAMES[cls] = frozenset(name for name, _ in _fields(cls))
    # Every field given (the keyword dict is ours), else the defaults of the others filled in.
    data = values if values.keys() == names else _with_defaults(cls, _fields(cls), values)
    model = cls.__new__(cls)
    _set(model, "__dict__", data)
    _set(model, "__pydantic_fields_set__", set(values))
    _set(model, "__pydantic_extra__", None)
    _set(model, "__pydantic_private__", None)
    return model


def _with_defaults(
    cls: type[BaseModel], fields: list[tuple[str, Callable[[], Any] | None]], values: dict[str, Any]
) -> dict[str, Any]:
    data: dict[str, Any] = {}
    given = 0
    for name, maker in fields:
        if name in values:
            data[name] = values[name]
            given += 1
        elif maker is not None:
            data[name] = maker()
        else:
            raise TypeError(f"{cls.__name__} needs {name}")
    if given != len(values):  # extra="forbid": a name that is no field is a bug here
        raise TypeError(f"{cls.__name__} has no field {sorted(set(values) - set(data))}")
    return data
