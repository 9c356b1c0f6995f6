"""What the match stage reads of a role, worked out once per ``Role`` object.

Each level's requirements with their skill lists, kinds and categories, its knock-outs, the skills
that signal leadership, its expected years as words; the role's verdict bands by rank, the
seniority words of its titles, its salary figures per job location and industry, the posting it was
made from. None of it depends on a resume, so matching many resumes (or one resume at every level)
reads the role file once. A role whose ``spec``, ``source`` or ``posting`` is replaced is read again.
"""

from __future__ import annotations

import re
import threading
import weakref
from dataclasses import dataclass, field
from typing import Literal

from .._skills import Taxonomy
from ..resume import SkillMention
from ._report import JobRef, SalaryExpectation
from ._role_schema import VerdictBand
from ._roles import CategoryName, LevelSpec, RequirementSpec, ResponsibilitySpec, Role, RoleFile
from ._salary import salary_expectation

__all__ = ["ItemIndex", "Key", "LevelIndex", "LevelReach", "Reach", "RoleIndex", "role_index"]

ItemKind = Literal["must", "nice", "responsibility"]
Key = tuple[tuple[str, ...], int]  # a list of acceptable skills and how many distinct ones make it met
# What a mention of one skill counts for among a level's keys: (key's index, the wanted skill it
# counts for, whether through an ``implies`` link), in the order of the level's keys.
Reach = tuple[tuple[int, str, bool], ...]


@dataclass(frozen=True)
class ItemIndex:
    """One requirement or key responsibility of a level, as scoring reads it."""

    spec: RequirementSpec | ResponsibilitySpec
    kind: ItemKind
    category: Literal["skills", "responsibilities"]
    needed: int  # distinct skills that make it met
    wanted: tuple[str, ...]  # the acceptable skills, in the role file's order

    @property
    def key(self) -> Key:
        """What scoring the item depends on: items of the same key score the same."""
        return (self.wanted, self.needed)


@dataclass(frozen=True)
class LevelIndex:
    """One level of a role, as scoring reads it."""

    spec: LevelSpec
    position: int  # in the role's levels, most junior first
    requirements: tuple[ItemIndex, ...]
    responsibilities: tuple[ItemIndex, ...]
    knockouts: frozenset[str]
    duty_skills: frozenset[str]  # skills of the responsibility requirements: leadership signals
    expected_years: str  # "4-6" or "7+"
    weights: dict[CategoryName, float]
    keys: tuple[Key, ...]  # the distinct keys of its requirements and responsibilities, in order


def _item(spec: RequirementSpec | ResponsibilitySpec) -> ItemIndex:
    if isinstance(spec, RequirementSpec):
        return ItemIndex(spec, spec.kind, spec.category, spec.min_distinct, tuple(spec.skills))
    return ItemIndex(spec, "responsibility", "responsibilities", 1, tuple(spec.skills))


def expected_years_text(level: LevelSpec) -> str:
    """The level's expected years as words: ``4-6`` or ``7+``."""
    expected = level.expected_years
    if expected.max is None:
        return f"{expected.min:g}+"
    return f"{expected.min:g}-{expected.max:g}"


def _level(spec: LevelSpec, position: int, role: Role) -> LevelIndex:
    requirements = tuple(_item(r) for r in spec.requirements)
    responsibilities = tuple(_item(r) for r in spec.responsibilities)
    return LevelIndex(
        spec=spec,
        position=position,
        requirements=requirements,
        responsibilities=responsibilities,
        keys=tuple(dict.fromkeys(item.key for item in (*requirements, *responsibilities))),
        knockouts=frozenset(r.id for r in spec.requirements if r.knockout),
        duty_skills=frozenset(s for r in spec.requirements if r.category == "responsibilities" for s in r.skills),
        expected_years=expected_years_text(spec),
        weights=spec.category_weights or role.spec.scoring.category_weights,
    )


