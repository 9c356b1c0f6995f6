"""Exact nearest-spelling search: the best ``fuzz.ratio >= cutoff`` choice for each key, without
scoring every choice.

The fuzzy skill extractor compares a few dozen words of a resume with thousands of taxonomy
keys. Scoring all pairs (``process.cdist``) grows with the taxonomy; these indexes only score
the choices that can reach the cutoff, and give the answer a brute-force ``cdist`` over every
choice gives (``tests/test_skills.py`` checks both against it).
"""

from __future__ import annotations

import math
import operator
from collections.abc import Sequence
from itertools import compress, count, repeat

import numpy as np
from rapidfuzz import fuzz, process


def allowed_distance(cutoff: float, n: int, m: int) -> int:
    """The largest indel distance two keys of lengths n and m can have and still score ``cutoff``.

    ``ratio = 100 * (1 - distance / (n + m))``, so ``distance <= (1 - cutoff / 100) * (n + m)``.
    """
    # The epsilon: 0.1 * 20 is 1.9999999999999996 in floats.
    return math.floor((1 - cutoff / 100) * (n + m) + 1e-9)


def best_by_scoring_all(keys: Sequence[str], choices: Sequence[str], cutoff: float) -> list[tuple[float, int]]:
    """What :meth:`NearestChoices.best_many` answers, found by scoring every key against every choice
    in one ``process.cdist`` call: (score, choice index) of each key's best choice, lowest index on
    ties (``argmax`` takes the first), (0.0, -1) for none.

    ~60 microseconds a key against the shipped taxonomy's ~6,000 choices, where building the indexes
    takes ~25 ms: a process that asks about a few hundred keys (one report) is done sooner this way.
    """
    if not keys:
        return []
    scores = process.cdist(keys, choices, scorer=fuzz.ratio, score_cutoff=cutoff, dtype=np.float32)
    columns = np.argmax(scores, axis=1).tolist()
    return [
        (float(scores[row, column]), column) if scores[row, column] > 0 else (0.0, -1)
        for row, column in enumerate(columns)
    ]


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
        exact: dict[str, list[int]] = {}
        deleted: dict[str, list[int]] = {}  # a choice with one character removed -> choices
        for index, choice in enumerate(choices):
            if len(choice) > self.max_length + 1:
                continue  # too long to be within one edit of an indexed key
            exact.setdefault(choice, []).append(index)
            for cut in range(len(choice)):
                deleted.setdefault(choice[:cut] + choice[cut + 1 :], []).append(index)
        # Tuples, not lists: the cyclic GC stops walking them, and the tables live as long as the process.
        self._exact = {key: tuple(found) for key, found in exact.items()}
        self._deleted = {key: tuple(found) for key, found in deleted.items()}
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

    def candidates(self, key: str) -> set[int]:
        """The choices within one insertion or deletion of a key of at most :attr:`max_length` characters."""
        exact = self._exact
        found = set(exact.get(key, ()))
        found.update(self._deleted.get(key, ()))
        for cut in range(len(key)):
            hits = exact.get(key[:cut] + key[cut + 1 :])
            if hits:
                found.update(hits)
        return found

    def best(self, key: str) -> tuple[float, int] | None:
        """(score, choice index) of the best choice for a short key, lowest index on ties; None if out of range."""
        if len(key) > self.max_length:
            return None
        best_score, best_index = 0.0, -1
        for index in sorted(self.candidates(key)):
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


