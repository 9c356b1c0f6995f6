"""The compiled data file (``rolematch_data/data.compiled.json``) is current, and what a process reads
from it is what parsing the shipped YAML gives: the parsing vocabulary and every shipped role, with
its line numbers. An entry made from other text is not used."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources

import pytest

from conftest import ROOT
from rolematch import _data
from rolematch._data import COMPILED_DATA, ParsingVocabulary, compile_parsing_vocabulary, load_yaml_model
from rolematch._match import _roles


def test_the_compiled_data_file_is_current() -> None:
    shipped = json.loads(resources.files("rolematch_data").joinpath(COMPILED_DATA).read_bytes())
    assert shipped == {**compile_parsing_vocabulary(), **_roles.compile_roles()}, (
        "run: python scripts/compile_taxonomy.py"
    )


def test_the_parsing_vocabulary_read_compiled_is_the_yamls() -> None:
    text = _data._read_shipped("parsing.yaml")
    assert _data.compiled_payload("parsing.yaml", text) is not None  # the compiled entry is used
    compiled = load_yaml_model(text, ParsingVocabulary, source="parsing.yaml", shipped="parsing.yaml")
    parsed = load_yaml_model(text, ParsingVocabulary, source="parsing.yaml")
    assert compiled == parsed
    assert compiled.model_dump_json() == parsed.model_dump_json()


def test_every_shipped_role_read_compiled_is_the_yamls() -> None:
    files = _roles._builtin_files()
    assert files
    for shipped in files.values():
        assert _data.compiled_payload(f"roles/{shipped.name}", shipped.text) is not None, shipped.name
        compiled = _roles._parse_shipped(shipped)
        parsed = _roles.parse_role(shipped.text, source=shipped.source)
        assert compiled.spec == parsed.spec, shipped.name  # lines included
        assert (compiled.source, compiled.sha256) == (parsed.source, parsed.sha256)
        assert compiled.spec.model_dump_json() == parsed.spec.model_dump_json()


def test_an_entry_made_from_other_text_is_not_used() -> None:
    text = _data._read_shipped("parsing.yaml")
    assert _data.compiled_payload("parsing.yaml", text + "\n# edited\n") is None
    assert _data.compiled_payload("no-such-file.yaml", text) is None


def test_a_missing_compiled_file_falls_back_to_the_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_data, "COMPILED_DATA", "no-such-file.json")
    _data._compiled_entries.cache_clear()
    try:
        shipped = next(iter(_roles._builtin_files().values()))
        assert _data.compiled_payload(f"roles/{shipped.name}", shipped.text) is None
        role = _roles._parse_shipped(shipped)
        assert role.spec == _roles.parse_role(shipped.text, source=shipped.source).spec
    finally:
        monkeypatch.undo()
        _data._compiled_entries.cache_clear()


def test_only_json_exact_data_is_compiled() -> None:
    import datetime

    with pytest.raises(ValueError):
        _data.compiled_entry("x", {"data": {1: "a number key"}})
    with pytest.raises(ValueError):
        _data.compiled_entry("x", {"data": [datetime.date(2026, 1, 1)]})
    with pytest.raises(ValueError):
        _data.compiled_entry("x", {"data": float("nan")})


def test_a_first_report_does_not_import_pyyaml() -> None:
    code = (
        "import datetime, sys, rolematch\n"
        "rolematch.match('examples/senior-ml-engineer.txt', level='senior', as_of=datetime.date(2026, 11, 21))\n"
        "print('yaml' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
