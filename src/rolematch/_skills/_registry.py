"""The registry that runs skill extractors in order and merges what they find, and the default one
(the built-in extractors, then those of installed ``rolematch.extractors`` plugins)."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Iterable, Sequence
from importlib.metadata import EntryPoint
from typing import TYPE_CHECKING

from .._gc import gc_paused
from .._nlp import get_pipeline
from .._plugins import EXTRACTORS_GROUP, call_plugin, describe, load_entry_point, plugin_entry_points
from ..errors import DataFileError, SkillExtractorError
from ..resume import ExperienceEntry, Section, SkillMention
from ._context import ExtractionContext, SkillExtractor
from ._exact import TaxonomySkillExtractor
from ._fuzzy import FuzzySkillExtractor
from ._inferred import InferredSkillExtractor
from ._taxonomy import Taxonomy, default_taxonomy

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["SkillRegistry", "default_registry"]


class SkillRegistry:
    """An ordered set of :class:`SkillExtractor` objects over one taxonomy.

    The default holds, in order, ``taxonomy`` (names, aliases, context rules), ``fuzzy`` and
    ``inference``. Register your own with :meth:`add`; it runs after the built-ins unless placed
    with ``before=``. Build a registry once and reuse it: building compiles the matchers.
    """

    def __init__(self, taxonomy: Taxonomy | None = None, *, extractors: Iterable[SkillExtractor] | None = None) -> None:
        self.taxonomy = taxonomy or default_taxonomy()
        self._extractors: list[SkillExtractor] = []
        if extractors is None:
            extractors = [
                TaxonomySkillExtractor(self.taxonomy),
                FuzzySkillExtractor(self.taxonomy),
                InferredSkillExtractor(self.taxonomy),
            ]
        for extractor in extractors:
            self.add(extractor)

    @property
    def names(self) -> list[str]:
        """Names of the registered extractors, in the order they run."""
        return [e.name for e in self._extractors]

    def add(self, extractor: SkillExtractor, *, before: str | None = None) -> None:
        """Register ``extractor`` (at the end, or before the one named ``before``)."""
        if not isinstance(extractor, SkillExtractor):
            raise TypeError(f"expected a SkillExtractor, got {type(extractor).__name__}")
        if extractor.name in self.names:
            raise ValueError(f"an extractor named {extractor.name!r} is already registered")
        if before is None:
            self._extractors.append(extractor)
        else:
            self._extractors.insert(self.names.index(before), extractor)

    def remove(self, name: str) -> None:
        """Unregister the extractor called ``name``."""
        self._extractors = [e for e in self._extractors if e.name != name]

    @staticmethod
    def tokenize(text: str) -> Doc:
        """The tokens extraction reads: line breaks become spaces (same length, so offsets hold), so
        a phrase wrapped by the layout ("machine\\nlearning" in a narrow PDF column) matches as on one line.
        """
        return get_pipeline().make_doc(text.replace("\n", " "))

    def extract(
        self,
        text: str,
        *,
        sections: Sequence[Section] = (),
        experience: Sequence[ExperienceEntry] = (),
        doc: Doc | None = None,
    ) -> list[SkillMention]:
        """Every skill mention in ``text``, in document order, one per skill and span.

        ``doc`` is ``tokenize(text)`` when the caller already has it (the parser reuses it).
        """
        context = ExtractionContext(
            text=text,
            doc=doc if doc is not None else self.tokenize(text),
            taxonomy=self.taxonomy,
            sections=sections,
            experience=experience,
        )
        found: list[SkillMention] = []
        for extractor in self._extractors:
            for mention in extractor.extract(context, tuple(found)):
                self._check(extractor, mention, text)
                found.append(mention)
        strongest: dict[tuple[str, int, int], SkillMention] = {}
        for mention in found:
            # An employer's name, a category label ("Databases:") or a duration note ("(3 years)") is
            # never a skill, whichever extractor (built-in or the user's) found it there.
            if context.in_organization_name(mention.span.start, mention.span.end) or context.in_label_or_note(
                mention.span.start, mention.span.end
            ):
                continue
            key = (mention.skill_id, mention.span.start, mention.span.end)
            if key not in strongest or mention.strength > strongest[key].strength:
                strongest[key] = mention
        return sorted(strongest.values(), key=lambda m: (m.span.start, m.span.end, m.skill_id))

    def _check(self, extractor: SkillExtractor, mention: SkillMention, text: str) -> None:
        if mention.skill_id not in self.taxonomy:
            raise SkillExtractorError(
                f"extractor {extractor.name!r} returned unknown skill {mention.skill_id!r}; "
                "add it to the taxonomy with a skills file (load_taxonomy)"
            )
        if mention.span.end > len(text) or text[mention.span.start : mention.span.end] != mention.surface:
            raise SkillExtractorError(
                f"extractor {extractor.name!r} returned a span {mention.span.start}-{mention.span.end} "
                f"whose text is not {mention.surface!r}"
            )


@functools.cache
@gc_paused  # its extractors' indexes live as long as the process (see rolematch._gc)
def default_registry() -> SkillRegistry:
    """The registry parsing uses unless given one, built once per process: the built-in extractors over
    :func:`default_taxonomy`, then one extractor for every installed ``rolematch.extractors`` plugin, in
    entry-point name order."""
    registry = SkillRegistry()
    for point in plugin_entry_points(EXTRACTORS_GROUP):
        extractor = _plugin_extractor(point, registry.taxonomy)
        try:
            registry.add(extractor)
        except ValueError as error:  # its name is taken: by a built-in or another plugin
            raise DataFileError(f"{describe(point)}: {error}") from None
    return registry


def _plugin_extractor(point: EntryPoint, taxonomy: Taxonomy) -> SkillExtractor:
    """The extractor a ``rolematch.extractors`` entry point gives; errors name the entry point.

    Its object is a :class:`SkillExtractor` subclass, built with the taxonomy when its constructor
    takes an argument and with none otherwise, or a callable taking the taxonomy and returning an
    extractor.
    """
    target = load_entry_point(point)
    if not callable(target):
        raise DataFileError(
            f"{describe(point)} gave an object of type {type(target).__name__}; it must give a SkillExtractor subclass "
            "or a callable taking the taxonomy and returning a SkillExtractor"
        )
    if isinstance(target, type) and issubclass(target, SkillExtractor) and not _takes_an_argument(target):
        extractor = call_plugin(point, target)
    else:
        extractor = call_plugin(point, target, taxonomy)
    if not isinstance(extractor, SkillExtractor):
        raise DataFileError(
            f"{describe(point)} returned an object of type {type(extractor).__name__}, not a SkillExtractor "
            "(subclass rolematch.SkillExtractor)"
        )
    return extractor


def _takes_an_argument(cls: type[SkillExtractor]) -> bool:
    """Whether ``cls(x)`` binds: the class wants the taxonomy, like the built-in extractors."""
    try:
        inspect.signature(cls).bind(None)
    except TypeError:
        return False
    except ValueError:  # no signature to read (a C-level constructor): pass the taxonomy
        return True
    return True
