"""The one spaCy pipeline of the process: ``spacy.blank("en")`` with a faster tokenizer.

spaCy's tokenizer stops caching for the rest of a document once a chunk hits a special-case rule
(explosion/spaCy#13950, fix in open PR #13951). The English rules include whitespace and the em
dash, which every resume contains, so the stock tokenizer runs 25-30x slower on resumes than it
can. Those rules produce exactly the tokens the tokenizer produces without them (one token for
the character), so we drop them; ``tests/test_nlp.py`` checks that tokens equal the stock
tokenizer's on every example and on generated text.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, ClassVar

from ._gc import gc_paused

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["dropped_special_cases", "get_pipeline"]


def _is_redundant_rule(key: str) -> bool:
    # Whitespace-only keys and a lone em dash tokenise to themselves without a rule.
    return key.isspace() or key == "\u2014"


def dropped_special_cases() -> list[str]:
    """The tokenizer special cases the work-around removes (for tests and docs)."""
    import spacy

    tokenizer: Any = spacy.blank("en").tokenizer
    return sorted(k for k in tokenizer.rules if _is_redundant_rule(k))


@functools.cache
@gc_paused
def get_pipeline() -> Language:
    """The shared pipeline, built on first use and reused for the life of the process."""
    from spacy.lang.en import English

    # English without the redundant rules from the start: assigning `tokenizer.rules` after
    # spacy.blank("en") would build every special case twice (0.1 s of start-up).
    class _Defaults(English.Defaults):  # type: ignore[misc,valid-type]
        tokenizer_exceptions: ClassVar[dict[str, Any]] = {
            key: value for key, value in English.Defaults.tokenizer_exceptions.items() if not _is_redundant_rule(key)
        }

    class _English(English):  # type: ignore[no-untyped-call]
        Defaults = _Defaults

    return _English()
