"""Skills: the shipped taxonomy, the extractors that find skills in a resume, and their registry.

Modules, one concern each: ``_taxonomy`` (the data file and its merging), ``_context`` (the
extension API: ExtractionContext, TokenTable, SkillExtractor), ``_exact`` with ``_ambiguity``
(names and aliases, and the context rules for ambiguous forms), ``_fuzzy`` with ``_nearest``
(near spellings), ``_inferred`` with ``_patterns`` and ``_verb_forms`` (skills inferred by token
patterns, and the verb forms of noun forms: "tuned the hyperparameters"), ``_user_patterns`` (a
user's regular expressions), ``_registry`` (running them in order) and ``_entry_points`` (taxonomy
files and extractors from installed packages).

Part of the parse stage: it reads text, sections and experience entries, and never imports the
match or present stages.
"""

from __future__ import annotations

from ._context import ExtractionContext, SkillExtractor, TokenTable
from ._exact import TaxonomySkillExtractor
from ._fuzzy import FuzzySkillExtractor, fuzzy_key
from ._inferred import InferredSkillExtractor
from ._registry import SkillRegistry, default_registry
from ._taxonomy import (
    CompiledTaxonomy,
    ContextRules,
    InferenceRule,
    SkillDefinition,
    SkillForm,
    Taxonomy,
    TaxonomyFile,
    compile_taxonomy,
    default_taxonomy,
    load_taxonomy,
)
from ._user_patterns import PatternSkillExtractor

__all__ = [
    "CompiledTaxonomy",
    "ContextRules",
    "ExtractionContext",
    "FuzzySkillExtractor",
    "InferenceRule",
    "InferredSkillExtractor",
    "PatternSkillExtractor",
    "SkillDefinition",
    "SkillExtractor",
    "SkillForm",
    "SkillRegistry",
    "Taxonomy",
    "TaxonomyFile",
    "TaxonomySkillExtractor",
    "TokenTable",
    "compile_taxonomy",
    "default_registry",
    "default_taxonomy",
    "fuzzy_key",
    "load_taxonomy",
]
