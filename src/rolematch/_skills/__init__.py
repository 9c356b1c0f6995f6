"""Skills: the shipped taxonomy, the extractors that find skills in a resume, and their registry.

Part of the parse stage: it reads text, sections and experience entries, and never imports the
match or present stages.
"""

from __future__ import annotations

from ._extractors import (
    ExtractionContext,
    FuzzySkillExtractor,
    InferredSkillExtractor,
    PatternSkillExtractor,
    SkillExtractor,
    TaxonomySkillExtractor,
    TokenTable,
    fuzzy_key,
)
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
