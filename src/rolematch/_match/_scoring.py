"""Requirement scoring: how much each skill mention counts, and how well it meets a requirement.

A mention's strength is the role's weight for the section it sits in, times the recency of the
job it belongs to, times the confidence of the method that found it, times the weight of its
evidence kind (``_evidence``: a wish, a negation or someone else counts nothing, a course or a
hedge less, and never enough to meet a requirement alone). A requirement (or key
responsibility) is scored from the strongest mentions of its distinct skills, directly or through
the taxonomy's ``implies`` links, and keeps them as evidence.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .._skills import Taxonomy
from ..resume import ExperienceEntry, Resume, SkillMention, SkillMethod
from ._build import built
from ._evidence import Classified, weigh_kind
from ._report import Evidence, EvidenceKind, RequirementResult, Status
from ._role_index import ItemIndex
from ._roles import Scoring

__all__ = ["Mentions", "Weighted", "evaluate", "weigh", "weighted_mean"]

_MAX_EVIDENCE = 4


@dataclass(frozen=True)
class Weighted:
    """A mention with the strength the role's scoring gives it."""

    mention: SkillMention
    strength: float
    why: str
    kind: EvidenceKind
    implied: frozenset[str] = frozenset()  # every skill the mention's skill implies


@dataclass(frozen=True)
class _Found:
    """What the mentions show for one list of acceptable skills: the same for every item asking for it."""

    score: float
    status: Status
    found: tuple[str, ...]  # distinct skills shown, strongest first
    evidence: tuple[Evidence, ...]


class Mentions:
    """The weighted mentions, indexed by the skills they are of and the skills they imply.

    A requirement then visits only the mentions that can count for it, in document order. One
    ``Mentions`` belongs to one role's scoring and one taxonomy: what it shows for a list of skills
    is worked out once and shared by every level's items asking for the same list.
    """

    def __init__(self, weighted: list[Weighted]) -> None:
        self.weighted = weighted
        self._by_skill: dict[str, list[int]] = {}
        for position, entry in enumerate(weighted):
            if entry.strength <= 0:
                continue  # counts nothing (a wish, a negation, someone else): no evidence at all
            for reached in (entry.mention.skill_id, *entry.implied):
                self._by_skill.setdefault(reached, []).append(position)
        self._found: dict[tuple[tuple[str, ...], int], _Found] = {}
        self._evidence: dict[tuple[int, str], Evidence] = {}

    def relevant(self, skills: Iterable[str]) -> list[int]:
        """Positions of the mentions that count something and are of, or imply, any of ``skills``, in order."""
        by_skill = self._by_skill
        lists = [found for skill in skills if (found := by_skill.get(skill))]
        if len(lists) == 1:
            return lists[0]
        return sorted({p for found in lists for p in found})


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
    taxonomy: Taxonomy,
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
    sections: dict[str, tuple[float, str]] = {}
    recency: dict[int, tuple[float, str]] = {}
    implied: dict[str, frozenset[str]] = {}
    kind_words: dict[tuple[Classified, float], tuple[float, str]] = {}
    for mention, found in zip(skills, kinds, strict=True):
        section = mention.section.value if mention.section else "other"
        known = sections.get(section)
        if known is None:
            base = strengths.get(section, default)
            known = sections[section] = (base, f"{section} section x{base:g}")
        strength = known[0]
        parts = [known[1]]
        index = mention.experience_index
        if index is not None:
            step = recency.get(index)
            if step is None:
                factor, words = _recency(resume.experience[index], as_of, scoring)
                step = recency[index] = (factor, f"{words} x{factor:g}")
            strength *= step[0]
            parts.append(step[1])
        if mention.method in _SCALED:
            strength *= mention.similarity
            parts.append(f"{mention.method.value} x{mention.similarity:g}")
        weighed = kind_words.get((found, strength))
        if weighed is None:
            weighed = kind_words[(found, strength)] = weigh_kind(found, strength, scoring)
        strength = weighed[0]
        parts.append(weighed[1])
        skill_id = mention.skill_id
        reached = implied.get(skill_id)
        if reached is None:
            reached = implied[skill_id] = frozenset(taxonomy.implied(skill_id) if skill_id in taxonomy else ())
        weighted.append(Weighted(mention, strength, ", ".join(parts), found.kind, reached))
    return weighted


_SCALED = (SkillMethod.FUZZY, SkillMethod.INFERRED)

# (strength, mention's start, skill it counts for, position of the mention, whether through a link)
_Candidate = tuple[float, int, str, int, bool]


def _best_per_skill(wanted: tuple[str, ...], mentions: Mentions, scoring: Scoring) -> list[_Candidate]:
    """For each wanted skill, the strongest mention that counts for it (the earliest on ties),
    strongest first (then by position and skill).

    A mention that counts nothing (a wish, a negation, someone else) is no evidence at all. One
    stretch of text counts for one wanted skill only: "Optimised model latency", read as model
    optimization and as latency work, is one piece of evidence, not two distinct skills.
    """
    candidates: list[_Candidate] = []
    weighted = mentions.weighted
    for position in mentions.relevant(wanted):
        entry = weighted[position]
        skill_id = entry.mention.skill_id
        if skill_id in wanted:
            candidates.append((round(entry.strength * 1.0, 4), entry.mention.span.start, skill_id, position, False))
            continue
        target = next((s for s in wanted if s in entry.implied), None)
        if target is not None:
            strength = round(entry.strength * scoring.implied_factor, 4)
            candidates.append((strength, entry.mention.span.start, target, position, True))
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


def _shown(wanted: tuple[str, ...], needed: int, mentions: Mentions, taxonomy: Taxonomy, scoring: Scoring) -> _Found:
    """What the mentions show for ``wanted`` when ``needed`` distinct skills make it met."""
    key = (wanted, needed)
    found = mentions._found.get(key)
    if found is not None:
        return found
    ranked = _best_per_skill(wanted, mentions, scoring)
    score = round(sum(c[0] for c in ranked[:needed]) / needed, 4)
    status: Status = "met" if score >= scoring.met_threshold else ("partial" if score > 0 else "missing")
    evidence = tuple(_evidence(c, mentions, taxonomy, scoring) for c in ranked[:_MAX_EVIDENCE])
    found = mentions._found[key] = _Found(score, status, tuple(c[2] for c in ranked), evidence)
    return found


def evaluate(item: ItemIndex, mentions: Mentions, taxonomy: Taxonomy, scoring: Scoring) -> RequirementResult:
    """How well the mentions meet one requirement or key responsibility, with the evidence."""
    shown = _shown(item.wanted, item.needed, mentions, taxonomy, scoring)
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
