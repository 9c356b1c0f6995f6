"""Plain text and Markdown: decoding, mojibake repair and light Markdown stripping."""

from __future__ import annotations

import codecs
import contextlib
import re

from ..errors import UnsupportedFormatError

__all__ = ["decode_text", "looks_like_markdown", "strip_markdown"]

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


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 that was decoded as Latin-1/cp1252 upstream, when the text shows the signs."""
    import ftfy
    from ftfy.badness import is_bad

    if not is_bad(text):
        return text
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
