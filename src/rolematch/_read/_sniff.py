"""Format detection from content (magic bytes and structure), never from a file name."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any, Literal

from ..errors import CorruptDocumentError, EncryptedDocumentError, UnsupportedFormatError
from ._images import image_format

__all__ = ["SniffedFormat", "load_json_resume", "sniff"]

SniffedFormat = Literal["pdf", "docx", "json", "html", "text", "image"]

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_OOXML = "EncryptedPackage".encode("utf-16-le")
# Images OCR does not read (PNG, JPEG, TIFF and WebP are "image": see _images.image_format).
_OTHER_IMAGES = {
    b"GIF87a": "GIF image",
    b"GIF89a": "GIF image",
}
_OTHER_BINARY = {
    b"{\\rtf": "RTF document (save it as DOCX or PDF)",
    b"\x1f\x8b": "gzip archive",
    b"Rar!": "RAR archive",
    b"7z\xbc\xaf\x27\x1c": "7-Zip archive",
}
_JSON_RESUME_KEYS = {"basics", "work", "education", "skills", "projects", "volunteer", "awards"}


def sniff(data: bytes) -> SniffedFormat:
    """Which reader handles these bytes. Raises ``UnsupportedFormatError`` with what they are."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _sniff_zip(data)
    if data.startswith(_OLE2):
        if _ENCRYPTED_OOXML in data:
            raise EncryptedDocumentError("the Office document is password-protected; remove the password")
        raise UnsupportedFormatError("legacy Word .doc (OLE2) is not supported; save it as DOCX or PDF")
    if image_format(data) is not None:
        return "image"
    for magic, what in _OTHER_IMAGES.items():
        if data.startswith(magic):
            raise UnsupportedFormatError(f"a {what} is not read; OCR reads PNG, JPEG, TIFF and WebP: convert it")
    for magic, what in _OTHER_BINARY.items():
        if data.startswith(magic):
            raise UnsupportedFormatError(f"unsupported format: {what}")
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith((b"{", b"[")):
        return "json"
    if stripped[:15].lower().startswith((b"<!doctype html", b"<html")):
        return "html"
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnsupportedFormatError("binary data that is not a PDF, DOCX, JSON Resume or text file")
    return "text"


def _sniff_zip(data: bytes) -> SniffedFormat:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        raise CorruptDocumentError("the file is a damaged ZIP package (truncated DOCX?)") from None
    if "word/document.xml" in names:
        return "docx"
    if "content.xml" in names and "mimetype" in names:
        raise UnsupportedFormatError("OpenDocument text is not supported; save it as DOCX or PDF")
    if any(name.startswith(("xl/", "ppt/")) for name in names):
        raise UnsupportedFormatError("a spreadsheet or presentation is not a resume format rolematch reads")
    raise UnsupportedFormatError("a ZIP archive that is not a DOCX document")


def load_json_resume(data: bytes) -> dict[str, Any]:
    """Parse bytes as a JSON Resume document (jsonresume.org schema)."""
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CorruptDocumentError(f"the file looks like JSON but does not parse: {error}") from None
    if not isinstance(value, dict) or not (_JSON_RESUME_KEYS & value.keys()):
        raise UnsupportedFormatError(
            "JSON that is not a JSON Resume document (expected keys such as basics, work, education)"
        )
    return value
