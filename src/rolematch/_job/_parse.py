"""``parse_job``: a job posting (text, Markdown, HTML, PDF, DOCX or JSON Resume's job schema) into a
:class:`JobPosting`: facts, must-have and nice-to-have requirement groups, duties and stated pay.

read -> parts and items (``_parts``) -> skills per item (the resume skill registry, one pass over
the whole text) -> groups (``_groups``) -> facts (``_facts``) and pay (``_pay``).
"""

from __future__ import annotations

import hashlib
import json
import re
import weakref
from datetime import date
from typing import Any

from .._data import data_version
from .._limits import DEFAULT_LIMITS, Limits
from .._read import Source, read_document, read_source_bytes, read_text
from .._read._sniff import sniff
from .._read._text import decode_text, looks_like_markdown, strip_markdown
from .._skills import SkillRegistry, Taxonomy, default_registry
from .._version import __version__
from ..errors import EmptyDocumentError, EmptyJobError, UnsupportedFormatError
from ..resume import ParseWarning, SkillMention
from ._facts import asks_for_degree, education_required, facts_of, level_of, years_required
from ._family import family_of
from ._groups import skill_groups
from ._model import JobDuty, JobPosting, JobRequirement, JobSource
from ._parts import Item, items_of
from ._pay import find_salary
from ._vocabulary import job_vocabulary

__all__ = ["parse_job", "parse_job_text"]

_JOB_KEYS = {"title", "company", "qualifications", "responsibilities", "description", "skills", "experience"}
_RESUME_KEYS = {"basics", "work", "education", "volunteer", "awards"}


def parse_job(
    source: Source,
    *,
    as_of: date | None = None,
    limits: Limits = DEFAULT_LIMITS,
    skills: SkillRegistry | None = None,
) -> JobPosting:
    """Read and parse a job posting given as a path, bytes or a binary file object.

    The format is sniffed from the content: PDF, DOCX, HTML (visible text only), JSON Resume's job
    schema, Markdown or plain text. Raises :class:`~rolematch.errors.EmptyJobError` when the posting
    states no requirement rolematch recognises, and the reading errors of
    :func:`~rolematch.parse_resume` (``document_too_large``, ``unsupported_format``, ...).
    """
    data = read_source_bytes(source, limits)
    if not data.strip():
        raise EmptyDocumentError("the input is empty")
    kind = sniff(data)
    if kind == "json":
        return _from_json_job(data, as_of=as_of, limits=limits, skills=skills)
    if kind == "text":
        raw, _ = decode_text(data)
        markdown = looks_like_markdown(raw)
        text = read_text(_markdown_headings_kept(raw) if markdown else raw, limits=limits)
        digest = hashlib.sha256(data).hexdigest()
        job_source = JobSource(format="markdown" if markdown else "text", bytes=len(data), sha256=digest)
        return _parse(text, job_source, as_of=as_of, skills=skills, given={})
    document = read_document(data, limits=limits, html=True)
    job_source = JobSource(format=document.format, bytes=document.bytes, sha256=document.sha256)
    return _parse(document.text, job_source, as_of=as_of, skills=skills, given={})


_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_BOLD_LINE = re.compile(r"^\s*(\*\*|__)(?P<text>[^*_]+?)\1\s*(?P<colon>:?)\s*$")


def _markdown_headings_kept(text: str) -> str:
    """Markdown unwrapped line by line as the resume reader does, but with headings kept as ``## text``:
    in a posting, which heading a line sits under decides what it is. A line that is all bold is a heading."""
    lines = []
    for line in text.split("\n"):
        heading = _MD_HEADING.match(line)
        bold = _MD_BOLD_LINE.match(line)
        if heading:
            lines.append(f"{heading.group(1)} {strip_markdown(heading.group(2))}")
        elif bold:
            lines.append(f"## {bold.group('text').strip()}{bold.group('colon')}")
        else:
            lines.append(strip_markdown(line))
    return "\n".join(lines)


def parse_job_text(
    text: str, *, as_of: date | None = None, limits: Limits = DEFAULT_LIMITS, skills: SkillRegistry | None = None
) -> JobPosting:
    """Parse a job posting given as text (``parse_job`` for files and bytes)."""
    if not isinstance(text, str):
        raise TypeError(f"parse_job_text takes a str, not {type(text).__name__}; use parse_job for files and bytes")
    if not text.strip():
        raise EmptyDocumentError("the text is empty")
    encoded = text.encode("utf-8", "surrogatepass")
    job_source = JobSource(format="text", bytes=len(encoded), sha256=hashlib.sha256(encoded).hexdigest())
    return _parse(read_text(text, limits=limits), job_source, as_of=as_of, skills=skills, given={})


