"""Role files: schema, loading (YAML or JSON) with line numbers, and the registry of known roles."""

from __future__ import annotations

import functools
import hashlib
import json
import threading
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator

from .._skills import Taxonomy, default_taxonomy
from ..errors import DataFileError, UnknownRoleError
from ..resume import EducationLevel, SectionKind

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
    "get_role",
    "list_roles",
    "load_role",
    "register_role",
]

_STRICT = ConfigDict(extra="forbid", frozen=True)
Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=64)]
CategoryName = Literal["skills", "experience", "responsibilities", "education"]


class RequirementSpec(BaseModel):
    """A must-have or nice-to-have: a group of acceptable skills, how many are needed, and its weight."""

    model_config = _STRICT

    id: Identifier
    name: str = Field(min_length=1)
    kind: Literal["must", "nice"]
    category: Literal["skills", "responsibilities"]
    weight: float = Field(gt=0)
    skills: list[str] = Field(
        min_length=1, description="Taxonomy ids; a mention of any, or of a skill implying one, counts."
    )
    min_distinct: int = Field(default=1, ge=1, description="How many distinct skills of the list make it met.")
    quote: str = Field(min_length=1, description="The sentence of the source document this comes from.")
    assumption: str | None = None
    line: int | None = Field(default=None, description="Line in the role file (filled in at load).")

    @model_validator(mode="after")
    def _enough_skills(self) -> RequirementSpec:
        if self.min_distinct > len(self.skills):
            raise ValueError(f"min_distinct {self.min_distinct} is more than the {len(self.skills)} skills listed")
        return self


class ResponsibilitySpec(BaseModel):
    """A key responsibility of the level and the skills that show someone has carried it."""

    model_config = _STRICT

    id: Identifier
    name: str = Field(min_length=1)
    weight: float = Field(gt=0)
    skills: list[str] = Field(min_length=1)
    quote: str = Field(min_length=1)
    line: int | None = None


class YearsExpectation(BaseModel):
    """Years of role-relevant experience a level expects (``max`` None: no upper bound)."""

    model_config = _STRICT

    min: float = Field(ge=0)
    max: float | None = Field(default=None, ge=0)
    assumption: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> YearsExpectation:
        if self.max is not None and self.max < self.min:
            raise ValueError(f"max {self.max} is below min {self.min}")
        return self


class EducationExpectation(BaseModel):
    """The degree a level expects, in which fields, and optionally a preferred higher degree."""

    model_config = _STRICT

    level: EducationLevel
    preferred_level: EducationLevel | None = None
    fields: list[str] = Field(default_factory=list)
    quote: str
    assumption: str | None = None


class SalaryBand(BaseModel):
    """A pay band from the role file: never from anything a resume says."""

    model_config = _STRICT

    low: int = Field(gt=0)
    high: int = Field(gt=0)
    typical: int = Field(gt=0)
    basis: str
    quote: str
    typical_assumption: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> SalaryBand:
        if not self.low <= self.typical <= self.high:
            raise ValueError(f"need low <= typical <= high, got {self.low}, {self.typical}, {self.high}")
        return self


class SalaryPlacement(BaseModel):
    """A factor of the job (location, industry) that moves the expectation up or down the band."""

    model_config = _STRICT

    factor: Literal["location", "industry"]
    direction: Literal["up", "down"]
    step: float = Field(gt=0, le=1, description="Fraction of the band the expectation moves.")
    values: list[str] = Field(min_length=1)
    because: str


class SalarySpec(BaseModel):
    """Currency, period, the all-levels reference band and the placement rules."""

    model_config = _STRICT

    currency: str = Field(pattern=r"^[A-Z]{3}$")
    period: Literal["year", "month", "hour"]
    overall: SalaryBand | None = None
    placement: list[SalaryPlacement] = Field(default_factory=list)


class LevelSpec(BaseModel):
    """One level of a role: titles, expectations, salary band, requirements and responsibilities."""

    model_config = _STRICT

    id: Identifier
    name: str
    titles: list[str] = Field(min_length=1)
    seniority_words: list[str] = Field(default_factory=list)
    expected_years: YearsExpectation
    expected_years_quote: str | None = None
    education: EducationExpectation | None = None
    salary: SalaryBand
    category_weights: dict[CategoryName, float] | None = None
    requirements: list[RequirementSpec] = Field(min_length=1)
    responsibilities: list[ResponsibilitySpec] = Field(default_factory=list)
    line: int | None = None


class ExperienceScoring(BaseModel):
    """How years and titles make the experience score."""

    model_config = _STRICT

    years_weight: float = Field(ge=0)
    title_weight: float = Field(ge=0)
    over_max_penalty_per_year: float = Field(ge=0, le=1)
    floor: float = Field(ge=0, le=1)


class RecencyStep(BaseModel):
    """Mentions in jobs that ended within ``within_years`` of ``as_of`` count ``factor``."""

    model_config = _STRICT

    within_years: float = Field(gt=0)
    factor: float = Field(gt=0, le=1)


