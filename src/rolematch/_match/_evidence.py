"""Evidence kinds: what the words around a skill mention say about the candidate.

A mention in a job's lines is the candidate's work; the same word in a wish ("eager to grow into
MLOps"), a course ("Udemy: Kubernetes for ML"), a hedge ("familiar with Docker"), a negation ("no
experience with Spark") or a phrase naming someone else ("presented dashboards to clinical
leadership") is not. :class:`EvidenceReader` reads the resume text around a mention's span (its
sentence and list item, its section's heading, its job) and says which kind it is and why;
``_scoring`` weighs it with :func:`weigh_kind`. Cues reach forward only and stop at the end of
their sentence, so a cue in one bullet never touches the next. The cue words are language
knowledge and live in ``rolematch_data/parsing.yaml`` (``evidence_cues``); the weights are below.
Sentences, tokens and cue phrases are :mod:`._sentences`'.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from .._skills import Taxonomy
from ..resume import Resume, Section, SectionKind, SkillMention, SkillMethod
from ._memo import forget_all, memo_of
from ._report import EvidenceKind
from ._role_schema import Scoring
from ._sentences import Headings, Masks, Phrases, Place, Sentence, cues, read_sentence, sentence_starts

__all__ = [
    "Classified",
    "EvidenceKind",
    "EvidenceReader",
    "classify_all",
    "forget_classified",
    "kinds_at",
    "weigh_kind",
    "work_mentions",
]


# The kind a section gives a mention no cue speaks for. Interests are what someone likes to read
# about, not what they did.
_BASE_KINDS: Final[dict[SectionKind, EvidenceKind]] = {
    SectionKind.EXPERIENCE: "work", SectionKind.VOLUNTEER: "work", SectionKind.PROJECTS: "project",
    SectionKind.PUBLICATIONS: "project", SectionKind.SKILLS: "skills_list", SectionKind.LANGUAGES: "skills_list",
    SectionKind.CERTIFICATIONS: "skills_list", SectionKind.EDUCATION: "skills_list", SectionKind.AWARDS: "skills_list",
    SectionKind.COURSEWORK: "course", SectionKind.INTERESTS: "aspiration",
}  # fmt: skip

_NOTE_OPENERS = frozenset({"(", "[", "-", "–", "—", ":"})
_ITEM_SEPARATORS = frozenset({",", ";", "|", "·", "•"})
_LIST_JOINERS = frozenset({",", "/", "&", "(", ")", "-", "–", ":", "and", "or", "nor"})
_GAP_BEFORE = 4  # words a hedge or negation may reach over to its first mention ("no prior hands-on work with")
_GAP_AFTER = 2  # and between the mentions of its list ("Kubernetes clusters or Helm")
_MODIFIERS = 3  # words between a preposition and the mention naming someone ("to the VP of data science")
_NOTE_LENGTH = 12  # tokens of a note after a mention ("(in progress since 2025)")
_ADJECTIVE_ENDINGS = ("al", "ive", "ic", "ary", "ior", "ous", "ful", "ing", "ed")


@dataclass(frozen=True)
class Classified:
    """The evidence kind of one mention and the words that decided it."""

    kind: EvidenceKind
    reason: str


def weigh_kind(found: Classified, strength: float, scoring: Scoring) -> tuple[float, str]:
    """``strength`` times the role's weight for the kind, capped for courses and hedges, and why.

    The weights and caps are the role file's (``scoring.evidence_kinds``, ``evidence_kind_caps``).
    """
    factor = scoring.evidence_kinds.get(found.kind, 1.0)
    weighted = strength * factor
    words = f"kind: {found.kind} x{factor:g} ({found.reason})"
    share = scoring.evidence_kind_caps.get(found.kind) if found.kind in ("course", "hedged") else None
    met_threshold = scoring.met_threshold
    if share is not None:
        cap = round(met_threshold * share, 4)
        if weighted > cap:
            weighted = cap
            words += f", capped at {cap:g} below met {met_threshold:g}"
    return weighted, words


class EvidenceReader:
    """Says what kind of evidence each skill mention of one resume is (sentences found once)."""

    def __init__(self, resume: Resume, taxonomy: Taxonomy) -> None:
        # The text and sections, not the resume: a reader kept in the resume's memo must not keep it alive.
        self._text = resume.text
        self._sections = resume.sections
        self._taxonomy = taxonomy
        self._starts = sentence_starts(resume.text, resume.sections)
        self._skills = resume.skills
        self._masks: Masks | None = None  # made when a sentence that is not plain is first read
        self._sentences: dict[int, Sentence | None] = {}  # None: a plain sentence (``read_sentence``)
        self._headings = Headings(resume.text, resume.sections)
        self._section_starts = [section.span.start for section in resume.sections]
        self._bases: dict[int | None, Classified] = {}

    def _section_at(self, offset: int) -> int | None:
        """The index of ``Resume.section_at`` by bisection (sections are in document order and do not overlap)."""
        index = bisect.bisect_right(self._section_starts, offset) - 1
        return index if index >= 0 and offset < self._sections[index].span.end else None

    def _mentions_text(self) -> Masks:
        if self._masks is None:
            inferred = SkillMethod.INFERRED
            self._masks = Masks([(m.span.start, m.span.end) for m in self._skills if m.method is not inferred])
        return self._masks

    def _bounds(self, index: int) -> tuple[int, int]:
        start = self._starts[index] if self._starts else 0
        end = self._starts[index + 1] if index + 1 < len(self._starts) else len(self._text)
        return start, end

    def _sentence_at(self, offset: int, *, plain: bool = True) -> Sentence | None:
        """The sentence holding ``offset``; None when it is plain (``plain``: may be; else read in full)."""
        index = max(0, bisect.bisect_right(self._starts, offset) - 1)
        if index in self._sentences:
            sentence = self._sentences[index]
        else:
            sentence = self._sentences[index] = read_sentence(self._text, *self._bounds(index), self._mentions_text)
        if sentence is None and not plain:
            sentence = self._sentences[index] = Sentence(self._text, *self._bounds(index), self._mentions_text())
        return sentence

    def classify(self, mention: SkillMention) -> Classified:
        """The evidence kind of ``mention`` and why: the first that applies of negated, counterpart,
        aspiration, course and hedged, else what its section makes it."""
        start = mention.span.start
        index = self._section_at(start)
        section = self._sections[index] if index is not None else None
        if mention.experience_index is not None:
            base = _IN_A_JOB
        else:
            base = self._bases.get(index) or self._bases.setdefault(index, _base(section))  # read once per section
        # A mention is read in the sentence it ends in: an inferred phrase may start on the line before.
        end = mention.span.end
        sentence = self._sentence_at(max(start, end - 1))
        coursework = section is not None and section.kind is SectionKind.COURSEWORK
        if sentence is None:
            last = self._text[end - 1] if start < end else " "
            if not last.isspace() and last != "_":  # a token of the sentence holds it: see ``Sentence.span_of``
                # Plain: no counterpart, hedge or cue phrase can speak, only a heading over it.
                return (
                    _headed(self._headings, "aspiration", index, start)
                    or _headed_course(self._headings, coursework, index, start)
                    or base
                )
            sentence = self._sentence_at(max(start, end - 1), plain=False)
            assert sentence is not None
        tokens = sentence.span_of(start, end)
        if tokens is None:
            return base
        place = Place(
            tokens[0], tokens[1], mention.method is SkillMethod.INFERRED, self._group(mention), base.kind in _DOING
        )
        if not sentence.cued:  # most sentences: only the checks that need no cue phrase
            return (
                _counterpart(sentence, place)
                or _headed(self._headings, "aspiration", index, start)
                or _headed_course(self._headings, coursework, index, start)
                or _hedged_right_before(sentence, place.first)
                or base
            )
        return (
            _negated(sentence, place)
            or _counterpart(sentence, place)
            or _aspiration(sentence, place, self._headings.at("aspiration", index, start))
            or _course(sentence, place, "coursework" if coursework else self._headings.at("course", index, start))
            or _hedged(sentence, place)
            or base
        )

    def _group(self, mention: SkillMention) -> str:
        """The category group of the mention's skill; an unknown category counts as a tool."""
        categories = self._taxonomy.categories
        return categories[mention.category].group if mention.category in categories else "technology"


