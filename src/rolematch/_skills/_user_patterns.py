"""A user's regular expressions for one skill: :class:`PatternSkillExtractor`."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..resume import SkillMention, SkillMethod
from ._context import ExtractionContext, SkillExtractor

__all__ = ["PatternSkillExtractor"]


class PatternSkillExtractor(SkillExtractor):
    """A user's regular expressions for one skill, like presidio's ``PatternRecognizer``.

    >>> PatternSkillExtractor("acme_ml", [r"\\bAcme ?ML\\b"], name="acme")  # doctest: +SKIP
    """

    def __init__(
        self,
        skill_id: str,
        patterns: Sequence[str],
        *,
        name: str | None = None,
        method: SkillMethod = SkillMethod.ALIAS,
        similarity: float = 1.0,
        flags: int = re.IGNORECASE,
    ) -> None:
        self.skill_id = skill_id
        self.name = name or f"pattern:{skill_id}"
        self.method = method
        self.similarity = similarity
        self._patterns = [re.compile(p, flags) for p in patterns]

    def extract(self, context: ExtractionContext, found: Sequence[SkillMention]) -> list[SkillMention]:
        mentions = []
        for pattern in self._patterns:
            for match in pattern.finditer(context.text):
                if match.end() > match.start():
                    mentions.append(
                        context.mention(
                            self.skill_id,
                            match.start(),
                            match.end(),
                            method=self.method,
                            similarity=self.similarity,
                            extractor=self.name,
                            explanation=f"matched the pattern {pattern.pattern!r}",
                        )
                    )
        return mentions
