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

from importlib.metadata import EntryPoint, entry_points

from .errors import DataFileError

__all__ = ["EXTRACTORS_GROUP", "ROLES_GROUP", "SKILLS_GROUP", "load_entry_point", "plugin_entry_points"]

ROLES_GROUP = "rolematch.roles"
SKILLS_GROUP = "rolematch.skills"
EXTRACTORS_GROUP = "rolematch.extractors"


def plugin_entry_points(group: str) -> list[EntryPoint]:
    """The installed entry points of ``group``, in name order (then value, for duplicates)."""
    return sorted(entry_points(group=group), key=lambda point: (point.name, point.value))


def load_entry_point(point: EntryPoint) -> object:
    """The object an entry point names; any failure becomes a DataFileError that names it."""
    try:
        return point.load()
    except Exception as error:  # an import error, a missing attribute: the plugin's fault, told plainly
        raise DataFileError(
            f"entry point {point.name!r} ({point.value}) in group {point.group!r} failed to load: "
            f"{type(error).__name__}: {error}"
        ) from None
