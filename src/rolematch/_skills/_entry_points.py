"""Reading the skills plugins of installed packages: what their entry points give, with errors that name them.

The groups are ``rolematch.skills`` (taxonomy files) and ``rolematch.extractors`` (skill
extractors); :mod:`rolematch._plugins` lists them in name order and loads them.
:func:`~rolematch._skills.default_taxonomy` and :func:`~rolematch._skills.default_registry` use
what this module reads.
"""

from __future__ import annotations

from importlib.metadata import EntryPoint

from .._plugins import call_plugin, describe, plugin_target
from ..errors import DataFileError

__all__ = ["call_plugin", "describe", "read_plugin_file"]  # the first two re-exported for the registry and taxonomy


def read_plugin_file(point: EntryPoint) -> tuple[str, str]:
    """The text of the file a ``rolematch.skills`` entry point gives, and the name to show for it.

    The entry point's object is a path (``str`` or ``Path``), an ``importlib.resources`` file, or
    a zero-argument callable returning one of those.
    """
    target = plugin_target(point, "a skills file")
    try:
        return target.read_text(encoding="utf-8"), str(target)
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        raise DataFileError(f"{describe(point)}: cannot read the skills file {target}: {reason}") from None
