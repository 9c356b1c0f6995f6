"""``ROLEMATCH_ROLES_DIR``: a folder of the operator's role files, registered when the service starts."""

from __future__ import annotations

import logging
from pathlib import Path

from .._match import Role, load_role, register_role
from ..errors import DataFileError

__all__ = ["load_roles_dir", "register_roles_dir"]

log = logging.getLogger("rolematch.server")

_ROLE_SUFFIXES = (".yaml", ".yml", ".json")  # as load_role and the built-in roles folder


def load_roles_dir(folder: str | Path) -> list[Role]:
    """Every role file (.yaml, .yml, .json) in ``folder``, loaded and validated, in file name order.

    Raises ``DataFileError`` naming the file and its validation problems for a file that is not a
    valid role, two files with one id, or a folder without role files (surely a mistake).
    """
    where = Path(folder)
    files = sorted(p for p in where.iterdir() if p.name.endswith(_ROLE_SUFFIXES) and p.is_file())
    if not files:
        raise DataFileError(f"ROLEMATCH_ROLES_DIR: {where} holds no .yaml, .yml or .json role file")
    roles: dict[str, Role] = {}
    for file in files:
        try:
            role = load_role(file)
        except DataFileError as error:  # its message starts with the file's path
            raise DataFileError(f"ROLEMATCH_ROLES_DIR: {error.message}") from None
        if role.id in roles:
            raise DataFileError(
                f"ROLEMATCH_ROLES_DIR: role id {role.id!r} is defined twice: in {roles[role.id].source} and in {file}"
            )
        roles[role.id] = role
    return list(roles.values())


def register_roles_dir(folder: str | Path) -> list[str]:
    """Register every role of ``folder`` (see :func:`load_roles_dir`), replacing roles of the same id.

    All or nothing: nothing is registered unless every file is valid. Registered roles are
    process-wide (``rolematch.register_role``). Returns their ids.
    """
    roles = load_roles_dir(folder)
    for role in roles:
        register_role(role, replace=True)
    ids = [role.id for role in roles]
    log.info("registered %d role(s) from %s: %s", len(ids), folder, ", ".join(ids))
    return ids
