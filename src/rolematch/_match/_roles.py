"""Role files: loading (YAML or JSON) with line numbers, and the registry of known roles.

Known roles are the shipped ones in ``rolematch_data/roles/``, those that installed packages
contribute through the ``rolematch.roles`` entry point group, and those registered at run time
(which win). The schema a role file follows lives in ``_role_schema``.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import threading
from importlib import resources
from importlib.metadata import EntryPoint
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from pydantic import ValidationError

from .._data import compiled_entry, compiled_payload
from .._gc import gc_paused
from .._plugins import ROLES_GROUP, Traversable, describe, plugin_entry_points, plugin_target
from .._skills import Taxonomy, default_taxonomy
from ..errors import DataFileError, UnknownRoleError
from ._role_schema import (
    CategoryName,
    EducationExpectation,
    ExperienceScoring,
    LevelSpec,
    RequirementSpec,
    ResponsibilitySpec,
    RoleFile,
    SalaryBand,
    SalaryPlacement,
    Scoring,
)

if TYPE_CHECKING:  # the job stage builds on this one: no import at run time
    from .._job import JobPosting

__all__ = [
    "CategoryName",
    "EducationExpectation",
    "ExperienceScoring",
    "LevelSpec",
    "RequirementSpec",
    "ResponsibilitySpec",
    "Role",
    "RoleFile",
    "SalaryBand",
    "SalaryPlacement",
    "Scoring",
    "compile_roles",
    "get_role",
    "list_roles",
    "load_role",
    "register_role",
]


class Role:
    """A loaded, validated role: the file's content plus where it came from (a role file, or a job
    posting: ``posting`` is then the :class:`~rolematch.JobPosting` it was made from)."""

    def __init__(self, spec: RoleFile, *, source: str, sha256: str = "", posting: JobPosting | None = None) -> None:
        self.spec = spec
        self.source = source
        self.sha256 = sha256  # of the role file's text: audit logs name the exact file a score used
        self.posting = posting

    @property
    def id(self) -> str:
        """The role's id (``ml-engineer``)."""
        return self.spec.id

    @property
    def level_ids(self) -> list[str]:
        """Level ids in the file's order (``junior``, ``mid``, ``senior``)."""
        return [level.id for level in self.spec.levels]

    def level(self, level_id: str) -> LevelSpec:
        """The level called ``level_id``; raises ``UnknownRoleError`` naming the known ones."""
        for level in self.spec.levels:
            if level.id == level_id:
                return level
        raise UnknownRoleError(f"role {self.id!r} has no level {level_id!r}; its levels are {self.level_ids}")

    def __repr__(self) -> str:
        return f"Role({self.id!r}, levels={self.level_ids}, source={self.source!r})"


@functools.cache
def _loader() -> Any:
    # PyYAML is imported on first use: the shipped roles come parsed from the compiled data file.
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser when libyaml is there


def _load_yaml(text: str) -> tuple[Any, dict[tuple[int, str, int], int]]:
    """The data of a YAML role file and its line numbers, from one parse of the text.

    Line numbers are read from the node tree before it is constructed: constructing flattens
    merge keys (``<<``) in place, and the lines must be those of the text as written.
    """
    loader = _loader()(text)
    try:
        root = loader.get_single_node()
        lines = _line_numbers(root)
        # What yaml.load does after composing (SafeConstructor.get_single_data).
        data = loader.construct_document(root) if root is not None else None
    finally:
        loader.dispose()
    return data, lines


def _line_numbers(root: Any) -> dict[tuple[int, str, int], int]:
    """1-based lines of each level, requirement and responsibility: (level index, list, item index) -> line."""
    import yaml

    lines: dict[tuple[int, str, int], int] = {}
    if not isinstance(root, yaml.MappingNode):
        return lines
    for key, value in root.value:
        if key.value != "levels" or not isinstance(value, yaml.SequenceNode):
            continue
        for level_index, level in enumerate(value.value):
            lines[(level_index, "level", 0)] = level.start_mark.line + 1
            if not isinstance(level, yaml.MappingNode):
                continue
            for level_key, items in level.value:
                if level_key.value in ("requirements", "responsibilities") and isinstance(items, yaml.SequenceNode):
                    for item_index, item in enumerate(items.value):
                        lines[(level_index, level_key.value, item_index)] = item.start_mark.line + 1
    return lines


def _error_lines(text: str, error: ValidationError) -> str:
    """Each validation problem with the field path and, where it can be found, the file line."""
    import yaml

    try:
        root = yaml.compose(text, Loader=_loader())
    except yaml.YAMLError:
        root = None
    problems = []
    for item in error.errors():
        path = [str(p) for p in item["loc"]]
        node = root
        for part in item["loc"]:
            if isinstance(node, yaml.MappingNode):
                node = next((v for k, v in node.value if k.value == part), None)
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
                node = node.value[part]
            else:
                break
        where = f" (line {node.start_mark.line + 1})" if node is not None and node is not root else ""
        problems.append(f"{'.'.join(path) or '(top level)'}{where}: {item['msg']}")
    return "; ".join(problems)


