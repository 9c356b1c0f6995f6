"""The context rules that decide whether an ambiguous form (Go, R, Excel, Spark, poetry ...) is a skill.

:class:`AmbiguityRules` asks, in order, a table of small rules about one candidate; the first
rule with an opinion gives the :class:`Verdict` and says why. A veto (``go-to-market``,
``R&D``, ``excel at``, a names-live-here section) refuses it; a skills list, another skill next
to it, a version after it ("Windows 7/8/10"), a word naming its category ("Snowflake warehouse",
"monitoring with Prometheus") or a cue word near it accepts it; such a category word right after it
also lifts a veto of the word before it ("a Snowflake warehouse"). A skill whose
ambiguous forms are common words of one ecosystem ("poetry", "chef", "toad") needs that
ecosystem nearby: its ``context_skills``, ``context_categories`` or ``context_words``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from ..resume import Section
from ._context import ExtractionContext
from ._taxonomy import SkillDefinition, SkillForm, Taxonomy

__all__ = ["AmbiguityRules", "Anchor", "Candidate", "Verdict"]

# Tokens that may stand between two items of one list ("Toad, SQL Developer", "C++ / Go").
_LIST_SEPARATORS = frozenset({",", "/", "|", ";", "&", "and", "or", "(", ")", "•", "·", "-", "+"})
# A version number after a product name: "7/8/10", "XP/7", "11g", "3.x", "v2.1". Not a bare number
# ("Go 2 miles"), a year ("Spring 2021") or years ("Spring 2020/2021").
_YEARS = re.compile(r"(?:19|20)\d\d(?:/(?:19|20)?\d\d)*")
_VERSION = re.compile(
    r"(?i)(?:v?\d+(?:\.(?:\d+|x))+|\d+(?:\.\d+)*[a-z]{1,2}|(?:\d+[a-z]?|xp|vista)(?:/(?:\d+[a-z]?|xp|vista))+)"
)


class Candidate(NamedTuple):
    """A form found in the tokens, from token ``start`` up to (not including) token ``end``."""

    start: int
    end: int
    form: SkillForm


#: An accepted match the context rules read: start and end token, logical line, category, skill id.
Anchor = tuple[int, int, int, str, str]


class Verdict(NamedTuple):
    """What a rule decided about an ambiguous candidate, and why it fired."""

    accepted: bool
    #: Why: the end of a mention's explanation when accepted ("another skill ('Docker') is next to it").
    reason: str


class _Place(NamedTuple):
    """What the rules read about one ambiguous candidate (a named tuple: its class costs less to make
    at import than a dataclass's)."""

    context: ExtractionContext
    candidate: Candidate
    anchors: list[Anchor]
    named: bytearray  # tokens of every skill form found, which may stand between list items
    pairable: bytearray  # tokens of forms of product names that may be listed together (see pairable())
    skill: SkillDefinition
    needs_list: bool  # a spelling that counts only in a list
    restricted: bool  # the skill needs its own ecosystem nearby
    in_list: bool  # on a skills-list line
    unit: int  # logical line
    line: int
    section: Section | None


class _Relation(NamedTuple):
    """How a candidate and one anchor stand to each other."""

    gap: int  # words between them, not counting duration notes
    separated: bool  # only list separators, notes or other names between them, within the window
    same_unit: bool  # on one logical line, or on two adjacent short lines of a one-per-line list


_Rule = Callable[[_Place], Verdict | None]
_NOTHING_TECHNICAL = Verdict(False, "nothing technical is near it")


class AmbiguityRules:
    """Decides whether an ambiguous candidate is a skill where it stands, by the taxonomy's ``context`` rules."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        rules = taxonomy.context
        self._window = rules.window
        self._cue_window = rules.cue_window
        self._cues = frozenset(w.lower() for w in rules.cue_words)
        self._reject_next = frozenset(w.lower() for w in rules.reject_next)
        self._reject_prev = frozenset(w.lower() for w in rules.reject_prev)
        self._reject_sections = frozenset(rules.reject_sections)
        self._role_nouns = frozenset(w.lower() for w in rules.role_nouns)
        self._unpaired = frozenset(rules.unpaired_categories)
        self._category_nouns = {
            name: frozenset(w.lower() for w in category.nouns) for name, category in taxonomy.categories.items()
        }
        # Each skill's own reject words, lower-cased (next, previous), filled as skills are met.
        self._own_rejects: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
        # Whether each skill's forms may pair (see pairable()), filled as skills are met.
        self._skill_pairs: dict[str, bool] = {}
        # Asked in this order once no veto applies; the first with an opinion decides.
        self._rules: tuple[_Rule, ...] = (
            self._in_skills_list,
            self._neighbours,
            self._listed_with_a_name,
            self._version_follows,
            self._category_named,
            self._cue_near,
        )

    def judge(
        self,
        context: ExtractionContext,
        candidate: Candidate,
        anchors: list[Anchor],
        named: bytearray,
        pairable: bytearray | None = None,
    ) -> Verdict:
        """Whether ``candidate`` is a skill here, and why.

        ``anchors`` are the accepted matches so far, in token order; ``named`` marks the tokens of
        every skill form found, which may stand between list items; ``pairable`` those of the forms
        that may accept each other by being listed together (:meth:`pairable`).
        """
        first_char = context.tokens.start[candidate.start]
        section = context.section_at(first_char)
        veto = self._veto(context, candidate, section)
        if veto is not None:
            return veto
        place = self._place(context, candidate, anchors, named, pairable or bytearray(len(named)), section)
        for rule in self._rules:
            verdict = rule(place)
            if verdict is not None:
                return verdict
        return _NOTHING_TECHNICAL

    def pairable(self, candidates: list[Candidate], size: int) -> bytearray:
        """Marks the tokens of candidates that name a product of a technology category other than the
        ``unpaired_categories`` ("Spark", "Snowflake"; not "Julia", "Ruby"): two such names listed together
        accept each other."""
        marks = bytearray(size)
        pairs = self._skill_pairs
        for candidate in candidates:
            skill_id = candidate.form.skill_id
            listed = pairs.get(skill_id)
            if listed is None:
                listed = pairs[skill_id] = self._pairs(self.taxonomy[skill_id].category)
            if listed:
                marks[candidate.start : candidate.end] = b"\x01" * (candidate.end - candidate.start)
        return marks

    def _pairs(self, category: str) -> bool:
        return category not in self._unpaired and self.taxonomy.category_group(category) == "technology"

    def _place(
        self,
        context: ExtractionContext,
        candidate: Candidate,
        anchors: list[Anchor],
        named: bytearray,
        pairable: bytearray,
        section: Section | None,
    ) -> _Place:
        first_char = context.tokens.start[candidate.start]
        skill = self.taxonomy[candidate.form.skill_id]
        line = context.line_of(first_char)
        return _Place(
            context=context,
            candidate=candidate,
            anchors=anchors,
            named=named,
            pairable=pairable,
            skill=skill,
            needs_list=self._needs_list(context, candidate),
            restricted=skill.needs_related_context,
            in_list=context.in_skills_list(first_char),
            unit=context._line_units[line],  # unit_of(first_char), its line known
            line=line,
            section=section,
        )

    # ------------------------------------------------------------------ vetoes

    def _veto(self, context: ExtractionContext, candidate: Candidate, section: Section | None) -> Verdict | None:
        """Refuse: a names-live-here section, or a word right before or after that makes it an ordinary word.

        A word before it does not veto when the word after it names its category: "a Snowflake warehouse"
        is the product, "a snowflake" is not. ``section`` is the section holding the candidate.
        """
        tokens = context.tokens
        skill_id = candidate.form.skill_id
        skill = self.taxonomy[skill_id]
        own = self._own_rejects.get(skill_id)
        if own is None:
            own = self._own_rejects[skill_id] = (
                frozenset(w.lower() for w in skill.reject_next),
                frozenset(w.lower() for w in skill.reject_prev),
            )
        if section is not None and section.kind in self._reject_sections:
            return Verdict(False, f"it is in the {section.kind.value} section, where names live")
        names_category = False
        if candidate.end < len(tokens.text):
            word = tokens.lower[candidate.end]
            attached = not tokens.space_after[candidate.end - 1]
            if _rejects(word, attached, own[0], self._reject_next):
                return Verdict(False, f"{tokens.text[candidate.end]!r} after it makes it an ordinary word")
            names_category = word in self._category_nouns[skill.category]
        if candidate.start > 0:
            word = tokens.lower[candidate.start - 1]
            attached = not tokens.space_after[candidate.start - 1]
            lifted = names_category and word.isalpha()  # not "-" or "&": "R&D", "C-suite" stay vetoed
            if not lifted and _rejects(word, attached, own[1], self._reject_prev):
                return Verdict(False, f"{tokens.text[candidate.start - 1]!r} before it makes it an ordinary word")
        return None

    def _needs_list(self, context: ExtractionContext, candidate: Candidate) -> bool:
        """Spellings that count only in a list: another case than the taxonomy's ("spark", "ORACLE"), and
        forms ending in a role noun ("SQL Developer" is a tool in a list and a job title in prose)."""
        form = candidate.form
        if form.variant or context.tokens.lower[candidate.end - 1] in self._role_nouns:
            return True
        surface = context.text[context.tokens.start[candidate.start] : context.tokens.end[candidate.end - 1]]
        return surface == surface.lower() and form.text != form.text.lower()

    # ------------------------------------------------------------------ the rules, in order

    @staticmethod
    def _in_skills_list(place: _Place) -> Verdict | None:
        """Accept: on a skills-list line, unless the skill needs its own ecosystem nearby."""
        if place.in_list and not place.restricted:
            return Verdict(True, "it is in a skills list")
        return None

    def _neighbours(self, place: _Place) -> Verdict | None:
        """Accept: another skill next to it on the same logical line (a related one, for a restricted skill).

        Refuse: a spelling that counts only in a list ("spark", "SQL Developer") with no list item
        beside it, once no neighbour accepted it.
        """
        candidate = place.candidate
        listed = place.in_list
        restricted = place.restricted
        # Items of a one-per-line list are short lines: on a longer line, only its own logical line counts.
        short_line = place.context._line_words[place.line] <= _LIST_ITEM_WORDS
        for anchor in self._nearby(place):
            start, end = anchor[0], anchor[1]
            if start < candidate.end and candidate.start < end:
                continue  # inside the candidate itself ("SQL" of "SQL Developer")
            if restricted:
                if not place.needs_list and not self._is_related(place.skill, anchor[4], anchor[3]):
                    continue  # not of its ecosystem: accepts nothing, and being listed does not matter
            elif anchor[2] != place.unit and not (short_line and self._adjacent_items(place, anchor)):
                # Not on its logical line nor a neighbouring list item: for an unrestricted skill such an
                # anchor neither accepts it nor makes it listed, whatever lies between them.
                continue
            relation = self._relation(place, anchor)
            verdict = self._judge_anchor(place, anchor, relation)
            if verdict is not None:
                return verdict
            listed = listed or (relation.separated and relation.same_unit)
        if place.needs_list and not listed:
            return Verdict(False, "this spelling counts only in a list, and no list item is beside it")
        return None

    def _listed_with_a_name(self, place: _Place) -> Verdict | None:
        """Accept: a product name listed with another capitalised skill name, both written as the taxonomy
        writes them ("using Spark and Snowflake", "Spark, Snowflake"): two product names in one list read
        as tools, though each alone could be a word."""
        if place.restricted or place.needs_list or not self._pairs(place.skill.category):
            return None
        tokens = place.context.tokens
        for step, edge in ((1, place.candidate.end), (-1, place.candidate.start - 1)):
            other = _across_separator(tokens, edge, step)
            if other is not None and place.pairable[other] and tokens.text[other][:1].isupper():
                return Verdict(True, f"it is listed with another name ({tokens.text[other]!r})")
        return None

    def _version_follows(self, place: _Place) -> Verdict | None:
        """Accept: a version number right after a capitalised product name ("Windows 7/8/10")."""
        if place.restricted:
            return None
        version = _version_after(place.context, place.candidate)
        return Verdict(True, f"a version ({version!r}) follows it") if version else None

    def _category_named(self, place: _Place) -> Verdict | None:
        """Accept: a word naming the skill's category near it ("Snowflake warehouse", "monitoring with Prometheus")."""
        nouns = self._category_nouns[place.skill.category]
        if not nouns:
            return None
        tokens = place.context.tokens
        for i in self._words_near(place):
            if tokens.lower[i] in nouns:
                label = self.taxonomy.categories[place.skill.category].label
                return Verdict(True, f"the word {tokens.text[i]!r} near it names its category ({label})")
        return None

    def _cue_near(self, place: _Place) -> Verdict | None:
        """Accept: a cue word ("programming", "language") near it, or for a restricted skill one of its own words."""
        tokens = place.context.tokens
        words = {w.lower() for w in place.skill.context_words} if place.restricted else self._cues
        for i in self._words_near(place):
            if tokens.lower[i] in words:
                return Verdict(
                    True, f"the {'word' if place.restricted else 'cue word'} {tokens.text[i]!r} is next to it"
                )
        return None

    # ------------------------------------------------------------------ what the rules read

    def _nearby(self, place: _Place) -> list[Anchor]:
        """Anchors that can be near: a few dozen tokens away (word distance <= token distance), or any in
        the section for a restricted skill in a skills list, which looks for its ecosystem anywhere there."""
        if place.restricted and place.in_list:
            return place.anchors
        reach = 4 * self._window + 8
        low = bisect.bisect_left(place.anchors, (place.candidate.start - reach,))
        high = bisect.bisect_right(place.anchors, (place.candidate.end + reach,))
        return place.anchors[low:high]

    @staticmethod
    def _adjacent_items(place: _Place, anchor: Anchor) -> bool:
        """Whether the anchor is on a line next to the candidate's and both are short: one-per-line list items."""
        context = place.context
        return _list_items(context, place.line, context.line_of(context.tokens.start[anchor[0]]))

    def _relation(self, place: _Place, anchor: Anchor) -> _Relation:
        context, candidate = place.context, place.candidate
        tokens = context.tokens
        start, end, anchor_unit = anchor[0], anchor[1], anchor[2]
        before = end <= candidate.start
        gap = context.gap(end - 1, candidate.start) if before else context.gap(candidate.end - 1, start)
        between = range(end, candidate.start) if before else range(candidate.end, start)
        # Only separators, duration notes or other names between them: items of one list
        # ("Toad, SQL Developer", "ORACLE (3 years), JSP", "node.js react go").
        separated = (place.needs_list or place.restricted) and (
            gap <= self._window
            and all(
                tokens.is_space[i] or tokens.text[i] in _LIST_SEPARATORS or place.named[i] or context.in_note(i)
                for i in between
            )
        )
        same_unit = anchor_unit == place.unit or _list_items(context, place.line, context.line_of(tokens.start[start]))
        return _Relation(gap, separated, same_unit)

    def _judge_anchor(self, place: _Place, anchor: Anchor, relation: _Relation) -> Verdict | None:
        """Accept when this anchor is close enough (list items of one list, for a spelling that needs a list)."""
        context = place.context
        tokens = context.tokens
        start, end, _, category, anchor_skill = anchor
        close = relation.same_unit and (relation.separated if place.needs_list else relation.gap <= self._window)
        text = context.text[tokens.start[start] : tokens.end[end - 1]]
        if not place.restricted:
            return Verdict(True, f"another skill ({text!r}) is next to it") if close else None
        if not self._is_related(place.skill, anchor_skill, category):
            return None
        same_list = (
            place.in_list and place.section is not None and context.section_at(tokens.start[start]) is place.section
        )
        return Verdict(True, f"a related skill ({text!r}) is near it") if close or same_list else None

    def _is_related(self, skill: SkillDefinition, anchor_skill: str, anchor_category: str) -> bool:
        """Whether an anchor is of the ecosystem a restricted skill needs (its context skills or categories)."""
        if anchor_category in skill.context_categories:
            return True
        wanted = skill.context_skills
        return anchor_skill in wanted or any(s in wanted for s in self.taxonomy.implied(anchor_skill))

    def _words_near(self, place: _Place) -> Iterator[int]:
        """Tokens within ``cue_window`` words of the candidate on its logical line, outside it."""
        context, candidate = place.context, place.candidate
        tokens = context.tokens
        cue_window = self._cue_window
        low_token = max(0, candidate.start - 2 * cue_window)
        high_token = min(len(tokens.text), candidate.end + 2 * cue_window)
        # The characters of its logical line: cheaper to compare than to ask unit_of for every token.
        low_char, high_char = context.unit_bounds(place.unit)
        for i in range(low_token, high_token):
            if (
                tokens.is_space[i]
                or candidate.start <= i < candidate.end
                or not low_char <= tokens.start[i] < high_char
            ):
                continue
            reference = candidate.start if i < candidate.start else candidate.end - 1
            if context.word_distance(i, reference) <= cue_window:
                yield i


def _rejects(word: str, attached: bool, own: frozenset[str], shared: frozenset[str]) -> bool:
    """Whether ``word`` beside a form makes it an ordinary word: one of the skill's own reject words
    (lower-cased), or a shared one (a hyphen only when attached: ``go-to-market`` but not ``Go - Python``)."""
    return word in own or (word in shared and (attached or word != "-"))


# The most words a line of a one-per-line list holds.
_LIST_ITEM_WORDS = 4
_SEPARATOR_WORDS = frozenset({",", "/", "&", "and", "or", "+"})


def _across_separator(tokens: Any, edge: int, step: int) -> int | None:
    """The token after (``step`` 1) or before (-1) one list separator from ``edge``, spaces skipped; None
    when the next word is not a separator."""
    i = edge
    count = len(tokens.text)
    while 0 <= i < count and tokens.is_space[i]:
        i += step
    if not (0 <= i < count) or tokens.lower[i] not in _SEPARATOR_WORDS:
        return None
    i += step
    while 0 <= i < count and tokens.is_space[i]:
        i += step
    return i if 0 <= i < count else None


def _list_items(context: ExtractionContext, line: int, other: int) -> bool:
    """Two adjacent short lines: items of a one-per-line list."""
    if abs(line - other) != 1:
        return False
    words = context._line_words
    return words[line] <= _LIST_ITEM_WORDS and words[other] <= _LIST_ITEM_WORDS


def _version_after(context: ExtractionContext, candidate: Candidate) -> str:
    """The version number right after a capitalised product name ("Windows 7/8/10", "Oracle 11g/10"), or ""."""
    tokens = context.tokens
    form = candidate.form.text
    if candidate.end >= len(tokens.text) or len(form) < 2 or not form[:1].isupper() or candidate.form.variant:
        return ""
    following = tokens.text[candidate.end]
    if not _VERSION.fullmatch(following) or _YEARS.fullmatch(following):
        return ""
    return following
