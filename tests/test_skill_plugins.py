"""Taxonomy files and skill extractors contributed by installed packages (``rolematch.skills``,
``rolematch.extractors`` entry points).

Each test builds a tiny distribution in ``tmp_path`` (a package with a taxonomy file and an
extractor class, plus a ``.dist-info`` folder with ``METADATA`` and ``entry_points.txt``) and puts
it on ``sys.path``, so ``importlib.metadata`` finds its entry points just as it would for a
pip-installed package. The default taxonomy and registry are built afresh for the test and
forgotten after it, so other tests see the stock ones.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import rolematch
from rolematch import DataFileError
from rolematch._skills import default_registry, default_taxonomy

# (package name, its module text, its entry points: group -> {name: "module:attribute"})
Install = Callable[[str, str, dict[str, dict[str, str]]], None]

# No form has a dot: the contact parser keeps the taxonomy's dotted names in a cache of its own.
_SKILLS_YAML = """\
version: acme-1
skills:
  - {id: acme_flow, name: AcmeFlow, category: mlops, aliases: [acme flow], implies: [mlops]}
  - {id: acme_codes, name: Acme product codes, category: mlops}
"""

_MODULE = '''\
"""A test plugin: one taxonomy file and one extractor."""

import re
from importlib.resources import files

from rolematch import SkillExtractor, SkillMethod

TAXONOMY_FILE = files(__name__) / "skills.yaml"


def taxonomy_path():
    return str(TAXONOMY_FILE)


class AcmeCodeExtractor(SkillExtractor):
    """Acme's product codes ("AF-123"), which no taxonomy form can match."""

    name = "acme-codes"

    def __init__(self, taxonomy):
        assert "acme_codes" in taxonomy  # built over the taxonomy the plugin files joined

    def extract(self, context, found):
        return [
            context.mention(
                "acme_codes",
                match.start(),
                match.end(),
                method=SkillMethod.ALIAS,
                similarity=1.0,
                extractor=self.name,
                explanation="an Acme product code",
            )
            for match in re.finditer(r"\\bAF-\\d{3}\\b", context.text)
        ]


class NoArgumentExtractor(AcmeCodeExtractor):
    name = "acme-no-argument"

    def __init__(self):
        pass


def make_extractor(taxonomy):
    extractor = NoArgumentExtractor()
    extractor.name = "acme-factory"
    return extractor


NOT_AN_EXTRACTOR = 42


def not_an_extractor_factory(taxonomy):
    return "not an extractor"
