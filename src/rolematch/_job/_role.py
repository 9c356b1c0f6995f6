"""``role_from_job``: the role behind a parsed posting, one level, scored by the same matcher as role files.

Each skill group of a requirement line becomes one requirement quoting that line (so "Python or
Scala, and SQL" is two: one of Python or Scala, and SQL); each duty naming skills becomes a key
responsibility. What a posting does not say comes from the library role its title belongs to (its
scoring rules, related titles, pay band), else from the default role; the posting's own years,
education and stated pay win.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from .._match import DEFAULT_ROLE, Role, RoleFile, get_role
from .._match._role_schema import EducationExpectation, LevelSpec, RequirementSpec, ResponsibilitySpec
from .._skills import Taxonomy, default_taxonomy
from ..errors import EmptyJobError
from ._model import JobPosting
from ._vocabulary import JobLevel, job_vocabulary

__all__ = ["role_file_yaml", "role_from_job"]

_STOP_WORDS = frozenset({"and", "or", "of", "the", "a", "an", "for", "with", "in", "to", "at", "m/f/d", "f/m/d"})


def _library_level(library: Role, level: JobLevel) -> LevelSpec:
    """The library role's level for a posting's level (lead and principal fall back to senior)."""
    wanted = job_vocabulary().level_fallback.get(level, level)
    ids = library.level_ids
    return library.level(wanted if wanted in ids else ids[-1] if level in ("lead", "principal") else ids[0])


def _title_words(posting: JobPosting, library: Role | None) -> list[str]:
    """Title words whose jobs count in full: the library role's, else the posting title's own words."""
    if library is not None:
        return list(library.spec.relevant_title_words)
    title = re.split(r"\s[-–—|]\s|,|\(", posting.title or "")[0].lower()
    level_words = {w for words in job_vocabulary().level_words.values() for w in words}
    words = [w for w in re.findall(r"[a-z][a-z+#.-]*", title) if w not in _STOP_WORDS and w not in level_words]
    return [" ".join(words)] if words else []


def _requirements(posting: JobPosting, taxonomy: Taxonomy) -> list[dict[str, Any]]:
    weights = job_vocabulary().posting_role
    found = []
    for requirement in posting.requirements:
        for number, group in enumerate(requirement.groups, start=1):
            skills = [s for s in group.skills if s in taxonomy]
            if not skills:
                continue
            found.append(
                {
                    "id": f"{requirement.id}_{number}",
                    "name": " or ".join(group.names) if len(group.names) > 1 else group.names[0],
                    "kind": requirement.kind,
                    "category": "skills",
                    "weight": weights.must_weight if requirement.kind == "must" else weights.nice_weight,
                    "skills": skills,
                    "min_distinct": min(group.needed, len(skills)),
                    "quote": requirement.text,
                    "line": requirement.line,
                }
            )
    return found


def _responsibilities(posting: JobPosting, taxonomy: Taxonomy) -> list[dict[str, Any]]:
    weight = job_vocabulary().posting_role.responsibility_weight
    return [
        {
            "id": f"duty_{number}",
            "name": duty.text if len(duty.text) <= 90 else duty.text[:87].rstrip() + "...",
            "weight": weight,
            "skills": [s for s in duty.skills if s in taxonomy],
            "quote": duty.text,
            "line": duty.line,
        }
        for number, duty in enumerate(posting.responsibilities, start=1)
        if any(s in taxonomy for s in duty.skills)
    ]


def _level(posting: JobPosting, library: Role, taxonomy: Taxonomy, *, matched: bool = True) -> dict[str, Any]:
    """The posting's one level: its requirements, years, education and the library's band."""
    vocabulary = job_vocabulary()
    base = _library_level(library, posting.level)
    requirements = _requirements(posting, taxonomy)
    if not requirements:
        raise EmptyJobError("the posting states no requirement naming a skill rolematch knows: nothing to match")
    responsibilities = _responsibilities(posting, taxonomy)
    years = posting.years
    if years is not None:
        expected: dict[str, Any] = {"min": years.min or 0.0, "max": years.max}
    elif matched:  # what the posting does not say, its library role's level does
        expected = base.expected_years.model_dump(exclude_none=True)
    else:
        default = vocabulary.default_years[posting.level]
        assumption = f"the posting states no years; the default of {posting.level} postings"
        expected = {"min": default.min, "max": default.max, "assumption": assumption}
    weights = dict(base.category_weights or library.spec.scoring.category_weights)
    if not responsibilities:
        weights["responsibilities"] = 0.0
    level: dict[str, Any] = {
        "id": posting.level,
        "name": posting.title or f"{posting.level} job posting",
        "titles": [posting.title or library.spec.name],
        "seniority_words": list(base.seniority_words),
        "expected_years": expected,
        **({"expected_years_quote": years.text} if years else {}),
        "category_weights": weights,
        "requirements": requirements,
        "responsibilities": responsibilities,
    }
    if posting.education is not None:
        education = posting.education
        level["education"] = EducationExpectation(
            level=education.level,
            preferred_level=education.preferred_level,
            fields=[f.lower() for f in education.fields],
            quote=education.text,
        ).model_dump(exclude_none=True, mode="json")
    if base.salary is not None and posting.salary is None:
        level["salary"] = base.salary.model_dump(exclude_none=True)
    else:
        level["salary_note"] = (
            "the posting states its pay"
            if posting.salary is not None
            else f"{library.id} has no band: {base.salary_note}"
        )
    return level


def _library(posting: JobPosting) -> tuple[Role, bool]:
    """The library role the posting's title belongs to, else the default role (and whether it matched)."""
    if posting.family is not None:
        return get_role(posting.family), True
    return get_role(DEFAULT_ROLE), False


