"""Hypothesis properties of the parser: any text gives a Resume or a RolematchError, spans index it."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES
from rolematch import Resume, RolematchError, parse_resume, parse_text

_SEED_TEXT = (EXAMPLES / "senior-ml-engineer.txt").read_text(encoding="utf-8")
_pieces = st.sampled_from(
    [
        "EXPERIENCE", "Education", "Skills:", "• ", "◦ ", "- ", "\n", "\t", " ", "Jan 2020 – Present", "2014-2018",
        "(07/2013 – 05/2016)", "Engineer", "Acme Inc.", "Seattle, WA", "Bachelor of Science in Physics", "PhD",
        "john@example.com", "+1 (206) 555-0100", "github.com/x", "\ufffe", "\u00ad", "ﬁ", "MA", "Summer 2012",
    ]
)  # fmt: skip


def _check_text(text: str) -> None:
    """parse_text gives a Resume with valid spans, or raises a RolematchError; nothing else."""
    try:
        resume = parse_text(text, as_of=date(2026, 1, 1))
    except RolematchError:
        return
    _check(resume)


def _check(resume: Resume) -> None:
    text = resume.text
    spans = [s.span for s in resume.sections] + [s.body for s in resume.sections]
    spans += [e.span for e in resume.experience] + [b.span for e in resume.experience for b in e.bullets]
    spans += [e.span for e in resume.education] + [link.span for link in resume.contact.links]
    spans += [resume.contact.name_span] if resume.contact.name_span else []
    for span in spans:
        assert 0 <= span.start <= span.end <= len(text)
    for entry in resume.experience:
        for bullet in entry.bullets:
            assert " ".join(text[bullet.span.start : bullet.span.end].split()) == bullet.text
    assert resume.total_experience_years >= 0
    for mention in resume.skills:
        assert 0 <= mention.span.start < mention.span.end <= len(text)
        assert text[mention.span.start : mention.span.end] == mention.surface
        if mention.experience_index is not None:
            entry = resume.experience[mention.experience_index]
            assert entry.span.start <= mention.span.start < entry.span.end


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_arbitrary_text_gives_a_resume_or_a_rolematch_error(text: str) -> None:
    _check_text(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_pieces, max_size=60).map("".join))
def test_resume_like_text_gives_valid_spans(text: str) -> None:
    _check_text(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(_SEED_TEXT)), st.integers(0, 200), st.text(max_size=30))
def test_mutated_real_resume(position: int, cut: int, insert: str) -> None:
    _check_text(_SEED_TEXT[:position] + insert + _SEED_TEXT[position + cut :])


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_arbitrary_bytes_give_a_resume_or_a_rolematch_error(data: bytes) -> None:
    try:
        resume = parse_resume(data, as_of=date(2026, 1, 1))
    except RolematchError:
        return
    _check(resume)


_BINARY_EXAMPLES = [
    (EXAMPLES / name).read_bytes()
    for name in ("junior-ml-engineer.docx", "lead-ml-engineer-two-column.pdf", "junior-ml-engineer.json")
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(_BINARY_EXAMPLES),
    st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), min_size=1, max_size=8),
    st.floats(0, 1),
)
def test_mutated_real_files_give_a_resume_or_a_rolematch_error(data: bytes, flips: list, cut: float) -> None:
    """Byte flips and truncation of real DOCX, PDF and JSON Resume files (a small fuzzer)."""
    mutated = bytearray(data[: max(1, int(len(data) * (0.5 + cut / 2)))])
    for position, value in flips:
        mutated[int(position * (len(mutated) - 1))] = value
    try:
        resume = parse_resume(bytes(mutated), as_of=date(2026, 1, 1))
    except RolematchError:
        return
    _check(resume)
