"""Contact details: name (best effort), emails, phones and links.

These feed ATS hand-off only; the matcher never reads them (see the fairness rules).
"""

from __future__ import annotations

import functools
import re

from .._data import parsing_vocabulary
from ..resume import Contact, Link, LinkKind, Section, SectionKind, Span
from ._lines import split_lines
from ._sections import heading_kind

__all__ = ["find_contact"]

_EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9][\w.+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])")
# Candidate phone numbers: digits with the separators people use; phonenumbers decides.
_PHONE = re.compile(r"(?<![\w/.])(?:\+|00)?\(?\d[\d\s().\-]{6,18}\d(?![\w/%])")
_TLDS = (
    "com|org|net|io|dev|ai|me|co|app|page|site|tech|xyz|info|us|uk|de|fr|in|ca|au|nl|se|ch|es|it"
    "|eu|ly|sh|so|to|gg|cc|blog|website|online|pro|codes|design|cloud|ml|is"
)
_LINK = re.compile(
    rf"(?<![@\w.-])(?:https?://)?(?:www\.)?(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:{_TLDS})"
    r"(?![\w@-])(?:/[^\s,;()<>\"']*)?",
    re.IGNORECASE,
)
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


@functools.cache
def _title_words() -> frozenset[str]:
    return frozenset(w.lower() for w in parsing_vocabulary().title_words)


def _phone(candidate: str) -> str | None:
    import phonenumbers

    digits = sum(c.isdigit() for c in candidate)
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


def _name(text: str, sections: list[Section]) -> tuple[str, Span] | None:
    """The first short line of capitalised words near the top that is not a heading or a title."""
    limit = next((s.span.start for s in sections if s.kind is not SectionKind.HEADER), len(text))
    for line in split_lines(text, 0, min(limit, len(text)))[:6]:
        # A name often shares its line with contacts, a wide gap (tab) apart.
        candidate = line.text.split("\t", 1)[0].strip()
        name_part, comma, credentials = candidate.partition(",")
        if comma and all(w.isupper() or "." in w for w in credentials.split()) and len(credentials.split()) <= 3:
            candidate = name_part.strip()  # "MARIA GONZALEZ, RN"
        words = candidate.split()
        if not 2 <= len(words) <= 4 or heading_kind(candidate) or any(c.isdigit() for c in candidate):
            continue
        if "@" in candidate or any(w.lower().strip(".,") in _title_words() for w in words):
            continue
        if all(_NAME_WORD.match(w) for w in words):
            name = " ".join(w.capitalize() if w.isupper() and len(w) > 2 else w for w in words)
            return name, Span(start=line.start, end=line.start + len(candidate))
    return None


def find_contact(text: str, sections: list[Section]) -> Contact:
    """Contact details found anywhere in the text (emails and links are often in footers)."""
    email_matches = list(_EMAIL.finditer(text))
    emails = list(dict.fromkeys(m.group(0).lower() for m in email_matches))
    email_spans = [m.span() for m in email_matches]
    phones: list[str] = []
    for match in _PHONE.finditer(text):
        number = _phone(match.group(0))
        if number and number not in phones:
            phones.append(number)
    links: list[Link] = []
    seen: set[str] = set()
    for match in _LINK.finditer(text):
        if any(a <= match.start() < b for a, b in email_spans):
            continue
        raw = match.group(0).rstrip(".")
        url = raw if raw.lower().startswith("http") else f"https://{raw}"
        key = url.lower().rstrip("/").replace("://www.", "://").replace("http://", "https://")
        if key in seen:
            continue
        seen.add(key)
        links.append(Link(url=url, kind=_link_kind(url), span=Span(start=match.start(), end=match.start() + len(raw))))
    named = _name(text, sections)
    return Contact(
        name=named[0] if named else None,
        name_span=named[1] if named else None,
        emails=emails,
        phones=phones,
        links=links,
    )