_DOING: Final = ("work", "project")


def classify_all(resume: Resume, taxonomy: Taxonomy) -> list[Classified]:
    """The evidence kind of every skill mention of ``resume``, in the order of ``resume.skills``.

    Read once per resume and taxonomy: scoring and the years in the role both use it, and it is
    kept (``_memo``) for every level, role or posting the resume is matched against.
    """
    return kinds_at(resume, taxonomy, range(len(resume.skills)))


class _Read:
    """The kinds of one resume's mentions read so far, and the reader that reads more."""

    def __init__(self, resume: Resume, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy  # held, so that its id is never another's while kept
        self.kinds: list[Classified | None] = [None] * len(resume.skills)
        self.missing = len(resume.skills)
        self.reader: EvidenceReader | None = None


def kinds_at(resume: Resume, taxonomy: Taxonomy, positions: Iterable[int]) -> list[Classified]:
    """The evidence kinds of the mentions at ``positions`` of ``resume.skills``.

    Each mention is read once per resume and taxonomy, when a role first needs it: a role reads
    only the mentions that can count for it (``_levels.prepare``), another role the rest. The
    kind of a mention does not depend on which others were read (the reader's sentences and
    headings are only kept to be reused).
    """
    memo = memo_of(resume)
    key = ("kinds", id(taxonomy))
    read: _Read | None = memo.get(key)
    if read is None or read.taxonomy is not taxonomy:
        read = memo[key] = _Read(resume, taxonomy)
    kinds = read.kinds
    found: list[Classified] = []
    for position in positions:
        kind = kinds[position]
        if kind is None:
            if read.reader is None:
                read.reader = EvidenceReader(resume, taxonomy)
            kind = kinds[position] = read.reader.classify(resume.skills[position])
            read.missing -= 1
            if not read.missing:
                read.reader = None  # every mention read: its sentences are not needed again
        found.append(kind)
    return found


def forget_classified() -> None:
    """Forget what was read of every resume (benchmarks time the reading itself)."""
    forget_all()


def work_mentions(resume: Resume, kinds: list[Classified]) -> list[SkillMention]:
    """The mentions in jobs that show the candidate's own work: not a wish, a course, a hedge, a
    negation or someone else written in a job's bullets. What a job "shows" should be these.
    ``kinds`` is :func:`classify_all` of the resume."""
    return [
        m
        for m, found in zip(resume.skills, kinds, strict=True)
        if m.experience_index is not None and found.kind == "work"
    ]


_IN_A_JOB: Final = Classified("work", "in a job's lines")


def _base(section: Section | None) -> Classified:
    """The kind the place of a mention outside a job gives it when no cue says otherwise."""
    kind = _BASE_KINDS.get(section.kind, "summary") if section else "summary"
    name = section.kind.value if section else "other"
    return Classified(kind, f"in the {name} section")


# ---------------------------------------------------------------- negated and hedged


def _reaches(sentence: Sentence, cue_last: int, place: Place) -> bool:
    """Whether a hedge or negation ending at token ``cue_last`` covers the mention.

    It covers the words after it up to a phrase break, a clause after a comma ("..., using
    Kubernetes"), or too many words without a mention: "no experience with Kubernetes, Docker or
    Helm" covers all three, "never missed a deadline while running Spark" does not reach Spark.
    """
    breaks = cues().breaks
    gap, limit = 0, _GAP_BEFORE
    lows, is_word, masked = sentence.lows, sentence.is_word, sentence.masked
    for k in range(cue_last + 1, max(place.first, cue_last + 1)):
        low = lows[k]
        if masked[k]:
            gap, limit = 0, _GAP_AFTER
        elif low in _LIST_JOINERS:
            if k + 1 < sentence.size and low in {",", "and"} and _verb_ish(sentence, k + 1):
                return False
        elif not is_word[k] or low in breaks:
            return False
        else:
            gap += 1
            if gap > limit:
                return False
    return True


def _verb_ish(sentence: Sentence, k: int) -> bool:
    low = sentence.lows[k]
    return sentence.is_word[k] and not sentence.masked[k] and len(low) > 4 and low.endswith(("ing", "ed"))


def _negated(sentence: Sentence, place: Place) -> Classified | None:
    if not sentence.cued:
        return None
    for cue_first, cue_last in sentence.nearest_before(cues().sentence.get("negated"), place):
        following = sentence.lows[cue_last + 1] if cue_last + 1 < sentence.size else None
        if following is not None and (following == "." or following[:1].isdigit()):
            continue  # "No. 1", "no 2 ranking"
        if _reaches(sentence, cue_last, place):
            return Classified("negated", f"cue '{sentence.words(cue_first, cue_last)}' before it")
    return None


def _note_after(sentence: Sentence, last: int, phrases: Phrases | None) -> str | None:
    """A cue in the note that ends the mention's list item: "Python (basic)", "Spark - beginner",
    "AWS Certified Machine Learning (in progress)"."""
    found = sentence.find(phrases)
    if not found:
        return None
    lows, size = sentence.lows, sentence.size
    stops = cues().stops
    opener = last + 1
    while opener < size and sentence.is_word[opener] and opener - last <= _GAP_BEFORE:
        if lows[opener] in stops:
            return None  # prose goes on: "Kubernetes clusters for the team (basic setup)"
        opener += 1  # the rest of the item's name: "AWS Certified Machine Learning (in progress)"
    if opener >= size or lows[opener] not in _NOTE_OPENERS:
        return None
    closer = ")" if lows[opener] == "(" else "]" if lows[opener] == "[" else None
    end = opener + 1
    while end < min(size, opener + _NOTE_LENGTH) and lows[end] != closer:
        if not closer and lows[end] in _ITEM_SEPARATORS:
            break
        end += 1
    for cue_first, cue_last in found[bisect.bisect_left(found, (opener + 1, -1)) :]:
        if cue_first >= end:
            break
        if cue_last < end:
            return sentence.words(cue_first, cue_last)
    return None


def _label(sentence: Sentence, first: int, phrases: Phrases | None) -> str | None:
    """A cue that labels the list the mention is in: "Learning: Rust, Go"."""
    found = sentence.find(phrases)[:1]  # sorted: a label is the first cue
    if not found:
        return None
    opening = 0
    while opening < sentence.size and not sentence.is_word[opening]:
        opening += 1  # a bullet
    cue_first, cue_last = found[0]
    if cue_first == opening and cue_last + 1 < first and sentence.lows[cue_last + 1] == ":":
        return sentence.words(cue_first, cue_last)
    return None


def _hedged_right_before(sentence: Sentence, first: int) -> Classified | None:
    """A hedge word right before the mention ("basic Python"): no cue phrase needed."""
    if first > 0 and not sentence.masked[first - 1] and sentence.lows[first - 1] in cues().before:
        return Classified("hedged", f"cue '{sentence.words(first - 1, first - 1)}' right before it")
    return None


def _hedged(sentence: Sentence, place: Place) -> Classified | None:
    table = cues()
    cued = sentence.cued
    for cue_first, cue_last in sentence.nearest_before(table.sentence.get("hedged"), place) if cued else ():
        if _reaches(sentence, cue_last, place):
            return Classified("hedged", f"cue '{sentence.words(cue_first, cue_last)}' before it")
    first = place.first
    right_before = _hedged_right_before(sentence, first)
    if right_before is not None or not cued:
        return right_before
    item = table.item.get("hedged")
    note = _note_after(sentence, place.last, item)
    if note is not None:
        return Classified("hedged", f"cue '{note}' in its note")
    label = _label(sentence, first, item)
    return Classified("hedged", f"cue '{label}' labels its list") if label is not None else None


# ---------------------------------------------------------------- aspiration and course


def _headed(headings: Headings, kind: EvidenceKind, section: int | None, offset: int) -> Classified | None:
    """The aspiration or course a heading over the mention makes it (as ``_aspiration`` and
    ``_course`` find it in a sentence without cue phrases)."""
    heading = headings.at(kind, section, offset)
    return Classified(kind, f"in the '{heading}' section") if heading is not None else None


def _headed_course(headings: Headings, coursework: bool, section: int | None, offset: int) -> Classified | None:
    if coursework:
        return Classified("course", "in the 'coursework' section")
    return _headed(headings, "course", section, offset)


def _aspiration(sentence: Sentence, place: Place, heading: str | None) -> Classified | None:
    if heading is not None:
        return Classified("aspiration", f"in the '{heading}' section")
    if not sentence.cued:
        return None
    # Any wish earlier in the sentence will do: the earliest is the first to look at.
    cue = next((cue for cue in sentence.find(cues().sentence.get("aspiration"))[:2] if place.after(cue)), None)
    return Classified("aspiration", f"cue '{sentence.words(*cue)}' earlier in the sentence") if cue else None


def _course(sentence: Sentence, place: Place, heading: str | None) -> Classified | None:
    """A course, MOOC or bootcamp taken (anywhere in the sentence: "Kubernetes for ML (Udemy)")."""
    table = cues()
    if heading is not None:
        return Classified("course", f"in the '{heading}' section")
    if not sentence.cued:
        return None
    # "course completion rates" in a job or a project is its subject, not a course taken
    places = sentence.find_all(table.sentence.get("course"), None if place.doing else table.course_words)
    split = bisect.bisect_left(places, (place.first, -1))
    for cue_first, cue_last in [*places[max(0, split - 3) : split][::-1], *places[split : split + 3]]:
        taught = sentence.verb_before(cue_first, table.teaching, clause=True)  # "Designing ML Systems (Udacity)"
        if taught is None and (cue_last < place.first or cue_first > place.last or place.inferred):
            return Classified("course", f"cue '{sentence.words(cue_first, cue_last)}' in the same sentence")
    item = table.item.get("course")
    note = _note_after(sentence, place.last, item) or _label(sentence, place.first, item)
    return Classified("course", f"cue '{note}' next to it") if note is not None else None


# ---------------------------------------------------------------- counterpart


def _modifier(sentence: Sentence, k: int) -> bool:
    """A word that may stand between a preposition and the people it names ("clinical", "senior")."""
    low = sentence.lows[k]
    if sentence.masked[k] or low in cues().determiners or low in cues().groups:
        return True
    return "-" in low or low.endswith(_ADJECTIVE_ENDINGS)


def _preposition_before(sentence: Sentence, first: int, *, strict: bool) -> int | None:
    """The counterpart preposition that opens the phrase holding token ``first``.

    Only determiners and a few other words may stand between (``strict``: adjective-like ones,
    so that "to deploy Kubernetes" is no audience).
    """
    table = cues()
    others = 0
    for k in range(first - 1, -1, -1):
        low = sentence.lows[k]
        if low in {"and", "or", "&", "of"}:
            continue  # "to product and engineering leadership", "to the head of data science"
        if not sentence.is_word[k]:
            return None
        if low in table.verbs and not sentence.masked[k]:
            return k
        if low in table.ends:
            return None
        if low in table.determiners:
            continue
        if strict and not _modifier(sentence, k):
            return None
        others += 1
        if others > _MODIFIERS:
            return None
    return None


def _group_after(sentence: Sentence, last: int) -> str | None:
    """A group noun closing the phrase after the mention ("DevOps team", "ML platform group")."""
    table = cues()
    for k in range(last + 1, min(last + 4, sentence.size)):
        if not sentence.is_word[k] or (sentence.lows[k] in table.ends and not sentence.masked[k]):
            return None
        low = sentence.lows[k].removesuffix("'s")
        if low in table.groups and not sentence.masked[k]:
            return sentence.words(k, k)
    return None


def _phrase_ends_after(sentence: Sentence, last: int) -> bool:
    """Whether the phrase ends within two words of the mention ("to ML leadership.", "to leadership on X")."""
    ends = cues().ends
    for k in range(last + 1, last + 4):
        if k >= sentence.size:
            return True
        low = sentence.lows[k]
        if not sentence.is_word[k] or low in ends or low[:1].isdigit():
            return True
    return False


def _counterpart(sentence: Sentence, place: Place) -> Classified | None:
    """Someone else, not the candidate's skill: an audience, a team, a counterpart, a recipient."""
    table = cues()
    # Without a counterpart preposition there is no audience, group or recipient before the mention.
    if sentence.unmasked.isdisjoint(table.verbs):
        return _done_to_candidate(sentence, place) or _given(sentence, place)
    preposition = _preposition_before(sentence, place.first, strict=False)
    if preposition is not None:
        prep = sentence.lows[preposition]
        group = _group_after(sentence, place.last)
        if group is not None:
            return Classified("counterpart", f"'{prep} ... {group}' names a group, not the candidate")
        if _audience(sentence, place, preposition):
            verb = sentence.verb_before(preposition, (*table.verbs[prep], *table.soft_verbs.get(prep, ())))
            return Classified("counterpart", f"'{verb} ... {prep}' names an audience, not the candidate")
    return _recipients_job(sentence, place.first) or _done_to_candidate(sentence, place) or _given(sentence, place)


def _audience(sentence: Sentence, place: Place, preposition: int) -> bool:
    """Whether the mention ends the object of its verb's preposition: "presented dashboards to
    clinical leadership", "worked with leadership" (a soft skill), never "moved to Kubernetes"."""
    table = cues()
    if place.group == "technology" or _preposition_before(sentence, place.first, strict=True) is None:
        return False
    if not _phrase_ends_after(sentence, place.last):
        return False
    prep = sentence.lows[preposition]
    if sentence.verb_before(preposition, table.verbs[prep]) is not None:
        return True
    return place.group == "soft_skill" and sentence.verb_before(preposition, table.soft_verbs.get(prep, ())) is not None


def _recipients_job(sentence: Sentence, first: int) -> Classified | None:
    """'Handed models to engineering for deployment': the deployment is engineering's."""
    lows = sentence.lows
    for words, k in enumerate(range(first - 1, 0, -1)):
        if not sentence.is_word[k] or words > _GAP_BEFORE:
            return None
        if lows[k] in {"for", "to"} and not sentence.masked[k]:
            recipient = _preposition_before(sentence, k, strict=False)
            if recipient is None or lows[recipient] != "to":
                return None
            verb = sentence.verb_before(recipient, cues().handoff)
            if verb is None:
                return None
            return Classified("counterpart", f"'{verb} ... to ... {lows[k]}' is the recipient's job")
    return None


def _done_to_candidate(sentence: Sentence, place: Place) -> Classified | None:
    """'Mentored by the deep learning group', 'trained by senior engineers': the candidate was
    mentored, did not mentor (an inferred phrase may start with the passive verb)."""
    lows = sentence.lows
    verb = place.first if place.inferred else place.last
    if verb + 2 >= sentence.size or lows[verb + 1] != "by" or not lows[verb].endswith("ed"):
        return None
    if lows[verb + 2] in cues().determiners or _group_after(sentence, verb + 1) is not None:
        return Classified("counterpart", f"'{sentence.words(verb, verb + 1)}' says it was done to the candidate")
    return None


def _given(sentence: Sentence, place: Place) -> Classified | None:
    """'Received mentorship from senior engineers': a soft skill someone else gave the candidate."""
    after = place.last + 1
    if place.group != "soft_skill" or after >= sentence.size or sentence.lows[after] not in {"from", "by"}:
        return None
    verb = sentence.verb_before(place.first, cues().verbs.get("from", ()))
    if verb is None or _group_after(sentence, after) is None:
        return None
    return Classified("counterpart", f"'{verb} ... {sentence.lows[after]}' says someone else gave it")
