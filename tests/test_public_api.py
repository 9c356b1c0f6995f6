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
}  # fmt: skip


def test_exported_names_are_exactly_the_intended_ones() -> None:
    assert set(rolematch.__all__) == EXPECTED
    for name in rolematch.__all__:
        assert hasattr(rolematch, name)


def test_every_public_name_has_a_docstring() -> None:
    for name in rolematch.__all__:
        if name != "__version__":
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
