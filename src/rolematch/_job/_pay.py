"""Pay a posting states: ``$150,000 - $180,000``, ``150k–180k``, ``$70/hour``, ``€60.000 – €75.000``,
``USD 120K+``, ``£55,000 to £65,000 per annum``.

A figure counts as pay only next to a currency or a pay word ("salary", "compensation", "pay") in
its line, and with a size that fits its period: "5 years" or "401(k)" are no salary. The currency
and period words are data (``jobs.yaml``).
"""

from __future__ import annotations

import functools
import re
from typing import Literal

from ._model import StatedSalary
from ._vocabulary import job_vocabulary, phrase_pattern

__all__ = ["find_salary"]

Period = Literal["hour", "day", "month", "year"]

# A number: 150,000 / 150.000 (a European thousands point) / 150 000 / 150k / 1.5m / 70 / 72.50.
_NUMBER = r"\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d+)?"


def _amount(name: str) -> str:
    return rf"(?P<{name}>{_NUMBER})\s?(?P<{name}_unit>[kKmM]\b)?"


_DASH = r"\s*(?:-|–|—|to|and|up to)\s*"
_PAY_WORDS = re.compile(r"\b(?:salary|compensation|pay|paid|rate|wage|base|ote|per annum|range|remuneration)\b", re.I)
# Sizes a figure of each period may have, in the posting's currency (a guard, not a judgement).
_BOUNDS: dict[Period, tuple[float, float]] = {
    "hour": (5, 2_000),
    "day": (50, 10_000),
    "month": (500, 200_000),
    "year": (8_000, 20_000_000),
}


@functools.cache
def _patterns() -> tuple[re.Pattern[str], dict[str, str], re.Pattern[str], dict[str, Period]]:
    vocabulary = job_vocabulary()
    currency_of = {word.lower(): code for code, words in vocabulary.currencies.items() for word in words}
    symbols = sorted(currency_of, key=lambda w: (-len(w), w))
    currency = "|".join(re.escape(s) for s in symbols)
    amount_low, amount_high = _amount("low"), _amount("high")
    figure = (
        rf"(?P<pre>(?:{currency}))?\s?{amount_low}(?:\s?(?P<mid>(?:{currency})))?"
        rf"(?:{_DASH}(?P<pre2>(?:{currency}))?\s?{amount_high}(?:\s?(?P<post>(?:{currency})))?)?(?P<plus>\+)?"
    )
    period_of = {word.lower(): period for period, words in vocabulary.salary_periods.items() for word in words}
    return re.compile(figure, re.I), currency_of, phrase_pattern(list(period_of)), period_of


def _value(number: str, unit: str | None) -> float:
    """150,000 -> 150000; 150.000 (European) -> 150000; 72.50 -> 72.5; 150 + k -> 150000."""
    digits = number.replace("\u00a0", " ").replace("\u202f", " ")
    if re.fullmatch(r"\d{1,3}(?:[,. ]\d{3})+", digits):
        value = float(re.sub(r"[,. ]", "", digits))
    elif re.fullmatch(r"\d{1,3}(?:[, ]\d{3})+\.\d{1,2}", digits):
        value = float(re.sub(r"[, ]", "", digits))
    else:
        value = float(digits)
    multiplier = {"k": 1_000, "m": 1_000_000}.get((unit or "").lower(), 1)
    return value * multiplier


def _period(after: str, before: str, period_words: re.Pattern[str], period_of: dict[str, Period]) -> Period | None:
    """The period the words right after the figure (or just before it) name."""
    tail = re.match(r"\s*(?:/|per|an?|each|\bp\.?\s?)?\s*", after)
    window = after[tail.end() if tail else 0 :][:14]
    found = period_words.match(window)
    if found:
        return period_of.get(found.group(0).lower())
    before_found = list(period_words.finditer(before[-24:]))
    return period_of.get(before_found[-1].group(0).lower()) if before_found else None


def find_salary(text: str) -> StatedSalary | None:
    """The first stated pay in ``text`` (currency, period, min and max), or None."""
    figure, currency_of, period_words, period_of = _patterns()
    for line_match in re.finditer(r"[^\n]+", text):
        line = line_match.group(0)
        for match in figure.finditer(line):
            found = _salary(match, line, currency_of, period_words, period_of)
            if found is not None:
                low, high, currency, period = found
                lead = len(match.group(0)) - len(match.group(0).lstrip())
                start, end = line_match.start() + match.start() + lead, line_match.start() + match.end()
                after = line[match.end() :]
                extra = re.match(r"\s*(?:/|per|an?|p\.?)?\s*\w+\.?", after)
                if extra and _period(after, "", period_words, period_of) is not None:
                    end += extra.end()
                return StatedSalary(
                    min=low,
                    max=high,
                    currency=currency,
                    period=period,
                    text=text[start:end].strip(),
                    start=start,
                    end=end,
                )
    return None


def _salary(
    match: re.Match[str],
    line: str,
    currency_of: dict[str, str],
    period_words: re.Pattern[str],
    period_of: dict[str, Period],
) -> tuple[int | None, int | None, str, Period] | None:
    """(min, max, currency, period) when the figure is pay, else None."""
    marks = [match.group(g) for g in ("pre", "mid", "pre2", "post") if match.group(g)]
    has_pay_word = bool(_PAY_WORDS.search(line))
    if not marks and not has_pay_word:
        return None
    if not marks and not (match.group("low_unit") or match.group("high")):
        return None  # a bare number beside a pay word ("base 5 days") is not enough
    currency = currency_of[marks[0].lower()] if marks else "USD"
    low = _value(match.group("low"), match.group("low_unit") or match.group("high_unit"))
    high = _value(match.group("high"), match.group("high_unit")) if match.group("high") else None
    after, before = line[match.end() :], line[: match.start()]
    period = _period(after, before, period_words, period_of) or "year"
    bounds = _BOUNDS[period]
    if not bounds[0] <= low <= bounds[1] or (high is not None and not low <= high <= bounds[1]):
        return None
    if high is None and not match.group("plus") and not marks:
        return None
    if high is None and re.search(r"\b(?:up to|max(?:imum)?|no more than)\s*$", before, re.I):
        return None, _whole(low), currency, period  # "up to $200k": a ceiling, no floor
    if high is None and not match.group("plus"):
        high = low  # "$70/hour": one figure is the whole range; "USD 120K+" has no ceiling
    return _whole(low), (_whole(high) if high is not None else None), currency, period


def _whole(value: float) -> int:
    """Rounded half up: $72.50 an hour is 73, not Python's banker's 72."""
    return int(value + 0.5)
