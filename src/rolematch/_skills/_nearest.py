"""Exact nearest-spelling search: the best ``fuzz.ratio >= cutoff`` choice for each key, without
scoring every choice.

The fuzzy skill extractor compares a few dozen words of a resume with thousands of taxonomy
keys. Scoring all pairs (``process.cdist``) grows with the taxonomy; these indexes only score
the choices that can reach the cutoff, and give the answer a brute-force ``cdist`` over every
choice gives (``tests/test_skills.py`` checks both against it).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from rapidfuzz import fuzz


def allowed_distance(cutoff: float, n: int, m: int) -> int:
    """The largest indel distance two keys of lengths n and m can have and still score ``cutoff``.

    ``ratio = 100 * (1 - distance / (n + m))``, so ``distance <= (1 - cutoff / 100) * (n + m)``.
    """
    # The epsilon: 0.1 * 20 is 1.9999999999999996 in floats.
    return math.floor((1 - cutoff / 100) * (n + m) + 1e-9)


def _score(key: str, choice: str, cutoff: float) -> float:
    # In float32, as cdist returns it, so every path gives the same figures.
    return float(np.float32(fuzz.ratio(key, choice, score_cutoff=cutoff)))


class _NearKeys:
    """Exact ``fuzz.ratio >= cutoff`` search for short keys, through an index of one-character deletions.

    For keys of at most :attr:`max_length` characters every choice within the cutoff is at most
    one insertion or deletion away (``ratio = 2 * common / (len1 + len2)``), so the candidates
    are the key itself, the key's one-character deletions and the choices' one-character
    deletions; rapidfuzz scores just those. Longer keys go to :class:`_SegmentIndex`.
    """

    def __init__(self, choices: Sequence[str], cutoff: float) -> None:
        self.cutoff = cutoff
        self.max_length = self._max_length(cutoff)
        self._exact: dict[str, list[int]] = {}
        self._deleted: dict[str, list[int]] = {}  # a choice with one character removed -> choices
        for index, choice in enumerate(choices):
            if len(choice) > self.max_length + 1:
                continue  # too long to be within one edit of an indexed key
            self._exact.setdefault(choice, []).append(index)
            for cut in range(len(choice)):
                self._deleted.setdefault(choice[:cut] + choice[cut + 1 :], []).append(index)
        self._choices = list(choices)

    @staticmethod
    def _max_length(cutoff: float) -> int:
        """The longest key whose every match within ``cutoff`` is at most one insertion or deletion away.

        Keys of lengths n and m are within the cutoff only if their indel distance is at most
        ``floor((1 - cutoff / 100) * (n + m))``, which is also at least ``|n - m|``.
        """
        length = 0
        while length < 64 and all(
            allowed_distance(cutoff, length + 1, m) <= 1
            for m in range(1, 4 * length + 12)
            if abs(m - length - 1) <= allowed_distance(cutoff, length + 1, m)
        ):
            length += 1
        return length

    def best(self, key: str) -> tuple[float, int] | None:
        """(score, choice index) of the best choice for a short key, lowest index on ties; None if out of range."""
        if len(key) > self.max_length:
            return None
        found: set[int] = set()
        found.update(self._exact.get(key, ()))
        found.update(self._deleted.get(key, ()))
        for cut in range(len(key)):
            found.update(self._exact.get(key[:cut] + key[cut + 1 :], ()))
        best_score, best_index = 0.0, -1
        for index in sorted(found):
            score = _score(key, self._choices[index], self.cutoff)
            if score > best_score:
                best_score, best_index = score, index
        return best_score, best_index


def _segments(length: int, parts: int) -> list[tuple[int, int]]:
    """(start, length) of an even partition of ``length`` characters into ``parts`` pieces, shorter first."""
    short, longer = divmod(length, parts)
    pieces, start = [], 0
    for i in range(parts):
        size = short + (1 if i >= parts - longer else 0)
        pieces.append((start, size))
        start += size
    return pieces


class _SegmentIndex:
    """Exact ``fuzz.ratio >= cutoff`` search for keys of any length, by partition (after Pass-Join,
    Li et al., VLDB 2011, with its multi-match-aware windows).

    A key of length n and a choice of length m within the cutoff are within
    ``tau = allowed_distance(n, m)`` indels, hence within ``tau`` Levenshtein edits. Every choice
    of length m is cut into more than ``tau`` pieces (one more than the largest ``tau`` any key
    length allows it). Among the first ``tau + 1`` pieces there is one, number i, that the edits
    miss, with at most i edits before it and at most ``tau - i`` after it (the edit counts
    before each piece start at 0 and must end above ``i``, stepping down by at most one: where
    they cross, the piece is unedited). So it appears unchanged in the key, shifted by ``s`` with
    ``|s| <= i`` and ``|n - m - s| <= tau - i``. The index maps each piece to its choices; a key
    looks up its substrings at those shifts, and only the choices found are scored. Pieces are
    indexed per choice length on first use.
    """

    def __init__(self, choices: Sequence[str], cutoff: float) -> None:
        self.cutoff = cutoff
        self._choices = list(choices)
        self._by_length: dict[int, list[int]] = {}
        for index, choice in enumerate(self._choices):
            self._by_length.setdefault(len(choice), []).append(index)
        self._pieces: dict[int, tuple[list[tuple[int, int]], dict[tuple[int, str], list[int]]]] = {}
        self._plans: dict[int, tuple[list[int], list[tuple[dict[tuple[int, str], list[int]], int, int, int]]]] = {}

    def _key_lengths_in_reach(self, m: int) -> range:
        """Key lengths that can reach the cutoff against a choice of length ``m``."""
        reach = [n for n in range(1, 4 * m + 12) if abs(n - m) <= allowed_distance(self.cutoff, n, m)]
        return range(min(reach), max(reach) + 1)

    def _pieces_of(self, m: int) -> tuple[list[tuple[int, int]], dict[tuple[int, str], list[int]]]:
        """The partition of choices of length ``m`` and its table (piece number, piece) -> choices."""
        if m not in self._pieces:
            widest = max(allowed_distance(self.cutoff, n, m) for n in self._key_lengths_in_reach(m))
            segments = _segments(m, widest + 1)
            table: dict[tuple[int, str], list[int]] = {}
            for index in self._by_length[m]:
                choice = self._choices[index]
                for number, (start, size) in enumerate(segments):
                    table.setdefault((number, choice[start : start + size]), []).append(index)
            self._pieces[m] = (segments, table)
        return self._pieces[m]

    def _plan(self, n: int) -> tuple[list[int], list[tuple[dict[tuple[int, str], list[int]], int, int, int]]]:
        """For keys of length ``n``: the choices in reach without a lookup, and the lookups
        (table, piece number, position in the key, piece length) that find the rest."""
        if n not in self._plans:
            everything: list[int] = []
            lookups: list[tuple[dict[tuple[int, str], list[int]], int, int, int]] = []
            for m in sorted(self._by_length):
                tau = allowed_distance(self.cutoff, n, m)
                delta = n - m
                if abs(delta) > tau:
                    continue
                segments, table = self._pieces_of(m)
                if any(size == 0 for _, size in segments):  # an empty piece matches anything
                    everything.extend(self._by_length[m])
                    continue
                for number, (start, size) in enumerate(segments[: tau + 1]):
                    low = max(start - number, start + delta - (tau - number), 0)
                    high = min(start + number, start + delta + (tau - number), n - size)
                    lookups.extend((table, number, position, size) for position in range(low, high + 1))
            self._plans[n] = (everything, lookups)
        return self._plans[n]

    def _candidates(self, key: str) -> list[int]:
        """The choices that can reach the cutoff against ``key``, ascending."""
        everything, lookups = self._plan(len(key))
        found = set(everything)
        for table, number, position, size in lookups:
            hits = table.get((number, key[position : position + size]))
            if hits:
                found.update(hits)
        return sorted(found)

    def best_many(self, keys: Sequence[str]) -> list[tuple[float, int]]:
        """(score, choice index) of each key's best choice, lowest index on ties; (0.0, -1) for none."""
        best: list[tuple[float, int]] = [(0.0, -1)] * len(keys)
        for row, key in enumerate(keys):
            for index in self._candidates(key):
                score = _score(key, self._choices[index], self.cutoff)
                if score > best[row][0]:
                    best[row] = (score, index)
        return best


class NearestChoices:
    """The best ``fuzz.ratio >= cutoff`` choice for each key: short keys through the deletion
    index, the rest through the segment index; the same answer as ``cdist`` over every choice."""

    def __init__(self, choices: Sequence[str], cutoff: float) -> None:
        self._short = _NearKeys(choices, cutoff)
        self._long = _SegmentIndex(choices, cutoff)

    def best_many(self, keys: Sequence[str]) -> list[tuple[float, int]]:
        """(score, choice index) of each key's best choice, lowest index on ties; (0.0, -1) for none."""
        best: list[tuple[float, int]] = [(0.0, -1)] * len(keys)
        longer: list[int] = []
        for i, key in enumerate(keys):
            near = self._short.best(key)
            if near is None:
                longer.append(i)
            else:
                best[i] = near
        for i, found in zip(longer, self._long.best_many([keys[i] for i in longer]), strict=True):
            best[i] = found
        return best