def _from_json_job(data: bytes, *, as_of: date | None, limits: Limits, skills: SkillRegistry | None) -> JobPosting:
    """A JSON Resume job: its fields become facts, its lists the text's parts."""
    try:
        value: Any = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UnsupportedFormatError(f"not valid JSON: {error}") from None
    if not isinstance(value, dict) or not (set(value) & _JOB_KEYS) or set(value) & _RESUME_KEYS:
        raise UnsupportedFormatError(
            "JSON that is not a job posting in JSON Resume's job schema (title, company, qualifications, ...)"
        )
    text, given = _json_job_text(value)
    job_source = JobSource(format="json_job", bytes=len(data), sha256=hashlib.sha256(data).hexdigest())
    return _parse(read_text(text, limits=limits), job_source, as_of=as_of, skills=skills, given=given)


def _strings(value: Any) -> list[str]:
    return (
        [str(v).strip() for v in value if isinstance(v, (str, int, float)) and str(v).strip()]
        if isinstance(value, list)
        else []
    )


def _json_job_text(job: dict[str, Any]) -> tuple[str, dict[str, str]]:
    """The text a JSON job reads as, and the facts its fields state."""
    location = job.get("location")
    place = ""
    if isinstance(location, dict):
        place = ", ".join(str(location[k]) for k in ("city", "region", "countryCode") if location.get(k))
    elif isinstance(location, str):
        place = location
    given = {
        key: str(job[field]).strip()
        for key, field in (("title", "title"), ("company", "company"), ("type", "type"), ("remote", "remote"))
        if isinstance(job.get(field), str) and job[field].strip()
    }
    if place:
        given["location"] = place
    if isinstance(job.get("experience"), str):
        given["experience"] = job["experience"]
    lines = [given.get("title", ""), given.get("company", ""), ""]
    if isinstance(job.get("description"), str):
        lines += [job["description"].strip(), ""]
    for heading, field in (("Responsibilities", "responsibilities"), ("Qualifications", "qualifications")):
        items = _strings(job.get(field))
        if items:
            lines += [heading, *[f"- {item}" for item in items], ""]
    skill_lines = []
    skills = job.get("skills")
    for skill in skills if isinstance(skills, list) else []:
        if isinstance(skill, dict):
            keywords = ", ".join(_strings(skill.get("keywords")))
            name = str(skill.get("name") or "").strip()
            skill_lines.append(f"- {name}: {keywords}" if keywords and name else f"- {name or keywords}")
    if skill_lines:
        lines += ["Skills", *skill_lines, ""]
    if job.get("salary") not in (None, ""):
        lines.append(f"Salary: {job['salary']}")
    return "\n".join(lines).strip() + "\n", given


_FORMS: weakref.WeakKeyDictionary[Taxonomy, dict[str, str]] = weakref.WeakKeyDictionary()


def _title_skills(title: str | None, taxonomy: Taxonomy) -> set[str]:
    """Skills the job title names ("Machine Learning" in "Senior Machine Learning Engineer"): the job's
    domain. The extractor reads a title as a title, not as skills, so its words are looked up directly."""
    if not title:
        return set()
    forms = _FORMS.get(taxonomy)
    if forms is None:
        forms = _FORMS[taxonomy] = {
            form.lower(): skill.id for skill in taxonomy.skills.values() for form in (skill.name, *skill.aliases)
        }
    words = re.findall(r"[a-z0-9+#]+", title.lower())
    found = set()
    for size in (3, 2, 1):
        for start in range(len(words) - size + 1):
            skill = forms.get(" ".join(words[start : start + size]))
            if skill is not None:
                found.add(skill)
    return found


def _category(registry: SkillRegistry, skill_id: str) -> str | None:
    return registry.taxonomy[skill_id].category if skill_id in registry.taxonomy else None


def _duty(item: Item, mentions: list[SkillMention], domain: set[str]) -> JobDuty:
    """A responsibility and its skills, without the job's own domain ("ML" in every line of an ML
    engineer's duties says what the job is, not what the duty takes)."""
    skills = [s for s in dict.fromkeys(m.skill_id for m in mentions) if s not in domain]
    return JobDuty(text=item.text, start=item.start, end=item.end, line=item.line, skills=skills)


