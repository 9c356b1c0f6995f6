"""Requirement scoring: how much each skill mention counts, and how well it meets a requirement.

A mention's strength is the role's weight for the section it sits in, times the recency of the
job it belongs to, times the confidence of the method that found it, times the weight of its
evidence kind (``_evidence``: a wish, a negation or someone else counts nothing, a course or a
hedge less, and never enough to meet a requirement alone). A requirement (or key
responsibility) is scored from the strongest mentions of its distinct skills, directly or through
the taxonomy's ``implies`` links, and keeps them as evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from .._skills import Taxonomy
from ..resume import ExperienceEntry, Resume, SectionKind, SkillMention, SkillMethod
from ._build import built
from ._evidence import Classified, weigh_kind
from ._report import Evidence, EvidenceKind, RequirementResult, Status
from ._role_index import ItemIndex, Key, LevelReach
from ._roles import Scoring

__all__ = ["Mentions", "Weighted", "evaluate", "weigh", "weighted_mean"]

_MAX_EVIDENCE = 4


class Weighted(NamedTuple):
    """A mention with the strength the role's scoring gives it."""

    mention: SkillMention
    strength: float
    words: tuple[str, ...]  # why it counts that much, in parts (joined only for the evidence shown)
    kind: EvidenceKind

    @property
    def why(self) -> str:
        """Why the mention counts what it counts, in words."""
        return ", ".join(self.words)


@dataclass(frozen=True)
class _Found:
    """What the mentions show for one list of acceptable skills: the same for every item asking for it."""

    score: float
    status: Status
    found: tuple[str, ...]  # distinct skills shown, strongest first
    evidence: tuple[Evidence, ...]


class Mentions:
    """The weighted mentions of one resume for one role's scoring and one taxonomy.

    What they show for a list of skills (a key) is worked out once and shared by every level's
    items asking for the same list: for each level, in one pass over the mentions that count
    something, each handing its strength to the keys its skill counts for (``LevelReach``).
    """

    def __init__(self, weighted: list[Weighted]) -> None:
        self.weighted = weighted
        self._found: dict[Key, _Found] = {}
        self._evidence: dict[tuple[int, str], Evidence] = {}

    def found(self, reach: LevelReach, taxonomy: Taxonomy, scoring: Scoring) -> dict[Key, _Found]:
        """What the mentions show for each of the level's keys (``reach``), and for the keys worked out before."""
        keys = reach.keys
        missing = [index for index, key in enumerate(keys) if key not in self._found]
        if missing:
            candidates = _candidates(self.weighted, reach, scoring.implied_factor)
            for index in missing:
                self._found[keys[index]] = _shown(keys[index], candidates[index], self, taxonomy, scoring)
        return self._found


def _as_of_index(as_of: date) -> int:
    return as_of.year * 12 + as_of.month - 1


def _recency(entry: ExperienceEntry, as_of: date, scoring: Scoring) -> tuple[float, str]:
    """The recency factor of a job and the words for it."""
    if entry.is_current:
        years = 0.0
    elif entry.end is not None:
        years = max(0.0, (_as_of_index(as_of) - entry.end.month_index) / 12)
    elif entry.start is not None:
        years = max(0.0, (_as_of_index(as_of) - entry.start.month_index) / 12)
    else:
        return scoring.recency[-1].factor, "undated job"
    for step in scoring.recency:
        if years <= step.within_years:
            ended = "current job" if entry.is_current else f"job ended {years:.1f} years before as_of"
            return step.factor, ended
    return scoring.recency[-1].factor, f"job ended {years:.1f} years before as_of"


def weigh(
    resume: Resume,
    scoring: Scoring,
    as_of: date,
    kinds: list[Classified],
    positions: list[int] | None = None,
) -> list[Weighted]:
    """The skill mentions of ``resume`` at ``positions`` (default: all) with their strength under
    ``scoring`` and the reasons for it (``kinds``: their evidence kinds, :func:`~._evidence.kinds_at`)."""
    skills = resume.skills if positions is None else [resume.skills[p] for p in positions]
    weighted = []
    strengths = scoring.evidence_strength
    default = strengths.get("other", 0.4)
    # Many mentions share a section, a job and a kind: each is worded once.
    sections: dict[SectionKind | None, tuple[float, str]] = {}
    recency: dict[int, tuple[float, str]] = {}
    kind_words: dict[tuple[int, float], tuple[float, str]] = {}  # by the kind's id: each is in ``kinds``
    scaled = _SCALED
    for mention, found in zip(skills, kinds, strict=True):
        known = sections.get(mention.section)
        if known is None:
            section = mention.section.value if mention.section else "other"
            base = strengths.get(section, default)
            known = sections[mention.section] = (base, f"{section} section x{base:g}")
        strength = known[0]
        index = mention.experience_index
        if index is not None:
            step = recency.get(index)
            if step is None:
                factor, words = _recency(resume.experience[index], as_of, scoring)
                step = recency[index] = (factor, f"{words} x{factor:g}")
            strength *= step[0]
        if mention.method in scaled:
            strength *= mention.similarity
        weighed = kind_words.get((id(found), strength))
        if weighed is None:
            weighed = kind_words[(id(found), strength)] = weigh_kind(found, strength, scoring)
        if index is None:
            parts: tuple[str, ...] = (known[1],)
        else:
            parts = (known[1], recency[index][1])
        if mention.method in scaled:
            parts += (f"{mention.method.value} x{mention.similarity:g}",)
        weighted.append(Weighted(mention, weighed[0], (*parts, weighed[1]), found.kind))
    return weighted