'''

_RESUME = """Jane Doe
jane@example.com

Skills
Python, AcmeFlow, Docker

Experience
Data Engineer, Northwind Analytics, 2020 - 2024
- Shipped pipelines tracked under AF-123 and AF-456.
"""

_BUILT_IN = ["taxonomy", "fuzzy", "inference"]


def _clear_default_caches() -> None:
    default_registry.cache_clear()  # before the taxonomy: the registry holds one
    default_taxonomy.cache_clear()


@pytest.fixture
def install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Install]:
    """Installs test distributions on ``sys.path``; the default taxonomy and registry are read afresh,
    and forgotten after the test (``sys.path`` is restored by monkeypatch: the next use sees no plugin)."""
    packages: list[str] = []

    def _install(package: str, module: str, groups: dict[str, dict[str, str]]) -> None:
        root = tmp_path / package  # one sys.path entry per distribution, built whole before it is added
        (root / package).mkdir(parents=True)
        (root / package / "__init__.py").write_text(module, encoding="utf-8")
        (root / package / "skills.yaml").write_text(_SKILLS_YAML, encoding="utf-8")
        info = root / f"{package}-0.1.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: {package.replace('_', '-')}\nVersion: 0.1\n", encoding="utf-8"
        )
        sections = [
            f"[{group}]\n" + "".join(f"{name} = {value}\n" for name, value in points.items())
            for group, points in groups.items()
        ]
        (info / "entry_points.txt").write_text("\n".join(sections), encoding="utf-8")
        monkeypatch.syspath_prepend(str(root))
        packages.append(package)

    _clear_default_caches()
    try:
        yield _install
    finally:
        _clear_default_caches()
        for package in packages:
            sys.modules.pop(package, None)


def test_without_plugins_the_registry_runs_the_built_in_extractors(install: Install) -> None:
    registry = default_registry()
    assert registry.names == _BUILT_IN
    assert registry.taxonomy is default_taxonomy()
    assert default_taxonomy().sources == rolematch.load_taxonomy().sources == ("rolematch_data/skills.yaml",)


def test_a_plugins_taxonomy_file_and_extractor_are_used_by_parsing(install: Install) -> None:
    install(
        "rm_skills_plugin",
        _MODULE,
        {
            "rolematch.skills": {"acme": "rm_skills_plugin:TAXONOMY_FILE"},
            "rolematch.extractors": {"acme-codes": "rm_skills_plugin:AcmeCodeExtractor"},
        },
    )
    assert default_registry().names == [*_BUILT_IN, "acme-codes"]
    taxonomy = default_taxonomy()
    assert "acme_flow" in taxonomy and "python" in taxonomy  # merged after the shipped file
    assert taxonomy.version.endswith("+acme-1")

    resume = rolematch.parse_text(_RESUME)
    by_skill = {m.skill_id: m for m in resume.skills}
    assert by_skill["acme_flow"].surface == "AcmeFlow"
    assert by_skill["acme_flow"].extractor == "taxonomy"
    assert "python" in by_skill  # the shipped skills are still found
    codes = [m for m in resume.skills if m.skill_id == "acme_codes"]
    assert [m.surface for m in codes] == ["AF-123", "AF-456"]
    assert {m.extractor for m in codes} == {"acme-codes"}
    assert all(m.explanation == "an Acme product code" for m in codes)


def test_plugins_may_give_paths_factories_and_argument_free_classes(install: Install) -> None:
    install(
        "rm_skills_kinds",
        _MODULE,
        {
            "rolematch.skills": {"by-path": "rm_skills_kinds:taxonomy_path"},
            "rolematch.extractors": {
                # Run in name order, whatever order the file lists them in.
                "b-factory": "rm_skills_kinds:make_extractor",
                "a-no-argument": "rm_skills_kinds:NoArgumentExtractor",
            },
        },
    )
    assert default_registry().names == [*_BUILT_IN, "acme-no-argument", "acme-factory"]
    assert "acme_flow" in default_taxonomy()
    assert any(m.skill_id == "acme_flow" for m in rolematch.extract_skills("Tools: AcmeFlow, Docker"))


@pytest.mark.parametrize(
    ("group", "value", "build", "message"),
    [
        ("rolematch.skills", "rm_skills_broken:MISSING", default_taxonomy, "failed to load"),
        ("rolematch.extractors", "rm_skills_broken:MISSING", default_registry, "failed to load"),
        ("rolematch.skills", "rm_skills_broken:NOT_AN_EXTRACTOR", default_taxonomy, "gave an object of type int"),
        ("rolematch.extractors", "rm_skills_broken:NOT_AN_EXTRACTOR", default_registry, "gave an object of type int"),
        (
            "rolematch.extractors",
            "rm_skills_broken:not_an_extractor_factory",
            default_registry,
            "returned an object of type str",
        ),
    ],
)
def test_a_broken_plugin_raises_a_data_file_error_naming_its_entry_point(
    install: Install, group: str, value: str, build: Callable[[], object], message: str
) -> None:
    install("rm_skills_broken", _MODULE, {group: {"acme-broken": value}})
    with pytest.raises(DataFileError, match="acme-broken") as raised:
        build()
    assert message in str(raised.value)
    with pytest.raises(DataFileError, match="acme-broken"):
        rolematch.parse_text(_RESUME)


def test_a_plugin_extractor_may_not_take_a_built_in_name(install: Install) -> None:
    module = _MODULE + "\n\nclass Impostor(AcmeCodeExtractor):\n    name = 'fuzzy'\n"
    install(
        "rm_skills_impostor",
        module,
        {
            "rolematch.skills": {"acme": "rm_skills_impostor:TAXONOMY_FILE"},
            "rolematch.extractors": {"impostor": "rm_skills_impostor:Impostor"},
        },
    )
    with pytest.raises(DataFileError, match=r"'impostor'.*already registered"):
        default_registry()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("skils: []\n", "skils: Extra inputs are not permitted"),  # the file's schema
        ("skills:\n  - {id: bad, name: Bad, category: no_such_category}\n", "unknown category 'no_such_category'"),
        ("skills:\n  - {id: other_python, name: Python2, aliases: [Python], category: language}\n", "both"),
    ],
)
def test_an_invalid_plugin_taxonomy_file_names_the_entry_point_and_the_problem(
    install: Install, tmp_path: Path, text: str, message: str
) -> None:
    module = _MODULE + "\n\nBAD_FILE = files(__name__) / 'bad.yaml'\n"
    install("rm_skills_invalid", module, {"rolematch.skills": {"acme-bad": "rm_skills_invalid:BAD_FILE"}})
    (tmp_path / "rm_skills_invalid" / "rm_skills_invalid" / "bad.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match="acme-bad") as raised:
        default_taxonomy()
    assert message in str(raised.value)