def parse_role(text: str, *, source: str, taxonomy: Taxonomy | None = None) -> Role:
    """Validate a role file's text (YAML, or JSON which is YAML too) into a :class:`Role`."""
    import yaml

    lines: dict[tuple[int, str, int], int] = {}
    try:
        if source.endswith(".json"):
            data = json.loads(text)
        else:
            data, lines = _load_yaml(text)
    except (yaml.YAMLError, json.JSONDecodeError) as error:
        raise DataFileError(f"{source}: not valid {'JSON' if source.endswith('.json') else 'YAML'}: {error}") from None
    return _role_of(text, data, lines, source=source, taxonomy=taxonomy)


def _role_of(
    text: str, data: Any, lines: dict[tuple[int, str, int], int], *, source: str, taxonomy: Taxonomy | None
) -> Role:
    """The role of a file's ``data`` (parsed from ``text``) and the lines of its levels and items."""
    try:
        spec = RoleFile.model_validate(data)
    except ValidationError as error:
        raise DataFileError(f"{source}: {_error_lines(text, error)}") from None
    levels = []
    for level_index, level in enumerate(spec.levels):
        requirements = [
            r.model_copy(update={"line": lines.get((level_index, "requirements", i))})
            for i, r in enumerate(level.requirements)
        ]
        responsibilities = [
            r.model_copy(update={"line": lines.get((level_index, "responsibilities", i))})
            for i, r in enumerate(level.responsibilities)
        ]
        levels.append(
            level.model_copy(
                update={
                    "requirements": requirements,
                    "responsibilities": responsibilities,
                    "line": lines.get((level_index, "level", 0)),
                }
            )
        )
    spec = spec.model_copy(update={"levels": levels})
    _check_skills(spec, source, taxonomy or default_taxonomy())
    return Role(spec, source=source, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest())


def _check_skills(spec: RoleFile, source: str, taxonomy: Taxonomy) -> None:
    unknown = [f"production_duty_skills: unknown skill {s!r}" for s in spec.production_duty_skills if s not in taxonomy]
    for level in spec.levels:
        items: list[RequirementSpec | ResponsibilitySpec] = [*level.requirements, *level.responsibilities]
        for item in items:
            for skill in item.skills:
                if skill not in taxonomy:
                    where = f" (line {item.line})" if item.line else ""
                    unknown.append(f"levels.{level.id}.{item.id}{where}: unknown skill {skill!r}")
    if unknown:
        raise DataFileError(f"{source}: " + "; ".join(unknown[:10]))


def load_role(path: str | Path, *, taxonomy: Taxonomy | None = None) -> Role:
    """Load and validate a role file (``.yaml``, ``.yml`` or ``.json``). Register it with :func:`register_role`."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as error:
        raise DataFileError(f"{file}: cannot read the role file: {error.strerror or error}") from None
    return parse_role(text, source=str(file), taxonomy=taxonomy)


# The role every entry point (library, CLI, batch, HTTP) matches against unless told otherwise.
DEFAULT_ROLE = "ml-engineer"

_ROLE_SUFFIXES = (".yaml", ".yml", ".json")

_registry: dict[str, Role] = {}
_lock = threading.Lock()


# A shipped file's top-level ``id:`` line: a key at column 0 of the top-level mapping.
_DECLARED_ID = re.compile(r"^id:[ \t]*([a-z0-9][a-z0-9_-]*)[ \t]*$", re.MULTILINE)


class _Shipped(NamedTuple):
    """A shipped role file, read but not yet parsed."""

    name: str
    text: str

    @property
    def source(self) -> str:
        """The name a role parsed from it gives as its source."""
        return f"rolematch_data/roles/{self.name}"


@functools.cache
def _builtin_files() -> dict[str, _Shipped]:
    """The shipped role files by role id, in file-name order, unparsed.

    A match needs one role, and parsing one takes a few milliseconds: the id comes from the file's
    top-level ``id:`` line, and a file without exactly one such line is parsed to learn it.
    :func:`_builtin_role` checks the parsed id against it.
    """
    folder = resources.files("rolematch_data").joinpath("roles")
    files = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(_ROLE_SUFFIXES):
            shipped = _Shipped(entry.name, entry.read_text(encoding="utf-8"))
            declared = _DECLARED_ID.findall(shipped.text) if not entry.name.endswith(".json") else []
            role_id = declared[0] if len(declared) == 1 else _parse_shipped(shipped).id
            files[role_id] = shipped
    return files


def _parse_shipped(shipped: _Shipped) -> Role:
    # Its data and lines as the compiled data file holds them, when it was made from this text.
    payload = compiled_payload(f"roles/{shipped.name}", shipped.text)
    if payload is None:
        return parse_role(shipped.text, source=shipped.source)
    lines = {(level, kind, item): line for level, kind, item, line in payload["lines"]}
    return _role_of(shipped.text, payload["data"], lines, source=shipped.source, taxonomy=None)


def compile_roles() -> dict[str, dict[str, str]]:
    """The entries of the compiled data file (``rolematch_data/data.compiled.json``) for the shipped
    roles: each file's data and line numbers, as :func:`_parse_shipped` reads them."""
    entries = {}
    for shipped in _builtin_files().values():
        if shipped.name.endswith(".json"):
            continue  # JSON is read fast enough as it is
        data, lines = _load_yaml(shipped.text)
        payload = {"data": data, "lines": [[*key, line] for key, line in sorted(lines.items())]}
        entries[f"roles/{shipped.name}"] = compiled_entry(shipped.text, payload)
    return dict(sorted(entries.items()))


