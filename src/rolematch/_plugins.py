"""Entry points through which a pip-installed package adds roles, taxonomy files and skill extractors.

A package declares, in its ``pyproject.toml``::

    [project.entry-points."rolematch.roles"]
    acme-data-engineer = "acme_roles:ROLE_FILE"        # a path or importlib.resources file (or a folder of them)

    [project.entry-points."rolematch.skills"]
    acme = "acme_roles:TAXONOMY_FILE"                   # a taxonomy file merged after the shipped one

    [project.entry-points."rolematch.extractors"]
    acme-codes = "acme_roles:AcmeCodeExtractor"         # a SkillExtractor class, or a callable(taxonomy) -> extractor

Each object may also be a zero-argument callable returning the path (or, for extractors, a
callable taking the taxonomy). Entry points are read in name order, so the result does not
depend on the order packages were installed in. A plugin that fails to load raises
:class:`~rolematch.errors.DataFileError` naming the entry point.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path

from .errors import DataFileError

if sys.version_info >= (3, 11):
    from importlib.resources.abc import Traversable
else:  # pragma: no cover - Python 3.10 keeps it in importlib.abc
    from importlib.abc import Traversable

__all__ = [
    "EXTRACTORS_GROUP",
    "ROLES_GROUP",
    "SKILLS_GROUP",
    "Traversable",
    "call_plugin",
    "describe",
    "load_entry_point",
    "plugin_entry_points",
    "plugin_target",
    "read_plugin_text",
]

ROLES_GROUP = "rolematch.roles"
SKILLS_GROUP = "rolematch.skills"
EXTRACTORS_GROUP = "rolematch.extractors"


def plugin_entry_points(group: str) -> list[EntryPoint]:
    """The installed entry points of ``group``, in name order (then value, for duplicates)."""
    points = _installed_entry_points(_search_path_state()).get(group)
    if points is None:  # not a group of ours: read on its own
        points = tuple(entry_points(group=group))
    return sorted(points, key=lambda point: (point.name, point.value))


def _search_path_state() -> tuple[tuple[str, int], ...]:
    """Each ``sys.path`` entry with its modification time: what an install or a new path entry changes."""
    state = []
    for entry in sys.path:
        try:
            stamp = os.stat(entry or ".").st_mtime_ns
        except (OSError, ValueError):  # absent, or not a path: nothing installed there to see
            stamp = -1
        state.append((entry, stamp))
    return tuple(state)


@functools.lru_cache(maxsize=1)
def _installed_entry_points(state: tuple[tuple[str, int], ...]) -> dict[str, tuple[EntryPoint, ...]]:
    """The installed entry points of our three groups, while the search path is in ``state``.

    Reading them opens the metadata of every installed distribution (~4 ms for a hundred): the roles,
    the skills and the extractors of a first report each asked for their group, and read it all three
    times. Read again when a path entry is added or changes (a package installed meanwhile).
    """
    everything = entry_points()  # one read of every distribution's entry points, all groups
    return {group: tuple(everything.select(group=group)) for group in (ROLES_GROUP, SKILLS_GROUP, EXTRACTORS_GROUP)}


def describe(point: EntryPoint) -> str:
    """How an error names an entry point: ``entry point 'acme' (acme_skills:FILE) in group 'rolematch.skills'``."""
    return f"entry point {point.name!r} ({point.value}) in group {point.group!r}"


def load_entry_point(point: EntryPoint) -> object:
    """The object an entry point names; any failure becomes a DataFileError that names it."""
    try:
        return point.load()
    except Exception as error:  # an import error, a missing attribute: the plugin's fault, told plainly
        raise DataFileError(f"{describe(point)} failed to load: {type(error).__name__}: {error}") from None


def call_plugin(point: EntryPoint, function: Callable[..., object], *args: object) -> object:
    """``function(*args)``; any failure of the plugin's own code becomes a DataFileError that names it."""
    try:
        return function(*args)
    except Exception as error:  # the plugin's code failed: say which plugin
        raise DataFileError(f"{describe(point)}: calling it failed: {type(error).__name__}: {error}") from None


def plugin_target(point: EntryPoint, wanted: str) -> Traversable:
    """The file or folder a data entry point gives: its object (a ``str`` or ``Path``, or an
    ``importlib.resources`` file), or what its zero-argument callable returns. ``wanted`` says
    what it should be, for the error ("a role file (.yaml, .yml, .json) or a folder of them")."""
    target = load_entry_point(point)
    if callable(target) and not isinstance(target, (str, Traversable)):
        target = call_plugin(point, target)
    if isinstance(target, str):
        target = Path(target)
    if not isinstance(target, Traversable):
        raise DataFileError(
            f"{describe(point)} gave an object of type {type(target).__name__}; it must give a path or "
            f"importlib.resources file of {wanted}, or a zero-argument callable returning one"
        )
    return target


def read_plugin_text(point: EntryPoint, wanted: str) -> tuple[str, str]:
    """The text of the file a data entry point gives (see :func:`plugin_target`), and the name to show for it."""
    target = plugin_target(point, wanted)
    try:
        return target.read_text(encoding="utf-8"), str(target)
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        raise DataFileError(f"{describe(point)}: cannot read {wanted} {target}: {reason}") from None
