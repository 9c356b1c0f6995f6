"""The skills taxonomy: schema of the data file, loading, merging user files, and lookups."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Iterator, Mapping
from importlib import resources
from importlib.metadata import EntryPoint
from pathlib import Path
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from .._data import empty_list, load_yaml_model
from .._gc import gc_paused
from .._plugins import SKILLS_GROUP, describe, plugin_entry_points, read_plugin_text
from ..errors import DataFileError
from ..resume import SectionKind

__all__ = [
    "CategoryDefinition",
    "CategoryGroup",
    "CompiledTaxonomy",
    "ContextRules",
    "InferenceRule",
    "SkillDefinition",
    "SkillForm",
    "Taxonomy",
    "TaxonomyFile",
    "VerbFormSettings",
    "compile_taxonomy",
    "default_taxonomy",
    "load_taxonomy",
]

SkillId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_]*$", max_length=64)]
Form = Annotated[str, StringConstraints(min_length=1, max_length=80, strip_whitespace=True)]

# Built when first used (pydantic's defer_build), not at import: a model that a process never
# validates or dumps costs it nothing (start-up time).
_STRICT = ConfigDict(extra="forbid", frozen=True, defer_build=True)


CategoryGroup = Literal["technology", "concept", "soft_skill", "spoken_language"]


class CategoryDefinition(BaseModel):
    """A skill category: a label for people and the group matching reasons with."""

    model_config = _STRICT

    label: str = Field(min_length=1)
    group: CategoryGroup
    nouns: list[str] = Field(
        default_factory=empty_list,
        description="Lower-case words that name the category's kind of thing (warehouse, metrics): near an "
        "ambiguous form of one of its skills they show the technical sense.",
    )


class SkillDefinition(BaseModel):
    """One skill of the taxonomy (see the header of ``rolematch_data/skills.yaml``)."""

    model_config = _STRICT

    id: SkillId
    name: Form
    category: str
    aliases: list[Form] = Field(default_factory=empty_list)
    misspellings: list[Form] = Field(default_factory=empty_list)
    short_forms: list[Form] = Field(default_factory=empty_list, description="Matched case-sensitively.")
    ambiguous: list[Form] = Field(default_factory=empty_list, description="Forms that need a technical context.")
    reject_next: list[str] = Field(default_factory=empty_list)
    reject_prev: list[str] = Field(default_factory=empty_list)
    implies: list[SkillId] = Field(default_factory=empty_list)
    context_skills: list[SkillId] = Field(
        default_factory=empty_list,
        description="An ambiguous form needs one of these skills (or a skill implying one) nearby.",
    )
    context_categories: list[str] = Field(
        default_factory=empty_list, description="An ambiguous form needs a skill of one of these categories nearby."
    )
    context_words: list[str] = Field(
        default_factory=empty_list, description="Words that, near an ambiguous form, show it is this skill."
    )

    @property
    def needs_related_context(self) -> bool:
        """Whether an ambiguous form of this skill needs its own ecosystem nearby ("poetry" needs Python),
        not just any technical context (a skills list, a generic cue word)."""
        return bool(self.context_skills or self.context_categories or self.context_words)


class ContextRules(BaseModel):
    """When an ambiguous form (Go, R, Excel, Spark ...) is accepted as a skill."""

    model_config = _STRICT

    window: int = Field(ge=1, le=50)
    cue_window: int = Field(ge=1, le=20)
    cue_words: list[str]
    reject_next: list[str]
    reject_prev: list[str]
    reject_sections: list[SectionKind]
    role_nouns: list[str] = Field(
        default_factory=empty_list, description="Words after a skill that make it a role name."
    )
    unpaired_categories: list[str] = Field(
        default_factory=empty_list,
        description="Categories whose ambiguous names are not accepted for being listed with another name "
        "('Julia and Ruby' are people as often as languages).",
    )


class InferenceRule(BaseModel):
    """Infers a skill from what the resume says someone did, as spaCy ``Matcher`` token patterns."""

    model_config = _STRICT

    skill: SkillId
    because: str = Field(min_length=1, description="Shown as the explanation of every mention the rule finds.")
    confidence: float = Field(gt=0.0, le=1.0)
    patterns: list[list[dict[str, Any]]] = Field(min_length=1)

    def explain(self, words: str) -> str:
        """The explanation of a mention of ``words`` (the matched text) this rule found."""
        return f"inferred: {self.because} ({words!r})"

    def accepts(self, lower: list[str], end: int) -> bool:
        """Whether a match ending before token ``end`` stands (``lower``: the lower-cased tokens).

        Every match of a data file's rule does; derived rules may look at what follows.
        """
        return True


class VerbFormSettings(BaseModel):
    """How verb forms are derived from "<noun> <nominalization>" forms ("hyperparameter tuning" is also
    "tuned the hyperparameters"); see ``rolematch._skills._verb_forms``."""

    model_config = _STRICT

    confidence: float = Field(gt=0.0, le=1.0)
    max_gap: int = Field(ge=0, le=5, description="Words allowed between the verb and the noun.")
    irregular: dict[str, list[str]] = Field(
        default_factory=dict, description="Nominalizations whose verbs the suffix rules get wrong, and their verbs."
    )
    irregular_past: dict[str, list[str]] = Field(
        default_factory=dict,
        description="-ing nominalizations whose verb has an irregular past, and those pasts ('writing': wrote).",
    )
    generic_nouns: list[str] = Field(
        default_factory=empty_list, description="Nouns too common to show a skill after a verb ('cleaned data')."
    )
    function_words: list[str] = Field(
        default_factory=empty_list,
        description="Words that may not stand between the verb and the noun, and may follow a singular noun.",
    )
    gap_words: list[str] = Field(
        default_factory=empty_list,
        description="The only words allowed after a form that is also a noun (tuning, tests), besides numbers.",
    )


class TaxonomyFile(BaseModel):
    """Schema of a skills data file: the shipped ``skills.yaml`` or a user's extension file.

    A user file may leave out everything but ``skills``; its skills replace shipped skills with the
    same id and add the others. ``remove`` drops shipped skills by id.
    """

    model_config = _STRICT

    version: str | None = None
    categories: dict[str, CategoryDefinition] = Field(default_factory=dict)
    context: ContextRules | None = None
    skills: list[SkillDefinition] = Field(default_factory=empty_list)
    inferences: list[InferenceRule] = Field(default_factory=empty_list)
    verb_forms: VerbFormSettings | None = None
    gaps: dict[str, Any] = Field(default_factory=dict, description="YAML anchors the inference rules reuse.")
    remove: list[SkillId] = Field(default_factory=empty_list)


class CompiledTaxonomy(BaseModel):
    """Schema of ``rolematch_data/skills.compiled.json``: the shipped skills file, parsed and tokenised ahead.

    Parsing ``skills.yaml`` takes 0.09 s and tokenising its thousands of forms 0.25 s (spaCy makes
    a lexeme per new word); a fresh process reads this instead when ``source_sha256`` matches the
    shipped YAML (else it parses the YAML) and uses ``form_tokens`` when ``spacy_version`` is the
    installed one (else it tokenises). ``scripts/compile_taxonomy.py`` writes it; a test checks it
    is current.
    """

    model_config = _STRICT

    source_sha256: str
    spacy_version: str
    taxonomy: TaxonomyFile
    form_tokens: dict[str, tuple[str, ...]]


class SkillForm(NamedTuple):
    """One way a skill is written, and how it is to be matched.

    A named tuple, not a dataclass: a taxonomy has ~7,000 of them, built in every process (a
    tuple of strings and booleans is made in C and needs no walk by the garbage collector).
    """

    skill_id: str
    text: str
    kind: str  # "name", "alias", "misspelling" or "short_form"
    case_sensitive: bool
    ambiguous: bool
    #: A spelling derived from a case-sensitive form ("go" from Go, "ORACLE" from Oracle): another
    #: case than the one the taxonomy protects, so it counts only in a list.
    variant: bool = False


def _claimed(owners: dict[str, str], key: str, skill_id: str, text: str, where: str) -> bool:
    """Whether ``key`` is newly ``skill_id``'s in ``owners`` (claimed now): False when it already is,
    a ``DataFileError`` when another skill has it (one form text must name one skill)."""
    other = owners.get(key)
    if other is None:
        owners[key] = skill_id
        return True
    if other == skill_id:
        return False
    raise DataFileError(f"{where}: {text!r} is a form of both {other!r} and {skill_id!r}")


def _norm(text: str) -> str:
    return " ".join(text.lower().split())  # whitespace runs as one space, ends stripped


class Taxonomy:
    """A validated, merged set of skills with fast lookups. Build with :func:`load_taxonomy`."""

    def __init__(
        self,
        *,
        version: str,
        categories: Mapping[str, CategoryDefinition],
        context: ContextRules,
        skills: Iterable[SkillDefinition],
        inferences: Iterable[InferenceRule],
        sources: tuple[str, ...],
        known_tokens: Mapping[str, tuple[str, ...]] | None = None,
        verb_forms: VerbFormSettings | None = None,
    ) -> None:
        self.version = version
        self.categories = dict(categories)
        self.context = context
        #: How verb forms of the skills' forms are derived; None derives none.
        self.verb_forms = verb_forms
        self.skills: dict[str, SkillDefinition] = {skill.id: skill for skill in skills}
        self.inferences = list(inferences)
        self.sources = sources
        self._implied: dict[str, tuple[str, ...]] = {}
        self._check()
        self.forms = self._build_forms()
        self._known_tokens = dict(known_tokens or {})
        self._form_tokens: dict[str, tuple[str, ...]] | None = None

    def form_tokens(self) -> dict[str, tuple[str, ...]]:
        """How spaCy's tokenizer splits the text of every form (computed once; shipped forms come pre-tokenised)."""
        if self._form_tokens is None:
            known = self._known_tokens
            tokens = {f.text: known[f.text] for f in self.forms if f.text in known}
            tokens.update(_tokenize({f.text for f in self.forms if f.text not in known}))
            self._form_tokens = tokens
        return self._form_tokens

    @property
    def label(self) -> str:
        """What a resume records of the taxonomy it was parsed with: its version and its files' names."""
        return f"{self.version} ({' + '.join(Path(source).name for source in self.sources)})"

    def __len__(self) -> int:
        return len(self.skills)

    def __contains__(self, skill_id: object) -> bool:
        return skill_id in self.skills

    def __getitem__(self, skill_id: str) -> SkillDefinition:
        return self.skills[skill_id]

    def category_group(self, category: str) -> CategoryGroup:
        """The group (technology, concept, soft_skill, spoken_language) of a category."""
        return self.categories[category].group

    def implied(self, skill_id: str) -> list[str]:
        """Every skill ``skill_id`` implies, transitively, nearest first, without duplicates."""
        cached = self._implied.get(skill_id)
        if cached is not None:
            return list(cached)
        seen: list[str] = []
        frontier = list(self.skills[skill_id].implies)
        while frontier:
            current = frontier.pop(0)
            if current != skill_id and current not in seen:
                seen.append(current)
                frontier += self.skills[current].implies
        self._implied[skill_id] = tuple(seen)
        return seen

    def _check(self) -> None:
        problems = [problem for skill in self.skills.values() for problem in self._skill_problems(skill)]
        problems += [
            f"inference rule for unknown skill {rule.skill!r}"
            for rule in self.inferences
            if rule.skill not in self.skills
        ]
        if problems:
            raise DataFileError(f"{' + '.join(self.sources)}: " + "; ".join(problems[:10]))

    def _skill_problems(self, skill: SkillDefinition) -> Iterator[str]:
        """What is wrong with one skill: names of unknown skills or categories, context rules without forms."""
        if skill.category not in self.categories:
            yield f"skill {skill.id!r}: unknown category {skill.category!r}"
        for target in skill.implies:
            if target not in self.skills:
                yield f"skill {skill.id!r}: implies unknown skill {target!r}"
        for target in skill.context_skills:
            if target not in self.skills:
                yield f"skill {skill.id!r}: context_skills names unknown skill {target!r}"
        for category in skill.context_categories:
            if category not in self.categories:
                yield f"skill {skill.id!r}: context_categories names unknown category {category!r}"
        if skill.needs_related_context and not skill.ambiguous:
            yield f"skill {skill.id!r}: context rules apply to ambiguous forms, and it lists none"
        if not skill.ambiguous:
            return
        insensitive = {_norm(f) for f in [skill.name, *skill.aliases, *skill.misspellings]}
        for form in skill.ambiguous:
            if form not in skill.short_forms and _norm(form) not in insensitive:
                yield f"skill {skill.id!r}: ambiguous form {form!r} is not one of its forms"

    def _build_forms(self) -> list[SkillForm]:
        # Of each key (a lower-cased form, or the exact text of a case-sensitive one), the skill that owns
        # it: a key met again for the same skill is a duplicate, for another skill an error.
        lower_owner: dict[str, str] = {}
        exact_owner: dict[str, str] = {}
        forms: list[SkillForm] = []
        append, new = forms.append, tuple.__new__  # ~7,000 forms: built in C, not by the named tuple's __new__
        where = " + ".join(self.sources)
        for skill in self.skills.values():
            skill_id, short_forms = skill.id, skill.short_forms
            # Short forms are ambiguous when listed exactly; other forms when listed in any case.
            # A name or alias that is also a short form is matched case-sensitively only.
            ambiguous = {_norm(f) for f in skill.ambiguous}
            for kind, texts in (("name", (skill.name,)), ("alias", skill.aliases), ("misspelling", skill.misspellings)):
                for text in texts:
                    if text in short_forms:
                        continue
                    norm = _norm(text)
                    if not _claimed(lower_owner, norm, skill_id, text, where):
                        continue
                    append(new(SkillForm, (skill_id, text, kind, False, norm in ambiguous, False)))
            for text in short_forms:
                if not _claimed(exact_owner, text, skill_id, text, where):
                    continue
                kind = "name" if text == skill.name else "short_form"
                append(new(SkillForm, (skill_id, text, kind, True, text in skill.ambiguous, False)))
        return forms + self._case_variants(forms, exact_owner)

    @staticmethod
    def _case_variants(forms: list[SkillForm], owner: dict[str, str]) -> list[SkillForm]:
        """Other spellings of case-sensitive forms, matched only in a list (see the extractor).

        "go", "react" in a lower-case tag list (ambiguous forms only); "ORACLE", "WINDOWS" in an
        all-caps skills list such as Indeed's exports. Forms of three letters or fewer ("GO", "RAY",
        "PIG") get no all-caps spelling: they keep their protection against ordinary words written
        in capitals. A spelling that is some skill's own form stays that form (``owner``: the skill
        of each case-sensitive text).
        """
        variants: list[SkillForm] = []
        for form in forms:
            if not form.case_sensitive:
                continue
            spellings = []
            if form.ambiguous and len(form.text) > 1:
                spellings.append(form.text.lower())
            if sum(c.isalpha() for c in form.text) >= 4:
                spellings.append(form.text.upper())
            for spelling in spellings:
                if spelling != form.text and spelling not in owner:
                    owner[spelling] = form.skill_id
                    variants.append(SkillForm(form.skill_id, spelling, form.kind, True, True, variant=True))
        return variants


