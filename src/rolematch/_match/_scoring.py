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
from typing import Literal

from .._skills import Taxonomy
from ..resume import ExperienceEntry, Resume, SkillMention, SkillMethod
from ._evidence import Classified, weigh_kind
from ._report import Evidence, EvidenceKind, RequirementResult
from ._roles import RequirementSpec, ResponsibilitySpec, Scoring

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


# counts_for -> (strength, mention, why it counts through a link, factor): the best mention per skill.
_Best = dict[str, tuple[float, Weighted, str, float]]


class Mentions:
    """The weighted mentions, indexed by the skills they are of and the skills they imply.

    A requirement then visits only the mentions that can count for it, in document order.
    """

    def __init__(self, weighted: list[Weighted]) -> None:
        self.weighted = weighted
        self._by_skill: dict[str, list[int]] = {}
        for position, entry in enumerate(weighted):
            for reached in (entry.mention.skill_id, *entry.implied):
                self._by_skill.setdefault(reached, []).append(position)

    def relevant(self, skills: list[str]) -> list[Weighted]:
        """Mentions of, or implying, any of ``skills``, in their original order."""
        positions = sorted({p for skill in skills for p in self._by_skill.get(skill, ())})
        return [self.weighted[p] for p in positions]


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


def weigh(resume: Resume, scoring: Scoring, as_of: date, taxonomy: Taxonomy, kinds: list[Classified]) -> list[Weighted]:
    """Every skill mention of ``resume`` with its strength under ``scoring`` and the reasons for it
    (``kinds``: each mention's evidence kind, :func:`~._evidence.classify_all`)."""
    weighted = []
    for mention, found in zip(resume.skills, kinds, strict=True):
        section = mention.section.value if mention.section else "other"
        strength = scoring.evidence_strength.get(section, scoring.evidence_strength.get("other", 0.4))
        parts = [f"{section} section x{strength:g}"]
        if mention.experience_index is not None:
            factor, words = _recency(resume.experience[mention.experience_index], as_of, scoring)
            strength *= factor
            parts.append(f"{words} x{factor:g}")
        if mention.method in (SkillMethod.FUZZY, SkillMethod.INFERRED):
            strength *= mention.similarity
            parts.append(f"{mention.method.value} x{mention.similarity:g}")
        strength, kind_words = weigh_kind(found, strength, scoring)
        parts.append(kind_words)
        implied = taxonomy.implied(mention.skill_id) if mention.skill_id in taxonomy else []
        weighted.append(Weighted(mention, strength, ", ".join(parts), found.kind, frozenset(implied)))
    return weighted


def _best_per_skill(wanted: list[str], mentions: Mentions, taxonomy: Taxonomy, scoring: Scoring) -> _Best:
    """For each wanted skill, the strongest mention that counts for it (the earliest on ties).

    A mention that counts nothing (a wish, a negation, someone else) is no evidence at all. One
    stretch of text counts for one wanted skill only: "Optimised model latency", read as model
    optimization and as latency work, is one piece of evidence, not two distinct skills.
    """
    candidates: list[tuple[float, int, str, Weighted, str, float]] = []
    for entry in mentions.relevant(wanted):
        if entry.strength <= 0:
            continue
        skill_id = entry.mention.skill_id
        if skill_id in wanted:
            counts_for, factor, via = skill_id, 1.0, ""
        else:
            target = next((s for s in wanted if s in entry.implied), None)
            if target is None:
                continue
            counts_for, factor = target, scoring.implied_factor
            via = f", implies {taxonomy[target].name} x{factor:g}"
        strength = round(entry.strength * factor, 4)
        candidates.append((strength, entry.mention.span.start, counts_for, entry, via, factor))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    best: _Best = {}
    used: list[tuple[int, int]] = []
    for strength, _, counts_for, entry, via, factor in candidates:
        span = entry.mention.span
        if counts_for in best or any(span.start < end and start < span.end for start, end in used):
            continue
        best[counts_for] = (strength, entry, via, factor)
        used.append((span.start, span.end))
    return best


def _evidence(counts_for: str, strength: float, entry: Weighted, via: str) -> Evidence:
    """One mention as evidence for a requirement, with why it counts what it counts."""
    return Evidence(
        text=entry.mention.surface,
        start=entry.mention.span.start,
        end=entry.mention.span.end,
        section=entry.mention.section,
        skill=entry.mention.skill_id,
        counts_for=counts_for,
        method=entry.mention.method,
        similarity=entry.mention.similarity,
        experience_index=entry.mention.experience_index,
        strength=strength,
        kind=entry.kind,
        why=f"{entry.mention.explanation}; counts {strength:.2f} ({entry.why}{via})",
    )


def evaluate(
    item: RequirementSpec | ResponsibilitySpec,
    kind: Literal["must", "nice", "responsibility"],
    mentions: Mentions,
    taxonomy: Taxonomy,
    scoring: Scoring,
) -> RequirementResult:
    """How well the mentions meet one requirement or key responsibility, with the evidence."""
    wanted = list(item.skills)
    best = _best_per_skill(wanted, mentions, taxonomy, scoring)
    ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], kv[1][1].mention.span.start, kv[0]))
    needed = item.min_distinct if isinstance(item, RequirementSpec) else 1
    score = round(sum(v[0] for _, v in ranked[:needed]) / needed, 4)
    status: Literal["met", "partial", "missing"] = (
        "met" if score >= scoring.met_threshold else ("partial" if score > 0 else "missing")
    )
    evidence = [
        _evidence(counts_for, strength, entry, via)
        for counts_for, (strength, entry, via, _factor) in ranked[:_MAX_EVIDENCE]
    ]
    return RequirementResult(
        id=item.id,
        name=item.name,
        kind=kind,
        category=item.category if isinstance(item, RequirementSpec) else "responsibilities",
        weight=item.weight,
        status=status,
        score=score,
        skills=wanted,
        needed=needed,
        found=[counts_for for counts_for, _ in ranked],
        evidence=evidence,
        quote=item.quote,
        role_line=item.line,
    )


def weighted_mean(results: list[RequirementResult]) -> float:
    """The weight-weighted mean score of ``results`` (0 for none)."""
    total = sum(r.weight for r in results)
    return round(sum(r.weight * r.score for r in results) / total, 4) if total else 0.0
