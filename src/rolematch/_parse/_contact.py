"""Contact details: name (best effort), emails, phones and links.

These feed ATS hand-off only; the matcher never reads them (see the fairness rules).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from .._data import parsing_vocabulary
from ..resume import Contact, Link, LinkKind, Section, SectionKind, Span
from ._education import _degree
from ._lines import split_lines
from ._sections import heading_kind

__all__ = ["find_contact"]

_EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9][\w.+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])")
_AT = re.compile("@")
# Candidate phone numbers: digits with the separators people use; phonenumbers decides.
_PHONE = re.compile(r"(?<![\w/.])(?:\+|00)?\(?\d[\d\s().\-]{6,18}\d(?![\w/%])")
# Where phones can be: a run of the characters a phone is made of, from a digit to a digit, as long
# as the shortest phone. Most runs in a resume are years ("2019 – 2021": the dash is not one of
# them), so the phone pattern runs over a few short windows instead of the whole text.
_PHONE_RUN = re.compile(r"\d[\d\s().+\-]{6,}\d")
# Before a run's first digit a phone may open with "+(" (or "00", digits inside the run).
_PHONE_OPENING = 2
# A host ends in "." and a top-level domain: a dot before anything but a space or another dot.
_DOT_INSIDE = re.compile(r"\.[^\s.]")
_TLDS = (
    "com|org|net|io|dev|ai|me|co|app|page|site|tech|xyz|info|us|uk|de|fr|in|ca|au|nl|se|ch|es|it"
    "|eu|ly|sh|so|to|gg|cc|blog|website|online|pro|codes|design|cloud|ml|is|edu|gov|nz|za|br|jp|sg|ie"
)
_LINK = re.compile(
    rf"(?<![@\w.-])(?P<scheme>https?://)?(?P<www>www\.)?"
    rf"(?P<host>(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:{_TLDS}))"
    r"(?![\w@-])(?P<path>/[^\s,;()<>\"']*)?",
    re.IGNORECASE,
)
# The rest of a link a line break cut ("indeed.com/r/Ananya-" / "Chavan/8d9f..."): the next
# line's first token, if it can be part of a URL.
_CONTINUATION = re.compile(r"[ \t]*\n[ \t]*(?P<rest>[A-Za-z0-9][\w\-./%?=&#~+]*)")
_LINK_KINDS = (
    ("linkedin.com", LinkKind.LINKEDIN),
    ("github.com", LinkKind.GITHUB),
    ("github.io", LinkKind.WEBSITE),
    ("gitlab.com", LinkKind.GITLAB),
    ("stackoverflow.com", LinkKind.STACKOVERFLOW),
    ("kaggle.com", LinkKind.KAGGLE),
    ("scholar.google", LinkKind.SCHOLAR),
)
_NAME_WORD = re.compile(r"^(?:[A-Z][a-zA-Z'’\-]*\.?|[A-Z]\.|(?:de|da|van|von|der|del|la|le|bin|al)\b)$")
_DATE_RANGE_LIKE = re.compile(r"^\(?(19|20)\d\d\)?\s*[-–]\s*\(?(19|20)\d\d\)?$")
# A name shares its line with contacts or a headline, a tab or a bar apart ("John Doe | Engineer").
_NAME_SEPARATOR = re.compile(r"\t|\s+[|•·]\s+")
_NAME_LINES = 6


@functools.cache
def _name_vocabulary() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """(title words, title modifiers, organisation words, places, place nouns), lower-cased."""
    vocab = parsing_vocabulary()
    places = {*vocab.cities, *vocab.regions, *vocab.countries, *vocab.region_codes}
    return (
        frozenset(w.lower() for w in vocab.title_words),
        # "Sr" / "Jr" are name suffixes too; the longer modifiers ("Senior", "Data") never name a person.
        frozenset(w.lower() for w in vocab.title_modifiers if len(w) > 2),
        frozenset(w.lower() for w in vocab.organization_words),
        frozenset(p.lower() for p in places),
        frozenset(w.lower() for w in vocab.place_nouns),
    )


@functools.cache
def _document_titles() -> re.Pattern[str] | None:
    titles = parsing_vocabulary().document_titles
    if not titles:
        return None
    return re.compile(rf"(?<!\w)(?:{'|'.join(re.escape(t) for t in titles)})(?!\w)", re.IGNORECASE)


@functools.cache
def _link_sites() -> tuple[str, ...]:
    return tuple(s.lower() for s in parsing_vocabulary().link_sites)


@functools.cache
def _dotted_tech_names() -> frozenset[str]:
    """Tools whose names look like domains (ASP.NET, Socket.io, H2O.ai), from the skills taxonomy."""
    from .._skills import default_taxonomy  # late: the skills package imports the parse stage

    return frozenset(form.text.lower() for form in default_taxonomy().forms if "." in form.text)


@functools.lru_cache(maxsize=4096)
def _phone(candidate: str) -> str | None:
    """The E.164 form of a candidate phone, or None; memoised: a batch sees the same numbers again."""
    import phonenumbers

    digits = sum(map(str.isdigit, candidate))
    if not 7 <= digits <= 15 or _DATE_RANGE_LIKE.match(candidate.strip()):
        return None
    try:
        number = phonenumbers.parse(candidate, "US")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def _link_kind(url: str) -> LinkKind:
    lowered = url.lower()
    for domain, kind in _LINK_KINDS:
        if domain in lowered:
            return kind
    return LinkKind.WEBSITE


def _is_site(host: str) -> bool:
    host = host.lower()
    return any(host == site or host.endswith("." + site) for site in _link_sites())


def _plausible_link(match: re.Match[str]) -> bool:
    """A link needs a plausible domain: a scheme or "www.", a known site, or a real-looking host.

    "B.Tech", "M.Sc", "e.g" have a one-letter first label; "ASP.NET", "Socket.io" are tools; a
    bare host whose "TLD" is capitalised ("VB.NET", "B.Tech") is a product or a degree, not a URL.
    """
    host = match.group("host")
    if match.group("scheme") or match.group("www") or _is_site(host):
        return True
    if host.lower() in _dotted_tech_names():
        return False
    degree = _degree(host)
    if degree is not None and degree[1].start() == 0:
        return False
    if len(host.split(".", 1)[0]) < 2:
        return False
    return bool(match.group("path")) or host.rsplit(".", 1)[1].islower()


def _joined(text: str, match: re.Match[str], raw: str) -> tuple[str, int]:
    """A link cut by a line break, joined to its rest on the next line; (url text, end offset)."""
    end = match.start() + len(raw)
    if end != match.end() or not raw.endswith(("-", "_", "/")):
        return raw, end
    if not (match.group("path") or raw.endswith("/")):
        return raw, end
    following = _CONTINUATION.match(text, end)
    if following is None or "@" in following.group("rest"):
        return raw, end
    rest = following.group("rest").rstrip(".")
    # After a "/" the rest must look like a path, not the next line's first word ("Experience").
    if raw.endswith("/") and not (rest.islower() or any(c.isdigit() or c in "-_/" for c in rest)):
        return raw, end
    return raw + rest, following.start("rest") + len(rest)


def _lines_holding(text: str, needle: re.Pattern[str]) -> Iterator[tuple[int, int]]:
    """(start, end) of each line holding a match of ``needle``, once each, in order."""
    position = 0
    while (found := needle.search(text, position)) is not None:
        start = text.rfind("\n", 0, found.start()) + 1
        end = text.find("\n", found.end())
        end = len(text) if end < 0 else end
        yield start, end
        position = end


def _matches_in_lines(pattern: re.Pattern[str], text: str, needle: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, for a pattern whose every match holds a match of ``needle`` and
    no line break: only the lines holding ``needle`` are scanned.

    Look-behinds still see the character before a line; a look-ahead at a line's end sees none
    instead of the line break, which the patterns here treat alike.
    """
    for start, end in _lines_holding(text, needle):
        yield from pattern.finditer(text, start, end)


