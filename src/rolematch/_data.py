"""Loading the shipped data files (``rolematch_data``) with schema validation."""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any, Literal, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ._gc import gc_paused
from .errors import DataFileError
from .resume import EducationLevel, SectionKind

__all__ = [
    "CounterpartCues",
    "DegreeNames",
    "EvidenceCues",
    "ParsingVocabulary",
    "data_version",
    "load_yaml_model",
    "parsing_vocabulary",
]

ModelT = TypeVar("ModelT", bound=BaseModel)


# Built when first used (pydantic's defer_build), not at import: a model that a process never
# validates or dumps costs it nothing (start-up time).
_CONFIG = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def _yaml_loader() -> type[yaml.SafeLoader]:
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader is ~10x faster


def load_yaml_model(text: str, model: type[ModelT], *, source: str) -> ModelT:
    """Parse YAML text and validate it; errors name the file, the field and the problem."""
    try:
        value: Any = yaml.load(text, Loader=_yaml_loader())
    except yaml.YAMLError as error:
        raise DataFileError(f"{source}: not valid YAML: {error}") from None
    try:
        return model.model_validate(value)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in item['loc']) or '(top level)'}: {item['msg']}" for item in error.errors()
        )
        raise DataFileError(f"{source}: {problems}") from None


def _read_shipped(name: str) -> str:
    return resources.files("rolematch_data").joinpath(name).read_text(encoding="utf-8")


class DegreeNames(BaseModel):
    """How one degree level is written."""

    model_config = _CONFIG

    patterns: list[str] = Field(min_length=1)
    case_sensitive: list[str] = Field(default_factory=list)
    # Names that are also ordinary words ("10th", "Intermediate"): degrees only with context.
    contextual: list[str] = Field(default_factory=list)
    contextual_case_sensitive: list[str] = Field(default_factory=list)


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
    education_boards: list[str] = Field(default_factory=list, description="School-leaving exam boards.")
    school_words: list[str] = Field(default_factory=list, description="Phrases naming a secondary school.")
    field_words: list[str] = Field(default_factory=list, description="Words of fields of study.")
    education_details: list[str] = Field(default_factory=list, description="Words opening an education detail.")
    title_words: list[str]
    title_modifiers: list[str]
    organization_words: list[str]
    career_gaps: list[str] = Field(default_factory=list, description="Titles of dated gaps ('Career Break').")
    career_events: dict[str, list[str]] = Field(
        default_factory=dict, description="Verbs of dated career events: 'start' (and changes) and 'end'."
    )
    field_labels: dict[str, list[str]] = Field(
        default_factory=dict, description="Labels of job fields (title, organization, dates) and how they are written."
    )
    region_codes: list[str]
    countries: list[str]
    work_arrangements: list[str]
    regions: list[str] = Field(default_factory=list, description="States and provinces written out in full.")
    cities: list[str] = Field(default_factory=list, description="City names (a name is never a place).")
    place_nouns: list[str] = Field(default_factory=list, description="Nouns that make a phrase a place.")
    document_titles: list[str] = Field(default_factory=list, description="Titles of the document, not names.")
    link_sites: list[str] = Field(default_factory=list, description="Sites whose bare links are links.")
    evidence_cues: EvidenceCues = Field(description="What the words around a skill mention say about the candidate.")


@functools.cache
@gc_paused
def parsing_vocabulary() -> ParsingVocabulary:
    """The shipped parsing vocabulary, loaded and validated once per process."""
    return load_yaml_model(_read_shipped("parsing.yaml"), ParsingVocabulary, source="rolematch_data/parsing.yaml")


def data_version() -> str:
    """Version of the shipped data files."""
    return parsing_vocabulary().version