_SCALED = (SkillMethod.FUZZY, SkillMethod.INFERRED)

# (strength, mention's start, skill it counts for, position of the mention, whether through a link)
_Candidate = tuple[float, int, str, int, bool]


def _candidates(weighted: list[Weighted], reach: LevelReach, implied_factor: float) -> list[list[_Candidate]]:
    """For each of a level's keys, every mention that counts for it, in document order.

    A mention that counts nothing (a wish, a negation, someone else) is no evidence at all.
    """
    candidates: list[list[_Candidate]] = [[] for _ in reach.keys]
    of = reach.of
    for position, entry in enumerate(weighted):
        strength = entry.strength
        if strength <= 0:
            continue
        mention = entry.mention
        start = mention.span.start
        for index, target, linked in of(mention.skill_id):
            counts = round(strength * implied_factor, 4) if linked else round(strength * 1.0, 4)
            candidates[index].append((counts, start, target, position, linked))
    return candidates


def _best_per_skill(candidates: list[_Candidate], weighted: list[Weighted]) -> list[_Candidate]:
    """For each wanted skill, the strongest mention that counts for it (the earliest on ties),
    strongest first (then by position and skill).

    One stretch of text counts for one wanted skill only: "Optimised model latency", read as model
    optimization and as latency work, is one piece of evidence, not two distinct skills.
    """
    if len(candidates) > 1:
        candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    best: list[_Candidate] = []
    chosen: set[str] = set()
    used: list[tuple[int, int]] = []
    for candidate in candidates:
        span = weighted[candidate[3]].mention.span
        if candidate[2] in chosen or any(span.start < end and start < span.end for start, end in used):
            continue
        best.append(candidate)
        chosen.add(candidate[2])
        used.append((span.start, span.end))
    return best


def _evidence(candidate: _Candidate, mentions: Mentions, taxonomy: Taxonomy, scoring: Scoring) -> Evidence:
    """One mention as evidence for a requirement, with why it counts what it counts (built once per
    mention and skill it counts for)."""
    strength, _, counts_for, position, linked = candidate
    key = (position, counts_for)
    found = mentions._evidence.get(key)
    if found is not None:
        return found
    entry = mentions.weighted[position]
    mention = entry.mention
    via = f", implies {taxonomy[counts_for].name} x{scoring.implied_factor:g}" if linked else ""
    found = mentions._evidence[key] = built(
        Evidence,
        text=mention.surface,
        start=mention.span.start,
        end=mention.span.end,
        section=mention.section,
        skill=mention.skill_id,
        counts_for=counts_for,
        method=mention.method,
        similarity=mention.similarity,
        experience_index=mention.experience_index,
        strength=strength,
        kind=entry.kind,
        why=f"{mention.explanation}; counts {strength:.2f} ({entry.why}{via})",
    )
    return found


def _shown(key: Key, candidates: list[_Candidate], mentions: Mentions, taxonomy: Taxonomy, scoring: Scoring) -> _Found:
    """What the mentions show for ``key``'s skills when its number of distinct skills makes it met."""
    needed = key[1]
    ranked = _best_per_skill(candidates, mentions.weighted)
    score = round(sum(c[0] for c in ranked[:needed]) / needed, 4)
    status: Status = "met" if score >= scoring.met_threshold else ("partial" if score > 0 else "missing")
    evidence = tuple(_evidence(c, mentions, taxonomy, scoring) for c in ranked[:_MAX_EVIDENCE])
    return _Found(score, status, tuple(c[2] for c in ranked), evidence)


def evaluate(item: ItemIndex, found: dict[Key, _Found]) -> RequirementResult:
    """How well the mentions meet one requirement or key responsibility, with the evidence
    (``found``: :meth:`Mentions.found` for its level)."""
    shown = found[item.key]
    spec = item.spec
    return built(
        RequirementResult,
        id=spec.id,
        name=spec.name,
        kind=item.kind,
        category=item.category,
        weight=spec.weight,
        status=shown.status,
        score=shown.score,
        skills=list(item.wanted),
        needed=item.needed,
        found=list(shown.found),
        evidence=list(shown.evidence),
        quote=spec.quote,
        role_line=spec.line,
    )


def weighted_mean(results: list[RequirementResult]) -> float:
    """The weight-weighted mean score of ``results`` (0 for none)."""
    total = sum(r.weight for r in results)
    return round(sum(r.weight * r.score for r in results) / total, 4) if total else 0.0