def _phone_matches(text: str) -> Iterator[re.Match[str]]:
    """``_PHONE.finditer(text)``, scanning only around the runs a phone can lie in."""
    for run in _PHONE_RUN.finditer(text):
        # One character past the run: the look-ahead after a phone's last digit reads it.
        yield from _PHONE.finditer(text, max(0, run.start() - _PHONE_OPENING), run.end() + 1)


def _links(text: str, email_spans: list[tuple[int, int]]) -> list[Link]:
    links: list[Link] = []
    seen: set[str] = set()
    for match in _matches_in_lines(_LINK, text, _DOT_INSIDE):
        if any(a <= match.start() < b for a, b in email_spans) or not _plausible_link(match):
            continue
        raw, end = _joined(text, match, match.group(0).rstrip("."))
        url = raw if raw.lower().startswith("http") else f"https://{raw}"
        key = url.lower().rstrip("/").replace("://www.", "://").replace("http://", "https://")
        if key in seen:
            continue
        seen.add(key)
        links.append(Link(url=url, kind=_link_kind(url), span=Span(start=match.start(), end=end)))
    return links


@functools.cache
def _place_words() -> frozenset[str]:
    """Every word of every known place, as :func:`_is_place` splits and trims a candidate's words."""
    places = _name_vocabulary()[3]
    return frozenset(word.strip(".,") for place in places for word in place.replace(",", " ").split())


