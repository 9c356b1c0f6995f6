"""Held-out texts for the speed ratios: resumes with many words no dictionary or taxonomy knows.

The text benchmark's generated resumes are variants of the shipped examples, whose words are
mostly known. Real resumes carry names, employers, places, products and rare terms that no
dictionary holds, and those are what fuzzy matching and the context rules spend time on. This set
mixes three sources, none of them the examples: the hand-written pool (``tests/fixtures/pool``),
the rendered layouts (``tests/fixtures/layouts``, text and Markdown) and the examples' lines with
seeded pseudo-words put in (made-up employers, people, places and tool names of several shapes).
"""

from __future__ import annotations

import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLES = ROOT / "examples"

_ONSETS = ["b", "br", "ch", "d", "dr", "f", "g", "gl", "h", "k", "kr", "l", "m", "n", "p", "pr", "qu", "r", "s",
           "sk", "st", "t", "tr", "v", "w", "z", "x", "th"]  # fmt: skip
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ou", "ei", "y"]
_CODAS = ["", "", "n", "r", "s", "x", "lt", "nd", "rk", "m", "q"]


def _pseudo_word(rng: random.Random) -> str:
    syllables = rng.randint(2, 4)
    return "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(syllables))


def _unknown(rng: random.Random) -> str:
    """A made-up name in one of the shapes resumes hold: a person, an employer, a product, a code."""
    word = _pseudo_word(rng)
    shape = rng.randrange(6)
    if shape == 0:
        return f"{word.capitalize()} {_pseudo_word(rng).capitalize()}"  # a person
    if shape == 1:
        return f"{word.capitalize()} {rng.choice(['Labs', 'GmbH', 'Systems', 'Analytics', 'Pvt Ltd', 'Inc.'])}"
    if shape == 2:
        return word[:3].capitalize() + word[3:].capitalize()  # a CamelCase product
    if shape == 3:
        return f"{word}-{rng.randint(2, 99)}"  # a code name
    if shape == 4:
        return word.upper()[: rng.randint(3, 6)]  # an acronym
    return word


def _salted(text: str, rng: random.Random) -> str:
    """Each line of more than six words (sentences and bullets, not headings or dates) gets two to
    five made-up names in it."""
    lines = []
    for line in text.splitlines():
        words = line.split(" ")
        if len(words) > 6:
            for _ in range(rng.randint(2, 5)):
                words.insert(rng.randint(1, len(words)), _unknown(rng))
        lines.append(" ".join(words))
    return "\n".join(lines) + "\n"


def mixed_texts(salted: int = 30, seed: int = 22) -> list[str]:
    """The held-out set: the pool, the text layouts, and ``salted`` examples with made-up names."""
    found = [p for p in sorted((FIXTURES / "pool").glob("*")) if p.name != "README.md"]
    found += sorted((FIXTURES / "layouts").glob("*"))
    texts = [p.read_text(encoding="utf-8") for p in found if p.suffix in {".txt", ".md"}]
    rng = random.Random(seed)
    examples = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.iterdir()) if p.suffix in {".txt", ".md"}]
    texts += [_salted(examples[n % len(examples)], rng) for n in range(salted)]
    return texts


def unknown_share(texts: list[str]) -> float:
    """The share of alphabetic tokens that are not in spaCy's English stop words nor the taxonomy's forms."""
    import spacy
    from spacy.lang.en.stop_words import STOP_WORDS

    from rolematch._skills import default_registry

    taxonomy = default_registry().taxonomy
    known = {w.lower() for form in taxonomy.forms for w in form.text.split()} | set(STOP_WORDS)
    tokenizer = spacy.blank("en").tokenizer
    words = [t.lower_ for text in texts for t in tokenizer(text) if t.is_alpha]
    return sum(1 for w in words if w not in known) / max(1, len(words))
