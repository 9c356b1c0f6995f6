"""The public surface is deliberate: exactly these names, each documented."""

from __future__ import annotations

import rolematch

EXPECTED = {
    "Bullet", "Contact", "CorruptDocumentError", "DocumentTooLargeError", "EducationEntry",
    "EducationLevel", "EmptyDocumentError", "EncryptedDocumentError", "ExperienceEntry", "Limits",
    "Link", "LinkKind", "NoTextLayerError", "ParseWarning", "ReadError", "Resume", "RolematchError",
    "Section", "SectionKind", "SourceInfo", "SourceNotFoundError", "Span", "UnsupportedFormatError",
    "YearMonth", "__version__", "parse_resume", "parse_text", "Period", "StatedExperience",
    "ExtractionContext", "PatternSkillExtractor", "SkillEvidence", "SkillExtractor", "SkillExtractorError",
    "SkillMention", "SkillMethod", "SkillRegistry", "Taxonomy", "extract_skills", "load_taxonomy", "DataFileError",
    "Assessment", "CategoryScore", "Evidence", "ExperienceFit", "FitReport", "RankedResume", "Recommendation",
    "RequirementResult", "Role", "SalaryExpectation", "SalaryFactor", "list_roles", "load_role", "register_role",
    "fit_report_json_schema", "render_assessment", "render_ranking", "render_report", "UnknownRoleError",
    "assess", "match", "rank", "Isolation", "ParseTimeoutError", "ResourceLimitExceededError",
    "AuditEntry", "AuditLog", "ImpactRow", "ImpactTable", "impact_ratios", "BatchProgress", "BatchSummary",
    "run_batch", "PdfReader", "Source", "RoleFile", "TaxonomyFile", "ServerSettings", "create_app",
    "TaxonomyMismatchError", "EducationRequired", "JobDuty", "JobPosting", "JobRef", "JobRequirement", "JobSource",
    "SkillGroup", "StatedSalary", "YearsRequired", "parse_job", "parse_job_text", "role_from_job", "EmptyJobError",
    "BatchInterrupted", "ClusterError",
}  # fmt: skip


def test_exported_names_are_exactly_the_intended_ones() -> None:
    assert set(rolematch.__all__) == EXPECTED
    for name in rolematch.__all__:
        assert hasattr(rolematch, name)


# Type aliases cannot carry a docstring; each is described in the docs instead.
TYPE_ALIASES = {"Source": "docs/readers.md"}


def test_every_public_name_has_a_docstring() -> None:
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    for name in rolematch.__all__:
        if name in TYPE_ALIASES:
            assert f"rolematch.{name}" in (root / TYPE_ALIASES[name]).read_text(encoding="utf-8"), name
        elif name != "__version__":
            assert getattr(rolematch, name).__doc__, name


def test_every_error_is_a_rolematch_error_with_a_code() -> None:
    from rolematch import errors

    codes = set()
    for name in errors.__all__:
        cls = getattr(errors, name)
        assert issubclass(cls, rolematch.RolematchError)
        codes.add(cls.code)
    assert len(codes) == len(errors.__all__), "codes must be distinct"


def test_package_is_typed_and_data_ships_as_a_package() -> None:
    from importlib import resources

    assert resources.files("rolematch").joinpath("py.typed").is_file()
    assert resources.files("rolematch_data").joinpath("parsing.yaml").is_file()


def test_every_subpackage_ships_in_the_wheel() -> None:
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    # tomllib is Python 3.11+; the project supports 3.10, so read the one line it needs.
    line = re.search(r"^packages = \[(.*)\]$", (root / "pyproject.toml").read_text(), re.M)
    assert line is not None
    listed = set(re.findall(r'"([^"]+)"', line.group(1)))
    inits = (root / "src" / "rolematch").rglob("__init__.py")
    found = {".".join(init.parent.relative_to(root / "src").parts) for init in inits}
    assert found <= listed, sorted(found - listed)


def test_no_public_function_hides_a_module_of_the_same_name() -> None:
    """``rolematch.match`` is the function; no module may sit under a public name (httpx's rule)."""
    import pkgutil

    modules = {info.name for info in pkgutil.iter_modules(rolematch.__path__)}
    assert not modules & set(rolematch.__all__), sorted(modules & set(rolematch.__all__))
    public_modules = {name for name in modules if not name.startswith("_")}
    assert public_modules <= {"errors", "resume"}, sorted(public_modules)


def test_every_rolematch_name_the_docs_mention_resolves() -> None:
    """Each ``rolematch.x.y`` written in the README, docs and shipped data files works by attribute access."""
    import importlib
    import re
    from pathlib import Path

    from rolematch._plugins import EXTRACTORS_GROUP, ROLES_GROUP, SKILLS_GROUP

    root = Path(__file__).resolve().parent.parent
    files = [
        root / "README.md",
        *sorted((root / "docs").glob("*.md")),
        *sorted((root / "rolematch_data").rglob("*.yaml")),
    ]
    mentioned = set()
    for path in files:
        for dotted in re.findall(r"\brolematch(?:\.[A-Za-z_][A-Za-z0-9_]*)+", path.read_text(encoding="utf-8")):
            mentioned.add((dotted.rstrip("."), path.name))
    assert mentioned
    for dotted, source in sorted(mentioned):
        parts = dotted.split(".")
        if parts[-1] in {"md", "yaml", "json", "py", "invalid"}:
            continue  # a file or host name, not an attribute
        if dotted in {ROLES_GROUP, SKILLS_GROUP, EXTRACTORS_GROUP}:
            continue  # an entry-point group name (pyproject.toml), not an attribute
        target: object = importlib.import_module("rolematch")
        for part in parts[1:]:
            assert hasattr(target, part), f"{dotted} (in {source}) does not resolve"
            target = getattr(target, part)
