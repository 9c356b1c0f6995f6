"""Job postings: ``parse_job`` reads one into a :class:`JobPosting`; ``role_from_job`` makes it a role."""

from ._model import (
    EducationRequired,
    JobDuty,
    JobPosting,
    JobRequirement,
    JobSource,
    SkillGroup,
    StatedSalary,
    YearsRequired,
)
from ._parse import parse_job, parse_job_text
from ._role import role_file_yaml, role_from_job

__all__ = [
    "EducationRequired",
    "JobDuty",
    "JobPosting",
    "JobRequirement",
    "JobSource",
    "SkillGroup",
    "StatedSalary",
    "YearsRequired",
    "parse_job",
    "parse_job_text",
    "role_file_yaml",
    "role_from_job",
]
