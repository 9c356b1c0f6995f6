"""Loading the shipped data files (``rolematch_data``) with schema validation."""

from __future__ import annotations

import functools
import hashlib
import json
import math
from importlib import resources
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ._gc import gc_paused
from .errors import DataFileError
from .resume import EducationLevel, SectionKind

if TYPE_CHECKING:
    import yaml

__all__ = [
    "COMPILED_DATA",
    "CounterpartCues",
    "DegreeNames",
    "EvidenceCues",
    "ParsingVocabulary",
    "compile_parsing_vocabulary",
    "compiled_entry",
    "compiled_payload",
    "data_version",
    "empty_list",
    "load_yaml_model",
    "parsing_vocabulary",
]

ModelT = TypeVar("ModelT", bound=BaseModel)


# Built when first used (pydantic's defer_build), not at import: a model that a process never
# validates or dumps costs it nothing (start-up time).
_CONFIG = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def empty_list() -> list[Any]:
    """A new empty list: the ``default_factory`` of our models' list fields.

    A Python function, not ``list``: pydantic reads the signature of a field's factory when it builds
    the model, and a builtin's is parsed from its text (~0.1 ms each, ~50 fields in a first report).
    """
    return []


def _yaml_loader() -> type[yaml.SafeLoader]:
    import yaml  # on first use: a first report reads its data from the compiled file (~12 ms of import)

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader is ~10x faster


def load_yaml_model(text: str, model: type[ModelT], *, source: str, shipped: str | None = None) -> ModelT:
    """Parse YAML text and validate it; errors name the file, the field and the problem.

    ``shipped``: the name of the shipped file ``text`` was read from (``parsing.yaml``), whose data
    :data:`COMPILED_DATA` may hold already parsed (see :func:`compiled_payload`).
    """
    payload = compiled_payload(shipped, text) if shipped is not None else None
    if payload is not None:
        value: Any = payload["data"]
    else:
        import yaml

        try:
            value = yaml.load(text, Loader=_yaml_loader())
        except yaml.YAMLError as error:
            raise DataFileError(f"{source}: not valid YAML: {error}") from None
    try:
        return model.model_validate(value)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in item['loc']) or '(top level)'}: {item['msg']}" for item in error.errors()
        )
        raise DataFileError(f"{source}: {problems}") from None


#: ``rolematch_data/data.compiled.json``: the shipped YAML files a first report reads (the parsing
#: vocabulary, the roles), parsed ahead by ``scripts/compile_taxonomy.py``. Importing PyYAML and
#: parsing them took ~25 ms of every fresh process; this is one JSON read. Each entry holds the
#: SHA-256 of the text it was made from and is used only for that very text (an edited file is
#: parsed as YAML); a test checks the file is current.
COMPILED_DATA = "data.compiled.json"


def compiled_entry(text: str, payload: dict[str, Any]) -> dict[str, str]:
    """The entry of :data:`COMPILED_DATA` for a shipped file's ``text``: its hash and ``payload`` as JSON.

    Raises ``ValueError`` when JSON would not give back ``payload`` exactly (a YAML date, a number
    key, a float that is not finite): such a file is not compiled.
    """
    _check_json_exact(payload)
    return {"sha256": _sha256(text), "json": json.dumps(payload, ensure_ascii=False, separators=(",", ":"))}


def compiled_payload(name: str, text: str) -> dict[str, Any] | None:
    """What :func:`compiled_entry` stored for the shipped file ``name`` (``parsing.yaml``,
    ``roles/ml-engineer.yaml``), if it was made from ``text``; None otherwise."""
    entry = _compiled_entries().get(name)
    if entry is None or entry.get("sha256") != _sha256(text):
        return None
    payload = json.loads(entry["json"])
    return payload if isinstance(payload, dict) else None