@dataclass
class RoleIndex:
    """A role as the match stage reads it (see the module's docstring)."""

    spec: RoleFile
    source: str
    posting: object
    levels: dict[str, LevelIndex]
    level_ids: list[str]
    bands: list[VerdictBand]  # from the lowest score up: a band's index is its rank
    tiers: list[tuple[int, frozenset[str]]]  # levels with seniority words, most senior first
    plain_tier: int | None  # the first level without seniority words
    job: JobRef | None
    review_warnings: frozenset[str]
    relevant_titles: re.Pattern[str] | None  # any of the role's title words, as a whole word
    related_titles: re.Pattern[str] | None
    wanted: frozenset[str]  # every skill any level's requirements or responsibilities accept
    shown: frozenset[str]  # those and the production duties: the skills a job's work is read for
    _salaries: dict[tuple[str, str | None, str | None], SalaryExpectation] = field(default_factory=dict)
    _technical: dict[int, tuple[Taxonomy, frozenset[str]]] = field(default_factory=dict)
    _skills: dict[int, _SkillFacts] = field(default_factory=dict)

    def level(self, spec: LevelSpec, role: Role) -> LevelIndex:
        """The index of ``spec``, a level of the role (one built on the spot when it is not)."""
        found = self.levels.get(spec.id)
        if found is not None and found.spec is spec:
            return found
        return _level(spec, role.level_ids.index(spec.id), role)

    def salary(self, role: Role, level: LevelSpec, location: str | None, industry: str | None) -> SalaryExpectation:
        """The level's salary expectation for a job at ``location`` in ``industry`` (a frozen model, shared)."""
        known = self.levels.get(level.id)
        if known is None or known.spec is not level:
            return salary_expectation(role, level, location, industry)
        key = (level.id, location, industry)
        found = self._salaries.get(key)
        if found is None:
            found = salary_expectation(role, level, location, industry)
            if len(self._salaries) < 256:  # a role is matched for a few job places: keep those
                self._salaries[key] = found
        return found

    def facts(self, taxonomy: Taxonomy) -> _SkillFacts:
        """What the role makes of each skill of ``taxonomy`` (worked out as skills are met)."""
        found = self._skills.get(id(taxonomy))
        if found is None or found.taxonomy is not taxonomy:
            found = self._skills[id(taxonomy)] = _SkillFacts(taxonomy, self.wanted, self.shown)
        return found

    def counted(self, skills: list[SkillMention], taxonomy: Taxonomy) -> list[int]:
        """Positions of the mentions that can count for the role: of a skill it asks for or implying
        one (scoring), or of a skill a job's work is read for (years in the role, leadership).
        What the others say of the candidate cannot move a report of this role."""
        facts = self.facts(taxonomy)
        counts, count = facts.counts, facts.count
        return [
            position
            for position, mention in enumerate(skills)
            if (known := counts.get(mention.skill_id)) or (known is None and count(mention.skill_id))
        ]

    def reach(self, level: LevelIndex | None, taxonomy: Taxonomy) -> LevelReach:
        """What a mention of each skill counts for among ``level``'s keys, or (None) every level's
        (an assessment reads them all: one pass over the mentions, not one per level); kept per
        level and taxonomy."""
        facts = self.facts(taxonomy)
        if level is None:
            keys = tuple(dict.fromkeys(key for known in self.levels.values() for key in known.keys))
            return facts.reach_for(None, keys)
        known = self.levels.get(level.spec.id)
        if known is None or known.spec is not level.spec:  # a level built on the spot: nothing kept
            return LevelReach(facts, level.keys)
        return facts.reach_for(level.spec.id, level.keys)

    def title_tier(self, title: str | None) -> int | None:
        """Index of the level whose seniority words the title uses (a title without any: the plain level)."""
        if not title:
            return None
        words = set(re.findall(r"[a-z]+", title.lower()))
        for index, seniority in self.tiers:
            if not words.isdisjoint(seniority):
                return index
        return self.plain_tier

    def technical_skills(self, taxonomy: Taxonomy) -> frozenset[str]:
        """The role's skills at any level, without soft skills.

        Soft skills (teamwork at a cafe) do not make a job part of an ML career; technical skills do.
        """
        found = self._technical.get(id(taxonomy))
        if found is not None and found[0] is taxonomy:
            return found[1]
        items: list[RequirementSpec | ResponsibilitySpec] = []
        for spec_level in self.spec.levels:
            items += spec_level.requirements
            items += spec_level.responsibilities
        skills = frozenset(
            s for item in items for s in item.skills if taxonomy.category_group(taxonomy[s].category) != "soft_skill"
        )
        self._technical[id(taxonomy)] = (taxonomy, skills)
        return skills


