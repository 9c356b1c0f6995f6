"""Plain text and Markdown: decoding, mojibake repair and light Markdown stripping."""

from __future__ import annotations

import codecs
import contextlib
import functools
import importlib.util
import re
import sys
from pathlib import Path

from ..errors import UnsupportedFormatError

__all__ = ["decode_text", "looks_like_markdown", "looks_like_mojibake", "strip_markdown"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


_LATIN_SINGLE_BYTE = {
    "cp1250", "cp1252", "cp1257", "latin_1", "iso8859_2", "iso8859_3", "iso8859_4", "iso8859_9",
    "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16", "mac_roman", "mac_latin2",
    "cp850", "cp437",
}  # fmt: skip


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode bytes of unknown encoding; returns the text and the encoding used.

    UTF-8 (with or without BOM) and UTF-16/32 with a BOM are taken as declared; anything else is
    detected by charset-normalizer. Text that went through a wrong UTF-8 -> Latin-1/cp1252 decode
    somewhere upstream ("Ã©" for "é") is repaired with ftfy.
    """
    encoding: str | None = None
    for bom, name in _BOMS:
        if data.startswith(bom):
            encoding = name
            break
    if encoding is None:
        try:
            text = data.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            from charset_normalizer import from_bytes

            best = from_bytes(data).best()
            if best is None:
                raise UnsupportedFormatError(
                    "the file is neither a known document format nor text in a recognisable encoding"
                ) from None
            encoding = best.encoding
            text = str(best)
            # Short Western text is ambiguous between the Latin code pages; resumes from Western
            # European locales are far more often cp1252 than cp1250/iso-8859-2.
            if encoding in _LATIN_SINGLE_BYTE:
                with contextlib.suppress(UnicodeDecodeError):
                    text, encoding = data.decode("cp1252"), "cp1252"
    else:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            raise UnsupportedFormatError(
                f"the file starts with a {encoding} byte-order mark but is not valid {encoding}"
            ) from None
    return repair_mojibake(text), encoding


@functools.cache
def _badness_pattern() -> re.Pattern[str]:
    """ftfy's mojibake pattern, from its ``badness`` module alone.

    ``import ftfy`` loads the whole package (character tables, wcwidth: 0.1 s); ``badness.py``
    needs only ``re``. The package is imported as usual when it is already loaded, or when the
    module cannot be loaded on its own.
    """
    if "ftfy" not in sys.modules:
        spec = importlib.util.find_spec("ftfy")
        if spec is not None and spec.origin is not None:
            file_spec = importlib.util.spec_from_file_location(
                "_rolematch_ftfy_badness", Path(spec.origin).parent / "badness.py"
            )
            if file_spec is not None and file_spec.loader is not None:
                module = importlib.util.module_from_spec(file_spec)
                with contextlib.suppress(Exception):
                    file_spec.loader.exec_module(module)
                    return module.BADNESS_RE  # type: ignore[no-any-return]
    from ftfy.badness import BADNESS_RE

    return BADNESS_RE


_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
# ftfy's badness patterns are fixed sequences of at most 7 characters, each holding a non-ASCII
# character: a match lies within this many characters of one.
_MOJIBAKE_REACH = 8


def looks_like_mojibake(text: str) -> bool:
    """ftfy's ``is_bad``, searched only around non-ASCII characters.

    Same answer as searching the whole text (``tests/test_parse.py`` checks), in a tenth of the
    time on a resume, whose text is mostly ASCII.
    """
    pattern = _badness_pattern()
    window_start = window_end = -1
    for run in _NON_ASCII_RUN.finditer(text):
        start, end = max(0, run.start() - _MOJIBAKE_REACH), run.end() + _MOJIBAKE_REACH
        if start > window_end:
            # search(text, pos, endpos), not a slice: "^" still means only the start of the text.
            if window_end >= 0 and pattern.search(text, window_start, window_end):
                return True
            window_start = start
        window_end = end
    return window_end >= 0 and bool(pattern.search(text, window_start, window_end))


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 that was decoded as Latin-1/cp1252 upstream, when the text shows the signs."""
    if not looks_like_mojibake(text):
        return text
    import ftfy

    return str(ftfy.fix_encoding(text))


_MD_SIGNS = re.compile(r"^(#{1,6} |\*\*|__|[-*+] \S|\[[^\]]+\]\([^)]+\))", re.MULTILINE)
_MD_HEADING = re.compile(r"^#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$", re.MULTILINE)
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_MD_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_MD_RULE = re.compile(r"^[ \t]*([-*_])([ \t]*\1){2,}[ \t]*$", re.MULTILINE)
_MD_CODE = re.compile(r"`([^`\n]+)`")


def looks_like_markdown(text: str) -> bool:
    """True when several lines carry Markdown syntax (headings, emphasis, links, bullets)."""
    return len(_MD_SIGNS.findall(text, 0, 20_000)) >= 3 and bool(
        _MD_HEADING.search(text) or _MD_EMPHASIS.search(text) or _MD_LINK.search(text)
    )


def strip_markdown(text: str) -> str:
    """Markdown to plain text with the same lines: headings, emphasis, links and rules unwrapped."""
    text = _MD_HEADING.sub(r"\1", text)
    text = _MD_RULE.sub("", text)
    text = _MD_LINK.sub(lambda m: m.group(1) if m.group(1) == m.group(2) else f"{m.group(1)} ({m.group(2)})", text)
    text = _MD_EMPHASIS.sub(r"\2", text)
    return _MD_CODE.sub(r"\1", text)
