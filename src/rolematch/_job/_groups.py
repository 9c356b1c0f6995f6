"""Skill groups of one requirement line: which skills are alternatives and which are each needed.

Read from the words between the skill mentions, not from a phrase list: "Python or Scala" and
"AWS, GCP or Azure" are one group (any one meets it); "Python and SQL" and "Python, SQL, Spark"
are one group per skill; "a cloud platform such as AWS or GCP" and "BI tools (e.g. Tableau,
Looker)" put the examples in the group of what they exemplify. Any other word between two
mentions ends a list.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .._skills import Taxonomy
from ..resume import SkillMention
from ._model import SkillGroup
from ._vocabulary import job_vocabulary, phrase_pattern

__all__ = ["skill_groups"]

_OR = re.compile(r"\bor\b|\band/or\b|/|\|")
_AND = re.compile(r"\band\b|&|\bplus\b|\bas well as\b")
_LIST_WORDS = re.compile(r"[\s,;()/|&.:]+|\band/or\b|\band\b|\bor\b|\beither\b|\bplus\b|\bas well as\b")


@dataclass
class _Run:
    """Mentions joined by list punctuation and words only, with the joiner before each, and the words
    after the last ("data science, analytics or a related role": an "or" there makes the list alternatives)."""

    members: list[SkillMention]
    joiners: list[str]
    after: str = ""


@functools.cache
def _examples() -> re.Pattern[str]:
    return phrase_pattern(job_vocabulary().example_cues)


_MAX_PHRASE_WORDS = 3


def _is_list_gap(gap: str) -> bool:
    """Whether the words between two mentions join a list: only "," "or" "and" "(e.g." ")" and the like,
    or a few words around an "or" or an example cue ("Bayesian methods or switchback designs",
    "supervised learning methods (logistic regression, ...)")."""
    lower = gap.lower()
    if len(gap) > 40:
        return False
    rest = _examples().sub(" ", lower)
    other_words = _LIST_WORDS.sub(" ", rest).split()
    if not other_words:
        return True
    joined = bool(_OR.search(lower) or _examples().search(lower) or "(" in lower)
    return joined and len(other_words) <= _MAX_PHRASE_WORDS and not re.search(r"[.;:]", lower)


def _runs(mentions: list[SkillMention], text: str, offset: int) -> list[_Run]:
    runs: list[_Run] = []
    for mention in mentions:
        if runs:
            previous = runs[-1].members[-1]
            gap = text[previous.span.end - offset : mention.span.start - offset]
            if _is_list_gap(gap):
                runs[-1].members.append(mention)
                runs[-1].joiners.append(gap.lower())
                continue
        runs.append(_Run([mention], []))
    for run in runs:
        end = run.members[-1].span.end - offset
        run.after = text[end : end + 12].lower()
    return runs


def _split(run: _Run) -> list[list[SkillMention]]:
    """The groups of one run: examples join their head; "or" lists are one group; "and" lists split."""
    examples = _examples()
    groups: list[list[SkillMention]] = [[run.members[0]]]
    in_examples = False
    pending_commas: list[int] = []  # groups started at a bare comma: an "or" later in the list merges them
    for member, gap in zip(run.members[1:], run.joiners, strict=True):
        if examples.search(gap) or "(" in gap:
            in_examples = True
            groups[-1].append(member)
            continue
        if in_examples and ")" not in gap:
            groups[-1].append(member)
            continue
        in_examples = False
        after = gap.split(")")[-1]
        if not after.strip():
            groups[-1].append(member)  # side by side: one compound ("cloud ERP")
        elif _OR.search(after):
            for index in sorted(pending_commas, reverse=True):
                groups[index - 1].extend(groups.pop(index))
            pending_commas = []
            groups[-1].append(member)
        elif _AND.search(after):
            pending_commas = []
            groups.append([member])
        else:
            groups.append([member])
            pending_commas.append(len(groups) - 1)
    if pending_commas and re.match(r"\s*,?\s*(?:or|and/or)\b", run.after):
        for index in sorted(pending_commas, reverse=True):  # "A, B or a related ..."
            groups[index - 1].extend(groups.pop(index))
    return groups


def skill_groups(mentions: list[SkillMention], text: str, offset: int, taxonomy: Taxonomy) -> list[SkillGroup]:
    """The skill groups of a requirement line ``text`` (at ``offset`` in the posting) from its mentions."""
    ordered = _non_overlapping(mentions)
    groups: list[SkillGroup] = []
    seen: set[str] = set()
    for run in _runs(ordered, text, offset):
        for members in _split(run):
            skills, surfaces = [], []
            for mention in members:
                if mention.skill_id not in skills and mention.skill_id not in seen:
                    skills.append(mention.skill_id)
                    surfaces.append(mention.surface)
            if not skills:
                continue
            seen.update(skills)
            names = [taxonomy[s].name if s in taxonomy else s for s in skills]
            groups.append(SkillGroup(skills=skills, names=names, surfaces=surfaces, needed=1))
    return groups


def _non_overlapping(mentions: list[SkillMention]) -> list[SkillMention]:
    """Mentions in text order, the longer kept where two overlap ("Apache Spark" over "Spark")."""
    kept: list[SkillMention] = []
    for mention in sorted(mentions, key=lambda m: (m.span.start, -(m.span.end - m.span.start), m.skill_id)):
        if kept and mention.span.start < kept[-1].span.end:
            last = kept[-1]
            if (mention.span.start, mention.span.end) == (last.span.start, last.span.end):
                continue  # the same words read as two skills: keep the first (strongest) reading
            if mention.span.end - mention.span.start > last.span.end - last.span.start:
                kept[-1] = mention
            continue
        kept.append(mention)
    return kept