def _tokenize(texts: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Each text split by the shared pipeline's tokenizer."""
    ordered = sorted(texts)
    if not ordered:
        return {}
    from .._nlp import get_pipeline

    tokenizer: Any = get_pipeline().tokenizer
    return {text: tuple(t.text for t in doc) for text, doc in zip(ordered, tokenizer.pipe(ordered), strict=True)}


_SHIPPED = "rolematch_data/skills.yaml"
_COMPILED = "skills.compiled.json"


def _spacy_version() -> str:
    from spacy.about import __version__

    return str(__version__)


def compile_taxonomy() -> CompiledTaxonomy:
    """The compiled form of the shipped skills file, as ``scripts/compile_taxonomy.py`` writes it."""
    text, source = _read(_SHIPPED)
    data = load_yaml_model(text, TaxonomyFile, source=source)
    return CompiledTaxonomy(
        source_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        spacy_version=_spacy_version(),
        taxonomy=data,
        form_tokens=_tokenize({f.text for f in load_taxonomy().forms}),
    )


def _load_shipped() -> tuple[TaxonomyFile, dict[str, tuple[str, ...]]]:
    """The shipped skills file and its forms' tokens: from the compiled file when it is current."""
    text, source = _read(_SHIPPED)
    try:
        compiled = CompiledTaxonomy.model_validate_json(
            resources.files("rolematch_data").joinpath(_COMPILED).read_bytes()
        )
    except (OSError, ValidationError):
        compiled = None  # absent or unreadable: the YAML is the source of truth
    if compiled is None or compiled.source_sha256 != hashlib.sha256(text.encode("utf-8")).hexdigest():
        return load_yaml_model(text, TaxonomyFile, source=source), {}
    tokens = compiled.form_tokens if compiled.spacy_version == _spacy_version() else {}
    return compiled.taxonomy, tokens


def _read(path: str | Path) -> tuple[str, str]:
    if isinstance(path, Path) or not path.startswith("rolematch_data/"):
        file = Path(path)
        try:
            return file.read_text(encoding="utf-8"), str(file)
        except OSError as error:
            raise DataFileError(f"{file}: cannot read the skills file: {error.strerror or error}") from None
    name = path.removeprefix("rolematch_data/")
    return resources.files("rolematch_data").joinpath(name).read_text(encoding="utf-8"), path


def load_taxonomy(*extra_files: str | Path, include_shipped: bool = True) -> Taxonomy:
    """The shipped taxonomy merged with the user's files, in order; later files win.

    Each extra file follows :class:`TaxonomyFile`: skills with a known id replace it, new ids are
    added, ``remove`` drops ids, ``inferences`` add rules, ``categories`` add categories, ``verb_forms``
    replaces the shipped settings. Raises
    :class:`~rolematch.errors.DataFileError` naming the file and field on any problem.
    """
    files: list[str | Path] = [_SHIPPED] if include_shipped else []
    files += extra_files
    if not files:
        raise DataFileError("no skills file given")
    return _merge([_parse(file) for file in files])


class _Parsed(NamedTuple):
    """One skills file, validated: its data, the name to show for it, and its forms' tokens when known."""

    data: TaxonomyFile
    source: str
    known_tokens: Mapping[str, tuple[str, ...]]


def _parse(file: str | Path) -> _Parsed:
    if file == _SHIPPED:
        data, known_tokens = _load_shipped()
        return _Parsed(data, _SHIPPED, known_tokens)
    text, source = _read(file)
    return _Parsed(load_yaml_model(text, TaxonomyFile, source=source), source, {})


def _merge(files: list[_Parsed]) -> Taxonomy:
    """The taxonomy of ``files`` merged in order (see :func:`load_taxonomy`)."""
    version = ""
    categories: dict[str, CategoryDefinition] = {}
    context: ContextRules | None = None
    verb_forms: VerbFormSettings | None = None
    skills: dict[str, SkillDefinition] = {}
    inferences: list[InferenceRule] = []
    known_tokens: dict[str, tuple[str, ...]] = {}
    for file in files:
        data = file.data
        known_tokens.update(file.known_tokens)  # only the shipped file comes pre-tokenised
        version = "+".join(filter(None, [version, data.version]))
        categories.update(data.categories)
        context = data.context or context
        verb_forms = data.verb_forms or verb_forms
        for skill_id in data.remove:
            skills.pop(skill_id, None)
        inferences = [rule for rule in inferences if rule.skill not in data.remove]
        for skill in data.skills:
            skills[skill.id] = skill
        inferences += data.inferences
    sources = tuple(file.source for file in files)
    if context is None:
        raise DataFileError(f"{' + '.join(sources)}: no `context` rules (the shipped file has them)")
    return Taxonomy(
        version=version or "unversioned",
        categories=categories,
        context=context,
        skills=skills.values(),
        inferences=inferences,
        sources=sources,
        known_tokens=known_tokens,
        verb_forms=verb_forms,
    )


def _plugin_file(point: EntryPoint) -> _Parsed:
    """The skills file a ``rolematch.skills`` entry point gives, validated; errors name the entry point."""
    text, source = read_plugin_text(point, "the skills file")
    try:
        return _Parsed(load_yaml_model(text, TaxonomyFile, source=source), source, {})
    except DataFileError as error:  # the message names the file and field; add the plugin it came with
        raise DataFileError(f"{describe(point)}: {error}") from None


@functools.cache
@gc_paused
def default_taxonomy() -> Taxonomy:
    """The shipped taxonomy merged with the file of every installed ``rolematch.skills`` plugin, in
    entry-point name order; loaded and validated once per process."""
    points = plugin_entry_points(SKILLS_GROUP)
    files = [_parse(_SHIPPED), *(_plugin_file(point) for point in points)]
    try:
        return _merge(files)
    except DataFileError as error:
        if not points:
            raise
        # A clash between files (a form of two skills, an unknown category): say which plugins joined in.
        plugins = ", ".join(describe(point) for point in points)
        raise DataFileError(f"{error} (merging the skills files of {plugins})") from None
