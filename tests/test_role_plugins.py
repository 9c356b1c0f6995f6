"""Roles contributed by installed packages through the ``rolematch.roles`` entry point group.

Each test builds a tiny distribution in ``tmp_path`` (a package holding role files, plus a
``.dist-info`` folder with ``METADATA`` and ``entry_points.txt``) and puts it on ``sys.path``, so
``importlib.metadata`` finds its entry points just as it would for a pip-installed package.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path

import pytest
import yaml

import rolematch
from conftest import AS_OF, EXAMPLES
from rolematch import DataFileError
from rolematch._match import _roles, get_role

# (package name, its files: relative path -> text, its entry points: name -> "module:attribute")
Install = Callable[[str, dict[str, str], dict[str, str]], None]

_PLUGIN_ID = "ml-engineer-plugin"


def _role_text(role_id: str) -> str:
    """The shipped ML engineer role file with another id: a valid role for the plugin to contribute."""
    shipped = resources.files("rolematch_data").joinpath("roles", "ml-engineer.yaml").read_text(encoding="utf-8")
    text, count = re.subn(r"^id: ml-engineer$", f"id: {role_id}", shipped, flags=re.MULTILINE)
    assert count == 1
    return text


@pytest.fixture
def install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Install]:
    """Installs test distributions on ``sys.path``; the plugin roles are read afresh, and forgotten after."""
    packages: list[str] = []

    def _install(package: str, files: dict[str, str], points: dict[str, str]) -> None:
        root = tmp_path / package  # one sys.path entry per distribution: built whole before it is added
        (root / package).mkdir(parents=True)
        for relative, text in {"__init__.py": "", **files}.items():
            target = root / package / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        # A wheel's folder name escapes "-" to "_": importlib.metadata reads the name up to the first "-".
        info = root / f"{package}-0.1.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: {package.replace('_', '-')}\nVersion: 0.1\n", encoding="utf-8"
        )
        lines = [f"{name} = {value}" for name, value in points.items()]
        (info / "entry_points.txt").write_text("[rolematch.roles]\n" + "\n".join(lines) + "\n", encoding="utf-8")
        monkeypatch.syspath_prepend(str(root))
        packages.append(package)

    monkeypatch.setattr(_roles, "_registry", {})  # roles registered by a test stay in it
    _roles._plugin_roles.cache_clear()
    yield _install
    _roles._plugin_roles.cache_clear()  # sys.path is restored by monkeypatch: later reads see no plugin
    for package in packages:
        sys.modules.pop(package, None)


_FOLDER_INIT = "from importlib.resources import files\n\nROLES = files(__name__) / 'roles'\n"


def test_a_plugin_role_is_listed_and_matches_like_a_shipped_one(install: Install) -> None:
    install(
        "rm_plugin_folder",
        {"roles/extra.yaml": _role_text(_PLUGIN_ID), "__init__.py": _FOLDER_INIT},
        {"extra": "rm_plugin_folder:ROLES"},
    )
    assert _PLUGIN_ID in rolematch.list_roles() and "ml-engineer" in rolematch.list_roles()
    role = get_role(_PLUGIN_ID)
    assert role.source.endswith("extra.yaml") and role.level_ids == ["junior", "mid", "senior"]

    resume = rolematch.parse_resume(EXAMPLES / "mid-ml-engineer.md", as_of=AS_OF)
    report = rolematch.match(resume, role=_PLUGIN_ID, level="mid")
    shipped = rolematch.match(resume, level="mid")
    assert report.role == _PLUGIN_ID and report.versions["role"].startswith(f"{_PLUGIN_ID}@")
    # The same file content under another id: the same score, requirement by requirement.
    assert report.score == shipped.score and report.requirements == shipped.requirements
    assert rolematch.assess(resume, role=_PLUGIN_ID).best_level == rolematch.assess(resume).best_level


def test_a_plugin_may_give_a_path_string_or_a_callable(install: Install) -> None:
    init = (
        "from importlib.resources import files\nfrom pathlib import Path\n\n"
        "PATH = str(Path(__file__).parent / 'one.yml')\n\n\n"
        "def second():\n    return files(__name__) / 'two.json'\n"
    )
    two = json.dumps(yaml.safe_load(_role_text("plugin-two")))
    install(
        "rm_plugin_kinds",
        {"__init__.py": init, "one.yml": _role_text("plugin-one"), "two.json": two},
        {"a-path": "rm_plugin_kinds:PATH", "b-callable": "rm_plugin_kinds:second"},
    )
    assert {"plugin-one", "plugin-two"} <= set(rolematch.list_roles())


def test_registered_roles_still_win_over_plugin_roles(install: Install) -> None:
    install(
        "rm_plugin_registered",
        {"roles/extra.yaml": _role_text(_PLUGIN_ID), "__init__.py": _FOLDER_INIT},
        {"extra": "rm_plugin_registered:ROLES"},
    )
    plugin_role = get_role(_PLUGIN_ID)
    own = rolematch.Role(plugin_role.spec, source="my own copy")
    with pytest.raises(ValueError, match="already registered"):
        rolematch.register_role(own)
    rolematch.register_role(own, replace=True)
    assert get_role(_PLUGIN_ID) is own


def test_a_plugin_role_with_a_shipped_id_is_refused(install: Install) -> None:
    install(
        "rm_plugin_clash",
        {"roles/mine.yaml": _role_text("ml-engineer"), "__init__.py": _FOLDER_INIT},
        {"clash": "rm_plugin_clash:ROLES"},
    )
    with pytest.raises(DataFileError) as caught:
        rolematch.list_roles()
    message = str(caught.value)
    assert "'ml-engineer'" in message and "rolematch_data/roles/ml-engineer.yaml" in message
    assert "mine.yaml" in message and "'clash'" in message
    with pytest.raises(DataFileError):  # every lookup says so, not just the first
        rolematch.match(rolematch.parse_text("Python", as_of=AS_OF), level="mid")


def test_two_plugins_with_the_same_role_id_are_refused(install: Install) -> None:
    for package in ("rm_plugin_first", "rm_plugin_second"):
        install(
            package,
            {"roles/same.yaml": _role_text(_PLUGIN_ID), "__init__.py": _FOLDER_INIT},
            {package.removeprefix("rm_plugin_"): f"{package}:ROLES"},
        )
    with pytest.raises(DataFileError, match=_PLUGIN_ID) as caught:
        get_role(_PLUGIN_ID)
    assert "'first'" in str(caught.value) and "'second'" in str(caught.value)


@pytest.mark.parametrize(
    ("target", "words"),
    [
        ("rm_plugin_no_such_module:ROLES", "failed to load"),
        ("rm_plugin_broken:MISSING", "failed to load"),
        ("rm_plugin_broken:NUMBER", "of type int"),
        ("rm_plugin_broken:failing", "calling it failed: RuntimeError"),
        ("rm_plugin_broken:NOWHERE", "is neither a role file"),
        ("rm_plugin_broken:BAD_ROLE", "levels"),
    ],
)
def test_a_broken_plugin_raises_a_data_file_error_naming_it(install: Install, target: str, words: str) -> None:
    init = (
        "from pathlib import Path\n\nNUMBER = 42\nNOWHERE = Path(__file__).parent / 'absent.yaml'\n"
        "BAD_ROLE = Path(__file__).parent / 'bad.yaml'\n\n\n"
        "def failing():\n    raise RuntimeError('no roles today')\n"
    )
    bad = _role_text("bad-role").replace("levels:", "levelz:", 1)
    install("rm_plugin_broken", {"__init__.py": init, "bad.yaml": bad}, {"broken-roles": target})
    with pytest.raises(DataFileError, match=re.escape(words)) as caught:
        rolematch.list_roles()
    assert "'broken-roles'" in str(caught.value) and target in str(caught.value)
    assert str(caught.value).count("[invalid_data_file]") == 1