class VerdictBand(BaseModel):
    """A verdict for scores at or above ``min_score``."""

    model_config = _STRICT

    min_score: float = Field(ge=0, le=100)
    verdict: str
    requires_all_musts: bool = False


class Scoring(BaseModel):
    """The scoring rules of a role: every number the matcher uses comes from here."""

    model_config = _STRICT

    evidence_strength: dict[str, float]
    recency: list[RecencyStep] = Field(min_length=1)
    implied_factor: float = Field(gt=0, le=1)
    met_threshold: float = Field(gt=0, le=1)
    category_weights: dict[CategoryName, float]
    missing_data: dict[CategoryName, Literal["neutral", "zero"]]
    experience: ExperienceScoring
    nice_to_have_bonus: float = Field(ge=0, le=20)
    verdicts: list[VerdictBand] = Field(min_length=1)

    @model_validator(mode="after")
    def _known_sections(self) -> Scoring:
        known = {kind.value for kind in SectionKind} | {"other"}
        unknown = set(self.evidence_strength) - known
        if unknown:
            raise ValueError(f"evidence_strength names unknown sections {sorted(unknown)}; known: {sorted(known)}")
        if not any(v.min_score == 0 for v in self.verdicts):
            raise ValueError("verdicts need a band with min_score 0")
        return self


class Oversight(BaseModel):
    """What every report says about its own limits, and which parse warnings call for a person."""

    model_config = _STRICT

    advisory: str
    not_considered: list[str]
    review_warnings: list[str] = Field(description="Parse warning codes that make a report need human review.")


class RoleSource(BaseModel):
    """Where the role's knowledge comes from."""

    model_config = _STRICT

    document: str
    salary_source: str
    caveat: str


class RoleFile(BaseModel):
    """Schema of a role file (YAML or JSON)."""

    model_config = _STRICT

    id: Identifier
    name: str
    version: str
    source: RoleSource
    relevant_title_words: list[str] = Field(default_factory=list)
    relevant_min_skills: int = Field(default=2, ge=1)
    scoring: Scoring
    oversight: Oversight
    salary: SalarySpec
    levels: list[LevelSpec] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> RoleFile:
        level_ids = [level.id for level in self.levels]
        if len(set(level_ids)) != len(level_ids):
            raise ValueError(f"level ids repeat: {level_ids}")
        for level in self.levels:
            ids = [r.id for r in level.requirements] + [r.id for r in level.responsibilities]
            if len(set(ids)) != len(ids):
                raise ValueError(f"level {level.id!r}: requirement and responsibility ids repeat")
        return self


class Role:
    """A loaded, validated role: the file's content plus where it came from."""

    def __init__(self, spec: RoleFile, *, source: str, sha256: str = "") -> None:
        self.spec = spec
        self.source = source
        self.sha256 = sha256  # of the role file's text: audit logs name the exact file a score used

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


def _line_numbers(text: str) -> dict[tuple[int, str, int], int]:
    """1-based lines of each level, requirement and responsibility: (level index, list, item index) -> line."""
    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    root = yaml.compose(text, Loader=loader)
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
    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        root = yaml.compose(text, Loader=loader)
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
    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = json.loads(text) if source.endswith(".json") else yaml.load(text, Loader=loader)
    except (yaml.YAMLError, json.JSONDecodeError) as error:
        raise DataFileError(f"{source}: not valid {'JSON' if source.endswith('.json') else 'YAML'}: {error}") from None
    try:
        spec = RoleFile.model_validate(data)
    except ValidationError as error:
        raise DataFileError(f"{source}: {_error_lines(text, error)}") from None
    lines = _line_numbers(text) if not source.endswith(".json") else {}
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
    unknown = []
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

_registry: dict[str, Role] = {}
_lock = threading.Lock()


@functools.cache
def _builtin_roles() -> dict[str, Role]:
    folder = resources.files("rolematch_data").joinpath("roles")
    roles = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith((".yaml", ".yml", ".json")):
            role = parse_role(entry.read_text(encoding="utf-8"), source=f"rolematch_data/roles/{entry.name}")
            roles[role.id] = role
    return roles


def register_role(role: Role, *, replace: bool = False) -> None:
    """Make ``role`` available by id to ``match``, ``assess`` and ``rank`` in this process."""
    if not isinstance(role, Role):
        raise TypeError(f"register_role takes a Role (from load_role), not {type(role).__name__}")
    with _lock:
        if not replace and (role.id in _registry or role.id in _builtin_roles()):
            raise ValueError(f"a role {role.id!r} is already registered; pass replace=True to replace it")
        _registry[role.id] = role


def list_roles() -> list[str]:
    """Ids of the built-in and registered roles, sorted."""
    return sorted({*_builtin_roles(), *_registry})


def get_role(role: str | Role) -> Role:
    """A role by id (registered roles first, then built-in), or the role itself."""
    if isinstance(role, Role):
        return role
    with _lock:
        found = _registry.get(role) or _builtin_roles().get(role)
    if found is None:
        raise UnknownRoleError(f"no role {role!r}; known roles: {list_roles()} (load_role + register_role adds one)")
    return found
