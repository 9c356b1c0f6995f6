"""Reading the skills plugins of installed packages: what their entry points give, with errors that name them.

The groups are ``rolematch.skills`` (taxonomy files) and ``rolematch.extractors`` (skill
extractors); :mod:`rolematch._plugins` lists them in name order and loads them.
:func:`~rolematch._skills.default_taxonomy` and :func:`~rolematch._skills.default_registry` use
what this module reads.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from importlib.metadata import EntryPoint
from pathlib import Path

from .._plugins import load_entry_point
from ..errors import DataFileError

if sys.version_info >= (3, 11):
    from importlib.resources.abc import Traversable
else:  # pragma: no cover - Python 3.10 keeps it in importlib.abc
    from importlib.abc import Traversable

__all__ = ["call_plugin", "describe", "read_plugin_file"]


def describe(point: EntryPoint) -> str:
    """How an error names an entry point: ``entry point 'acme' (acme_skills:FILE) in group 'rolematch.skills'``."""
    return f"entry point {point.name!r} ({point.value}) in group {point.group!r}"


def call_plugin(point: EntryPoint, function: Callable[..., object], *args: object) -> object:
    """``function(*args)``; any failure of the plugin's own code becomes a DataFileError that names it."""
    try:
        return function(*args)
    except Exception as error:  # the plugin's code failed: say which plugin
        raise DataFileError(f"{describe(point)}: calling it failed: {type(error).__name__}: {error}") from None


def read_plugin_file(point: EntryPoint) -> tuple[str, str]:
    """The text of the file a ``rolematch.skills`` entry point gives, and the name to show for it.

    The entry point's object is a path (``str`` or ``Path``), an ``importlib.resources`` file, or
    a zero-argument callable returning one of those.
    """
    target = load_entry_point(point)
    if callable(target) and not isinstance(target, (str, Traversable)):
        target = call_plugin(point, target)
    if isinstance(target, str):
        target = Path(target)
    if not isinstance(target, Traversable):
        raise DataFileError(
            f"{describe(point)} gave an object of type {type(target).__name__}; it must give a path or "
            "importlib.resources file of a skills file, or a zero-argument callable returning one"
        )
    try:
        return target.read_text(encoding="utf-8"), str(target)
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        raise DataFileError(f"{describe(point)}: cannot read the skills file {target}: {reason}") from None