def _is_place(candidate: str) -> bool:
    """A place, not a name: "Silicon Valley", "San Francisco, CA", "Bengaluru, Karnataka"."""
    _, _, _, places, nouns = _name_vocabulary()
    parts = [p.strip(" .").lower() for p in candidate.split(",") if p.strip(" .")]
    if parts and all(p in places for p in parts):
        return True
    words = [w.strip(".,").lower() for w in candidate.replace(",", " ").split()]
    if words and (words[-1] in nouns or words[0] == "greater"):
        return True
    if not _place_words().issuperset(filter(None, words)):
        return False  # a word no place holds: no run of words below can be a place either
    # Every word belongs to a known place: "New Delhi India", "Pune Maharashtra".
    covered = [False] * len(words)
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            if " ".join(words[i : i + size]) in places:
                covered[i : i + size] = [True] * size
    return bool(words) and all(covered)


def _not_a_name(candidate: str, words: list[str]) -> bool:
    titles, modifiers, organizations, _, _ = _name_vocabulary()
    lowered = [w.lower().strip(".,") for w in words]
    all_caps = candidate.isupper()
    if any(w in titles or w in modifiers for w in lowered):
        return True  # a headline: "Senior Systems Engineer", "Machine Learning"
    for word, low in zip(words, lowered, strict=True):
        # "Acme Corporation", "Globex AI"; a short suffix counts in capitals ("Ai Weiwei" is a name).
        if low in organizations and (len(low) > 2 or (word.isupper() and not all_caps)):
            return True
    titles_re = _document_titles()
    if titles_re is not None and titles_re.search(candidate):
        return True
    return _is_place(candidate)


def _name(text: str, sections: list[Section]) -> tuple[str, Span] | None:
    """The first short line of capitalised words near the top that is not a heading, a title, a
    place, an organisation or the document's own title."""
    # The name is above the first section with a known heading (an unknown one may be the header).
    limit = next((s.span.start for s in sections if s.kind not in (SectionKind.HEADER, SectionKind.OTHER)), len(text))
    for line in split_lines(text, 0, min(limit, len(text)))[:_NAME_LINES]:
        candidate = _NAME_SEPARATOR.split(line.text, maxsplit=1)[0].strip()
        name_part, comma, credentials = candidate.partition(",")
        if _is_place(candidate):
            continue
        if comma and all(w.isupper() or "." in w for w in credentials.split()) and len(credentials.split()) <= 3:
            candidate = name_part.strip()  # "MARIA GONZALEZ, RN"
        words = candidate.split()
        if not 2 <= len(words) <= 4 or heading_kind(candidate) or any(map(str.isdigit, candidate)):
            continue
        if "@" in candidate or _not_a_name(candidate, words):
            continue
        if all(_NAME_WORD.match(w) for w in words):
            name = " ".join(w.capitalize() if w.isupper() and len(w) > 2 else w for w in words)
            return name, Span(start=line.start, end=line.start + len(candidate))
    return None


def find_contact(text: str, sections: list[Section]) -> Contact:
    """Contact details found anywhere in the text (emails and links are often in footers)."""
    email_matches = list(_matches_in_lines(_EMAIL, text, _AT))
    emails = list(dict.fromkeys(m.group(0).lower() for m in email_matches))
    phones: list[str] = []
    for match in _phone_matches(text):
        number = _phone(match.group(0))
        if number and number not in phones:
            phones.append(number)
    named = _name(text, sections)
    return Contact(
        name=named[0] if named else None,
        name_span=named[1] if named else None,
        emails=emails,
        phones=phones,
        links=_links(text, [m.span() for m in email_matches]),
    )