_Table = dict[str, tuple[int, ...]]  # a piece -> the choices holding it there
# For a key length: choices in reach without a lookup, key slices, per slice its tables' mask and (bit, table)s.
_Plan = tuple[tuple[int, ...], tuple[slice, ...], tuple[int, ...], tuple[tuple[tuple[int, _Table], ...], ...]]


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
        # Per choice length: its partition and, per piece number, the table piece -> choices with its bit.
        self._pieces: dict[int, tuple[list[tuple[int, int]], list[tuple[int, _Table]]]] = {}
        self._tables = 0  # how many tables there are so far; table t has the bit ``1 << t``
        self._holders: dict[str, int] = {}  # a piece -> the bits of the tables holding it
        # Per key length: the choices in reach without a lookup, the key's slices to look up, and per
        # slice the mask of its tables and the tables with their bits.
        self._plans: dict[int, _Plan] = {}

    def _key_lengths_in_reach(self, m: int) -> range:
        """Key lengths that can reach the cutoff against a choice of length ``m``."""
        reach = [n for n in range(1, 4 * m + 12) if abs(n - m) <= allowed_distance(self.cutoff, n, m)]
        return range(min(reach), max(reach) + 1)

    def _pieces_of(self, m: int) -> tuple[list[tuple[int, int]], list[tuple[int, _Table]]]:
        """The partition of choices of length ``m`` and, per piece number, its table piece -> choices
        with the table's bit."""
        if m not in self._pieces:
            widest = max(allowed_distance(self.cutoff, n, m) for n in self._key_lengths_in_reach(m))
            segments = _segments(m, widest + 1)
            tables: list[dict[str, list[int]]] = [{} for _ in segments]
            for index in self._by_length[m]:
                choice = self._choices[index]
                for table, (start, size) in zip(tables, segments, strict=True):
                    table.setdefault(choice[start : start + size], []).append(index)
            # Tuples, not lists: the cyclic GC stops walking them, and the tables live as long as the process.
            frozen: list[tuple[int, _Table]] = []
            holders = self._holders
            for table in tables:
                bit = 1 << self._tables
                self._tables += 1
                frozen.append((bit, {piece: tuple(found) for piece, found in table.items()}))
                for piece in table:
                    holders[piece] = holders.get(piece, 0) | bit
            self._pieces[m] = (segments, frozen)
        return self._pieces[m]

    def _plan(self, n: int) -> _Plan:
        """For keys of length ``n``: the choices in reach without a lookup, the slices of the key to
        look up, and for each slice the mask of its tables and those tables with their bits."""
        if n not in self._plans:
            everything: list[int] = []
            lookups: dict[tuple[int, int], list[tuple[int, _Table]]] = {}  # (position, length) -> tables
            for m in sorted(self._by_length):
                tau = allowed_distance(self.cutoff, n, m)
                delta = n - m
                if abs(delta) > tau:
                    continue
                segments, tables = self._pieces_of(m)
                if any(size == 0 for _, size in segments):  # an empty piece matches anything
                    everything.extend(self._by_length[m])
                    continue
                for number, (start, size) in enumerate(segments[: tau + 1]):
                    low = max(start - number, start + delta - (tau - number), 0)
                    high = min(start + number, start + delta + (tau - number), n - size)
                    for position in range(low, high + 1):
                        lookups.setdefault((position, size), []).append(tables[number])
            slots = tuple(tuple(tables) for tables in lookups.values())
            self._plans[n] = (
                tuple(everything),
                tuple(slice(position, position + size) for position, size in lookups),
                tuple(sum(bit for bit, _ in slot) for slot in slots),
                slots,
            )
        return self._plans[n]

    def candidates(self, key: str) -> set[int]:
        """The choices that can reach the cutoff against ``key``."""
        everything, slices, masks, slots = self._plan(len(key))
        found = set(everything)
        holders = self._holders
        # Each slice is asked about once, in C: is it a piece of one of the tables it is meant for?
        # Few are; only those are looked up in their tables.
        held = map(holders.get, map(key.__getitem__, slices), repeat(0))
        for slot in compress(count(), map(operator.and_, held, masks)):
            piece = key[slices[slot]]
            bits = holders[piece]
            for bit, table in slots[slot]:
                if bits & bit:
                    found.update(table[piece])
        return found


class NearestChoices:
    """The best ``fuzz.ratio >= cutoff`` choice for each key: short keys through the deletion
    index, the rest through the segment index; the same answer as ``cdist`` over every choice.

    The indexes only name the choices that can reach the cutoff; all the (key, choice) pairs of a
    call are then scored together in one ``process.cpdist`` call, with the scorer ``cdist`` uses.
    """

    def __init__(self, choices: Sequence[str], cutoff: float) -> None:
        self.cutoff = cutoff
        self._choices = list(choices)
        self._short = _NearKeys(choices, cutoff)
        self._long = _SegmentIndex(choices, cutoff)

    def best_many(self, keys: Sequence[str]) -> list[tuple[float, int]]:
        """(score, choice index) of each key's best choice, lowest index on ties; (0.0, -1) for none."""
        rows: list[int] = []  # the pairs to score: key row, choice index, and the key
        columns: list[int] = []
        queries: list[str] = []
        short, longer = self._short, self._long
        for row, key in enumerate(keys):
            found = short.candidates(key) if len(key) <= short.max_length else longer.candidates(key)
            if found:
                columns.extend(found)
                rows.extend(repeat(row, len(found)))
                queries.extend(repeat(key, len(found)))
        best: list[tuple[float, int]] = [(0.0, -1)] * len(keys)
        if not rows:
            return best
        targets = list(map(self._choices.__getitem__, columns))
        # float32, as cdist returns them, so every path gives the same figures.
        scores = process.cpdist(queries, targets, scorer=fuzz.ratio, score_cutoff=self.cutoff, dtype=np.float32)
        for pair in np.flatnonzero(scores).tolist():  # below the cutoff scores 0
            row, score, index = rows[pair], float(scores[pair]), columns[pair]
            if score > best[row][0] or (score == best[row][0] and index < best[row][1]):  # lowest index on ties
                best[row] = (score, index)
        return best