def role_data(posting: JobPosting, *, taxonomy: Taxonomy | None = None) -> dict[str, Any]:
    """The role file (as data) behind a posting: what ``role_from_job`` validates and ``--save`` writes."""
    taxonomy = taxonomy or default_taxonomy()
    library, matched = _library(posting)
    spec = library.spec
    name = posting.title or "Job posting"
    where = f" at {posting.company}" if posting.company else ""
    return {
        "id": f"job-{posting.digest[:12]}",
        "name": f"{name}{where}",
        "version": posting.digest[:12],
        "source": {
            "document": f"job posting {name!r}{where} (sha256 {posting.digest[:12]})",
            "salary_source": "the posting" if posting.salary else spec.source.salary_source,
            "caveat": "Requirements as read from the posting by rolematch; "
            + (
                f"scoring rules and pay band from the {library.id} role."
                if matched
                else "scoring rules of the default role; no library role matches the title, so no pay band."
            ),
        },
        "relevant_title_words": _title_words(posting, library if matched else None),
        "related_title_words": list(spec.related_title_words) if matched else [],
        "relevant_min_skills": spec.relevant_min_skills,
        "related_weight": spec.related_weight if matched else 1.0,
        "production_duty_skills": list(spec.production_duty_skills) if matched else [],
        "scoring": spec.scoring.model_dump(mode="json", exclude_none=True),
        "oversight": spec.oversight.model_dump(mode="json"),
        "salary": spec.salary.model_dump(mode="json", exclude_none=True)
        if matched
        else {"currency": "USD", "period": "year"},
        "levels": [_level(posting, library, taxonomy) if matched else _unmatched_level(posting, library, taxonomy)],
    }


def _unmatched_level(posting: JobPosting, library: Role, taxonomy: Taxonomy) -> dict[str, Any]:
    """A level for a posting no library role matches: the default role's rules, no pay band."""
    level = _level(posting, library, taxonomy, matched=False)
    level.pop("salary", None)
    level["salary_note"] = (
        "the posting states its pay"
        if posting.salary
        else "the posting states no pay, and no library role matches its title"
    )
    level["seniority_words"] = []
    return level


def role_from_job(posting: JobPosting, *, taxonomy: Taxonomy | None = None) -> Role:
    """The :class:`~rolematch.Role` behind a parsed posting: one level (the posting's), its requirements
    quoting the posting's lines. Raises :class:`~rolematch.errors.EmptyJobError` when none names a skill."""
    data = role_data(posting, taxonomy=taxonomy)
    lines = {
        (kind, item["id"]): item.pop("line")
        for kind in ("requirements", "responsibilities")
        for item in data["levels"][0][kind]
    }
    spec = RoleFile.model_validate(data)
    level = spec.levels[0]
    level = level.model_copy(
        update={
            "requirements": [
                RequirementSpec.model_validate({**r.model_dump(), "line": lines[("requirements", r.id)]})
                for r in level.requirements
            ],
            "responsibilities": [
                ResponsibilitySpec.model_validate({**r.model_dump(), "line": lines[("responsibilities", r.id)]})
                for r in level.responsibilities
            ],
        }
    )
    spec = spec.model_copy(update={"levels": [level]})
    return Role(spec, source=f"job posting sha256:{posting.digest}", sha256=posting.digest, posting=posting)


def role_file_yaml(posting: JobPosting, *, taxonomy: Taxonomy | None = None) -> str:
    """The posting as a role file a recruiter can edit and load again (``rolematch job --save``)."""
    data = role_data(posting, taxonomy=taxonomy)
    for kind in ("requirements", "responsibilities"):
        for item in data["levels"][0][kind]:
            item.pop("line", None)
    header = (
        f"# Role file made by rolematch from a job posting (sha256 {posting.digest}).\n"
        "# Each requirement quotes the posting's line it comes from; edit freely, then load it with --role.\n"
    )
    return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=110)