@functools.cache
def _compiled_entries() -> dict[str, dict[str, str]]:
    try:
        entries = json.loads(resources.files("rolematch_data").joinpath(COMPILED_DATA).read_bytes())
    except (OSError, ValueError):  # absent or unreadable: the YAML files are the source of truth
        return {}
    if not isinstance(entries, dict):
        return {}
    return {
        name: entry
        for name, entry in entries.items()
        if isinstance(entry, dict) and isinstance(entry.get("sha256"), str) and isinstance(entry.get("json"), str)
    }


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _check_json_exact(value: object, where: str = "") -> None:
    """Raise ``ValueError`` unless ``value`` is made of what JSON gives back as it is."""
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise ValueError(f"{where}: a key that is not a string: {key!r}")
            _check_json_exact(item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_json_exact(item, f"{where}[{index}]")
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{where}: a float JSON cannot hold: {value!r}")
    elif value is not None and not isinstance(value, (str, int)):  # bool is an int
        raise ValueError(f"{where}: a {type(value).__name__}, which JSON does not hold: {value!r}")


def _read_shipped(name: str) -> str:
    return resources.files("rolematch_data").joinpath(name).read_text(encoding="utf-8")


class DegreeNames(BaseModel):
    """How one degree level is written."""

    model_config = _CONFIG

    patterns: list[str] = Field(min_length=1)
    case_sensitive: list[str] = Field(default_factory=empty_list)
    # Names that are also ordinary words ("10th", "Intermediate"): degrees only with context.
    contextual: list[str] = Field(default_factory=empty_list)
    contextual_case_sensitive: list[str] = Field(default_factory=empty_list)


class CounterpartCues(BaseModel):
    """How a sentence names someone else: prepositions with their verbs, group nouns, phrase ends."""

    model_config = _CONFIG

    prepositions: dict[str, list[str]] = Field(
        min_length=1, description="Each preposition and the verb stems whose object after it is someone else."
    )
    soft_skill_objects: dict[str, list[str]] = Field(
        default_factory=dict, description="Verb stems whose object after the preposition is someone else when soft."
    )
    group_nouns: list[str] = Field(min_length=1, description="Words for people or a group of them.")
    determiners: list[str] = Field(description="Words a phrase naming someone may open with.")
    phrase_ends: list[str] = Field(description="Words that end a phrase naming someone.")
    handoff_verbs: list[str] = Field(description="Verbs after which 'for X' is the recipient's job.")


class EvidenceCues(BaseModel):
    """Words that say a skill mention is a wish, a course, a hedge, a negation or someone else."""

    model_config = _CONFIG

    headings: dict[Literal["aspiration", "course"], list[str]]
    sentence: dict[Literal["aspiration", "course", "hedged", "negated"], list[str]] = Field(
        description="Phrases that make the mentions after them in their sentence that kind."
    )
    course_words: list[str] = Field(description="Course words that count outside a job's lines only.")
    item: dict[Literal["course", "hedged"], list[str]] = Field(
        description="Words that make their list item that kind, in a note after the mention or as a label."
    )
    before: dict[Literal["hedged"], list[str]] = Field(description="Words right before a mention that hedge it.")
    not_cues: list[str] = Field(description="Phrases that hold a cue and are not one.")
    phrase_breaks: list[str] = Field(description="Words that end the phrase a hedge or a negation covers.")
    teaching_verbs: list[str] = Field(description="Verb stems that make a course one the candidate gave.")
    counterparts: CounterpartCues


class ParsingVocabulary(BaseModel):
    """Schema of ``rolematch_data/parsing.yaml``."""

    model_config = _CONFIG

    version: str
    section_headings: dict[SectionKind, list[str]]
    section_head_words: dict[SectionKind, list[str]] = Field(
        default_factory=dict, description="Last words that name a section's kind in an unlisted heading."
    )
    degrees: dict[EducationLevel, DegreeNames]
    institution_words: list[str]
    education_boards: list[str] = Field(default_factory=empty_list, description="School-leaving exam boards.")
    school_words: list[str] = Field(default_factory=empty_list, description="Phrases naming a secondary school.")
    field_words: list[str] = Field(default_factory=empty_list, description="Words of fields of study.")
    education_details: list[str] = Field(default_factory=empty_list, description="Words opening an education detail.")
    title_words: list[str]
    title_modifiers: list[str]
    organization_words: list[str]
    career_gaps: list[str] = Field(default_factory=empty_list, description="Titles of dated gaps ('Career Break').")
    career_events: dict[str, list[str]] = Field(
        default_factory=dict, description="Verbs of dated career events: 'start' (and changes) and 'end'."
    )
    field_labels: dict[str, list[str]] = Field(
        default_factory=dict, description="Labels of job fields (title, organization, dates) and how they are written."
    )
    region_codes: list[str]
    countries: list[str]
    work_arrangements: list[str]
    regions: list[str] = Field(default_factory=empty_list, description="States and provinces written out in full.")
    cities: list[str] = Field(default_factory=empty_list, description="City names (a name is never a place).")
    place_nouns: list[str] = Field(default_factory=empty_list, description="Nouns that make a phrase a place.")
    document_titles: list[str] = Field(default_factory=empty_list, description="Titles of the document, not names.")
    link_sites: list[str] = Field(default_factory=empty_list, description="Sites whose bare links are links.")
    evidence_cues: EvidenceCues = Field(description="What the words around a skill mention say about the candidate.")


@functools.cache
@gc_paused
def parsing_vocabulary() -> ParsingVocabulary:
    """The shipped parsing vocabulary, loaded and validated once per process."""
    text = _read_shipped("parsing.yaml")
    return load_yaml_model(text, ParsingVocabulary, source="rolematch_data/parsing.yaml", shipped="parsing.yaml")


def compile_parsing_vocabulary() -> dict[str, dict[str, str]]:
    """The entry of the compiled data file (:data:`COMPILED_DATA`) for ``parsing.yaml``."""
    import yaml

    text = _read_shipped("parsing.yaml")
    return {"parsing.yaml": compiled_entry(text, {"data": yaml.load(text, Loader=_yaml_loader())})}


def data_version() -> str:
    """Version of the shipped data files."""
    return parsing_vocabulary().version