def _builtin_role(role_id: str) -> Role | None:
    """The shipped role ``role_id``, parsed on first use; None when no shipped file has that id."""
    return _parse_builtin(role_id) if role_id in _builtin_files() else None


@functools.cache  # keyed by shipped ids only (see _builtin_role): the cache cannot grow with lookups
@gc_paused
def _parse_builtin(role_id: str) -> Role:
    role = _parse_shipped(_builtin_files()[role_id])
    if role.id != role_id:  # the id line read was not the id the file parses to
        raise DataFileError(f"{role.source}: its id line says {role_id!r} but the file parses as {role.id!r}")
    return role


def _plugin_files(point: EntryPoint) -> list[Traversable]:
    """The role files an entry point contributes, in name order."""
    target = plugin_target(point, "a role file (.yaml, .yml, .json) or of a folder of them")
    if target.is_dir():
        files = sorted((e for e in target.iterdir() if e.name.endswith(_ROLE_SUFFIXES)), key=lambda e: e.name)
        if not files:
            raise DataFileError(f"{describe(point)}: the folder {target} holds no .yaml, .yml or .json role file")
        return files
    if target.is_file() and target.name.endswith(_ROLE_SUFFIXES):
        return [target]
    raise DataFileError(
        f"{describe(point)}: {target} is neither a role file (.yaml, .yml, .json) nor a folder; does it exist?"
    )


def _parse_plugin_file(point: EntryPoint, file: Traversable) -> Role:
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as error:
        raise DataFileError(f"{describe(point)}: cannot read {file}: {error.strerror or error}") from None
    try:
        return parse_role(text, source=str(file))
    except DataFileError as error:  # the message names the file; add the plugin it came with
        raise DataFileError(f"{describe(point)}: {error.message}") from None


@functools.cache
def _plugin_roles() -> dict[str, Role]:
    """Roles that installed packages contribute through ``rolematch.roles`` entry points (read once)."""
    roles: dict[str, Role] = {}
    origins: dict[str, str] = {role_id: shipped.source for role_id, shipped in _builtin_files().items()}
    for point in plugin_entry_points(ROLES_GROUP):
        for file in _plugin_files(point):
            role = _parse_plugin_file(point, file)
            origin = f"{role.source} ({describe(point)})"
            if role.id in origins:
                # Which of two same-id roles a match used would depend on install order: refuse both.
                raise DataFileError(f"role id {role.id!r} is defined twice: in {origins[role.id]} and in {origin}")
            roles[role.id] = role
            origins[role.id] = origin
    return roles


def register_role(role: Role, *, replace: bool = False) -> None:
    """Make ``role`` available by id to ``match``, ``assess`` and ``rank`` in this process."""
    if not isinstance(role, Role):
        raise TypeError(f"register_role takes a Role (from load_role), not {type(role).__name__}")
    # Plugins are read outside the lock: importing one may itself register a role.
    taken = set() if replace else {*_builtin_files(), *_plugin_roles()}
    with _lock:
        if not replace and (role.id in _registry or role.id in taken):
            raise ValueError(f"a role {role.id!r} is already registered; pass replace=True to replace it")
        _registry[role.id] = role


def list_roles() -> list[str]:
    """Ids of the built-in, plugin and registered roles, sorted."""
    return sorted({*_builtin_files(), *_plugin_roles(), *_registry})


def get_role(role: str | Role) -> Role:
    """A role by id (registered roles first, then built-in and plugin ones), a role file's path
    (``.yaml``, ``.yml`` or ``.json``: loaded, see :func:`load_role`), or the role itself."""
    if isinstance(role, Role):
        return role
    if role.endswith(_ROLE_SUFFIXES) or "/" in role or "\\" in role:
        return load_role(role)
    # Plugin roles are read even when the id is found before them, so a clash is reported on every lookup;
    # outside the lock, as importing a plugin may itself register a role.
    plugins = _plugin_roles()
    shipped = _builtin_role(role)  # parsed outside the lock too: it reads the taxonomy and its plugins
    with _lock:
        found = _registry.get(role) or shipped or plugins.get(role)
    if found is None:
        raise UnknownRoleError(f"no role {role!r}; known roles: {list_roles()} (load_role + register_role adds one)")
    return found