def _parse(
    text: str, job_source: JobSource, *, as_of: date | None, skills: SkillRegistry | None, given: dict[str, str]
) -> JobPosting:
    registry = skills or default_registry()
    field_categories = set(job_vocabulary().degree_field_categories)
    items = items_of(text)
    mentions = registry.extract(text)
    requirements: list[JobRequirement] = []
    duties: list[JobDuty] = []
    domain = _title_skills(facts_of(text)["title"], registry.taxonomy)
    counts = {"must": 0, "nice": 0}
    for item in items:
        inside = [m for m in mentions if item.start <= m.span.start and m.span.end <= item.end]
        if asks_for_degree(item.text):
            inside = [m for m in inside if _category(registry, m.skill_id) not in field_categories]
        if item.kind == "duty":
            duties.append(_duty(item, inside, domain))
        elif item.kind in ("must", "nice"):
            counts[item.kind] += 1
            requirements.append(
                JobRequirement(
                    id=f"{item.kind}_{counts[item.kind]}",
                    kind=item.kind,
                    text=item.text,
                    start=item.start,
                    end=item.end,
                    line=item.line,
                    heading=item.heading,
                    why=item.why,
                    groups=skill_groups(inside, text[item.start : item.end], item.start, registry.taxonomy),
                )
            )
    if not any(r.groups for r in requirements) and not any(d.skills for d in duties):
        raise EmptyJobError(
            "the posting states no requirement or duty naming a skill rolematch knows; "
            "check it is a job posting, or write its requirements as a list under a 'Requirements' heading"
        )
    facts = facts_of(text)
    for key in ("title", "company", "location"):
        if given.get(key):
            facts[key] = given[key]
    remote = _json_remote(given.get("remote")) or facts["remote"]
    years = years_required(items, text)
    level, level_reasons = level_of(facts["title"], years)
    if given.get("experience"):
        level, level_reasons = _json_level(given["experience"], level, level_reasons)
    family, _ = family_of(facts["title"])
    salary = find_salary(text)
    posting = JobPosting(
        title=facts["title"],
        company=facts["company"],
        location=facts["location"],
        remote=remote,
        employment_type=facts["employment_type"] if not given.get("type") else _json_type(given["type"], facts),
        level=level,
        level_reasons=level_reasons,
        family=family,
        years=years,
        education=education_required(items),
        requirements=requirements,
        responsibilities=duties,
        salary=salary,
        warnings=[],
        text=text,
        source=job_source,
        as_of=as_of or date.today(),
        versions={
            "rolematch": __version__,
            "jobs_vocabulary": job_vocabulary().version,
            "skills_taxonomy": registry.taxonomy.label,
            "parsing_data": data_version(),
        },
    )
    return posting.model_copy(update={"warnings": _warnings(posting)})


def _json_remote(value: str | None) -> Any:
    return {"full": "remote", "hybrid": "hybrid", "none": "onsite"}.get((value or "").strip().lower())


def _json_type(value: str, facts: dict[str, Any]) -> Any:
    from ._facts import _employment

    return _employment(value) or facts["employment_type"]


def _json_level(value: str, level: Any, reasons: list[str]) -> tuple[Any, list[str]]:
    found, _ = level_of(value, None)
    if found != "mid" or "mid" in value.lower():
        return found, [f"the posting's experience field says {value!r}"]
    return level, reasons


def _warnings(posting: JobPosting) -> list[ParseWarning]:
    """What a reader of the posting should check: no title, lines not scored, pay not understood."""
    warnings = []
    if not posting.title:
        warnings.append(ParseWarning(code="no_title", message="no job title was found"))
    read_otherwise = {x.start for x in (posting.education, posting.years) if x is not None}
    unknown = [r for r in posting.requirements if not r.groups and r.start not in read_otherwise]
    if unknown:
        warnings.append(
            ParseWarning(
                code="requirements_without_skills",
                message=f"{len(unknown)} requirement line(s) name no skill rolematch knows and are not scored: "
                + "; ".join(repr(r.text[:60]) for r in unknown[:3]),
            )
        )
    if not posting.must:
        warnings.append(ParseWarning(code="no_must_haves", message="no must-have requirement was found"))
    stated = re.search(r"(?im)^\s*(?:salary|pay|compensation)\s*:\s*(.+)$", posting.text)
    if posting.salary is None and stated:
        warnings.append(
            ParseWarning(
                code="salary_not_understood",
                message=f"the posting states pay rolematch could not read ({stated.group(1).strip()[:40]!r}: "
                "a figure needs a currency and fits a period); no pay is taken from it",
            )
        )
    return warnings