class _SkillFacts:
    """What one role makes of the skills of one taxonomy: the skills each implies, whether a mention
    of each can count for the role, what it counts for at each level. Filled as skills are met."""

    def __init__(self, taxonomy: Taxonomy, wanted: frozenset[str], shown: frozenset[str]) -> None:
        self.taxonomy = taxonomy  # held, so that its id is never another's while kept
        self._wanted = wanted
        self._shown = shown
        self.implied: dict[str, frozenset[str]] = {}
        self.counts: dict[str, bool] = {}
        self._reaches: dict[str | None, LevelReach] = {}  # by level id (None: every level)

    def implies(self, skill_id: str) -> frozenset[str]:
        """Every skill ``skill_id`` implies (none for a skill the taxonomy does not know)."""
        found = self.implied.get(skill_id)
        if found is None:
            taxonomy = self.taxonomy
            found = self.implied[skill_id] = frozenset(taxonomy.implied(skill_id) if skill_id in taxonomy else ())
        return found

    def reach_for(self, level_id: str | None, keys: tuple[Key, ...]) -> LevelReach:
        """The kept ``LevelReach`` of a level's ``keys`` (``level_id`` None: every level's)."""
        found = self._reaches.get(level_id)
        if found is None:
            found = self._reaches[level_id] = LevelReach(self, keys)
        return found

    def count(self, skill_id: str) -> bool:
        """Whether a mention of ``skill_id`` can count for the role (see ``RoleIndex.counted``)."""
        known = self.counts[skill_id] = skill_id in self._shown or not self._wanted.isdisjoint(self.implies(skill_id))
        return known


class LevelReach:
    """What a mention of a skill counts for among a level's keys, worked out for a skill when met.

    For each key, a skill it lists counts for itself; else the first it lists that the skill
    implies, through the link; else nothing (as ``_scoring`` reads a requirement).
    """

    def __init__(self, facts: _SkillFacts, keys: tuple[Key, ...]) -> None:
        self._facts = facts
        self.keys = keys
        self._known: dict[str, Reach] = {}

    def of(self, skill_id: str) -> Reach:
        """What a mention of ``skill_id`` counts for: (key's index, wanted skill, through a link)."""
        found = self._known.get(skill_id)
        if found is None:
            implied = self._facts.implies(skill_id)
            reach: list[tuple[int, str, bool]] = []
            for index, (wanted, _) in enumerate(self.keys):
                if skill_id in wanted:
                    reach.append((index, skill_id, False))
                else:
                    target = next((s for s in wanted if s in implied), None)
                    if target is not None:
                        reach.append((index, target, True))
            found = self._known[skill_id] = tuple(reach)
        return found


def _job_ref(role: Role) -> JobRef | None:
    """The posting a role was made from, as the report names it."""
    posting = role.posting
    if posting is None:
        return None
    return JobRef(title=posting.title, company=posting.company, sha256=posting.digest, level=posting.level)


def _words_pattern(words: list[str]) -> re.Pattern[str] | None:
    """One search for any of ``words`` not inside a longer word (None: no words, nothing matches)."""
    if not words:
        return None
    return re.compile(r"(?<![a-z])(?:" + "|".join(re.escape(word) for word in words) + r")(?![a-z])")


def _build(role: Role) -> RoleIndex:
    spec = role.spec
    levels = spec.levels
    tiers = [
        (index, frozenset(w.lower() for w in level.seniority_words))
        for index, level in reversed(list(enumerate(levels)))
        if level.seniority_words
    ]
    plain = [i for i, level in enumerate(levels) if not level.seniority_words]
    items: list[RequirementSpec | ResponsibilitySpec] = []
    for level in levels:
        items += level.requirements
        items += level.responsibilities
    wanted = frozenset(s for item in items for s in item.skills)
    return RoleIndex(
        spec=spec,
        source=role.source,
        posting=role.posting,
        levels={level.id: _level(level, position, role) for position, level in enumerate(levels)},
        level_ids=[level.id for level in levels],
        bands=spec.scoring.ranked_verdicts(),
        tiers=tiers,
        plain_tier=plain[0] if plain else None,
        job=_job_ref(role),
        review_warnings=frozenset(spec.oversight.review_warnings),
        relevant_titles=_words_pattern(spec.relevant_title_words),
        related_titles=_words_pattern(spec.related_title_words),
        wanted=wanted,
        shown=wanted | frozenset(spec.production_duty_skills),
    )


_INDEXES: weakref.WeakKeyDictionary[Role, RoleIndex] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def role_index(role: Role) -> RoleIndex:
    """The index of ``role``, built on first use and kept as long as the role object lives."""
    found = _INDEXES.get(role)
    if found is not None and found.spec is role.spec and found.source == role.source and found.posting is role.posting:
        return found
    built = _build(role)
    with _LOCK:
        _INDEXES[role] = built
    return built
