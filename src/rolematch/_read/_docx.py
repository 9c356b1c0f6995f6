"""DOCX: paragraphs, lists, tables, text boxes, headers and footers, in document order.

Headers and footers often hold the name and contact details, so they are read; their page
numbers, running titles ("John Doe - Résumé - 1") and "last updated" notes are left out.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from .._limits import Limits
from ..errors import CorruptDocumentError, DocumentTooLargeError
from ._furniture import guess_name, is_edge_furniture

__all__ = ["check_zip_limits", "read_docx"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_P, _TBL, _TR, _TC, _R = _W + "p", _W + "tbl", _W + "tr", _W + "tc", _W + "r"
_TXBX = _W + "txbxContent"
_SKIPPED = {_MC + "Fallback", _W + "delText", _W + "instrText", _W + "pPr", _W + "rPr", _W + "fldChar"}
_CHARACTERS = {
    _W + "tab": "\t",
    _W + "br": "\n",
    _W + "cr": "\n",
    _W + "noBreakHyphen": "-",
    _W + "softHyphen": "\u00ad",
}
_MAX_COMPRESSION_RATIO = 200


def check_zip_limits(archive: zipfile.ZipFile, limits: Limits) -> None:
    """Refuse archives that would unpack to too much, before anything is decompressed."""
    entries = archive.infolist()
    if len(entries) > limits.max_zip_entries:
        raise DocumentTooLargeError(
            f"the DOCX package has {len(entries)} entries; the limit is {limits.max_zip_entries}"
        )
    total = sum(entry.file_size for entry in entries)
    if total > limits.max_uncompressed_bytes:
        raise DocumentTooLargeError(
            f"the DOCX package unpacks to {total} bytes; the limit is {limits.max_uncompressed_bytes}"
        )
    for entry in entries:
        if entry.file_size > 1_000_000 and entry.file_size > _MAX_COMPRESSION_RATIO * max(entry.compress_size, 1):
            raise DocumentTooLargeError(
                f"the DOCX entry {entry.filename!r} is compressed {entry.file_size // max(entry.compress_size, 1)}:1,"
                " which only a zip bomb does"
            )


def read_docx(data: bytes, *, limits: Limits) -> tuple[str, int]:
    """The text of a DOCX file, and how many header and footer lines were left out as furniture.

    The text is the header, the body (tables cell by cell), then the footer.
    """
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_zip_limits(archive, limits)
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as error:
        raise CorruptDocumentError(f"the DOCX file cannot be opened: {error}") from None
    except Exception as error:  # lxml raises its own errors on broken XML
        if isinstance(error, DocumentTooLargeError):
            raise
        raise CorruptDocumentError(f"the DOCX file cannot be read: {error}") from None

    lines: list[str] = []
    seen_parts: set[int] = set()
    headers: list[Any] = []
    footers: list[Any] = []
    for section in document.sections:
        for part_owner, bucket in ((section.header, headers), (section.footer, footers)):
            if part_owner.is_linked_to_previous:
                continue
            element = part_owner._element
            if id(element) not in seen_parts:
                seen_parts.add(id(element))
                bucket.append(element)
    header_lines: list[str] = []
    footer_lines: list[str] = []
    for element in headers:
        _walk(element, header_lines)
    _walk(document.element.body, lines)
    for element in footers:
        _walk(element, footer_lines)
    # Word repeats a header on every page; the page number in it is a field whose last rendered
    # value ("1") is stored in the file.
    name = guess_name(header_lines + lines)
    edge_lines = header_lines + footer_lines
    kept_header = [line for line in header_lines if not is_edge_furniture(line, name)]
    kept_footer = [line for line in footer_lines if not is_edge_furniture(line, name)]
    furniture = len(edge_lines) - len(kept_header) - len(kept_footer)
    return "\n".join(kept_header + lines + kept_footer), furniture


def _walk(element: Any, lines: list[str]) -> None:
    for child in element:
        tag = child.tag
        if tag == _P:
            _paragraph(child, lines)
        elif tag == _TBL:
            for row in child.iterchildren(_TR):
                cells = [cell for cell in row.iterchildren(_TC) if not _continues_vertical_merge(cell)]
                if all(len(cell.findall(_P)) <= 1 and cell.find(_TBL) is None for cell in cells):
                    # A data row ("Languages | Python, SQL"): one line, cells a tab apart.
                    texts = []
                    for cell in cells:
                        cell_lines: list[str] = []
                        _walk(cell, cell_lines)
                        texts.append(" ".join(cell_lines).strip())
                    if any(texts):
                        lines.append("\t".join(t for t in texts if t))
                else:
                    # A layout row (columns of paragraphs): each cell in turn.
                    for cell in cells:
                        _walk(cell, lines)
        elif isinstance(tag, str) and tag not in _SKIPPED:
            _walk(child, lines)  # sdt, customXml, smartTag, ... hold paragraphs further down


def _continues_vertical_merge(cell: Any) -> bool:
    merge = cell.find(f"{_W}tcPr/{_W}vMerge")
    return merge is not None and merge.get(_W + "val") in (None, "continue")


def _paragraph(paragraph: Any, lines: list[str]) -> None:
    parts: list[str] = []
    boxes: list[Any] = []
    _runs(paragraph, parts, boxes)
    text = "".join(parts)
    if text.strip():
        lines.append(("• " if _is_list_item(paragraph) else "") + text)
    for box in boxes:  # text boxes anchored in this paragraph follow it
        _walk(box, lines)


def _runs(element: Any, parts: list[str], boxes: list[Any]) -> None:
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIPPED:
            continue
        if tag == _W + "t":
            parts.append(child.text or "")
        elif tag in _CHARACTERS:
            parts.append(_CHARACTERS[tag])
        elif tag == _TXBX:
            boxes.append(child)
        else:
            _runs(child, parts, boxes)


def _is_list_item(paragraph: Any) -> bool:
    properties = paragraph.find(_W + "pPr")
    if properties is None:
        return False
    if properties.find(_W + "numPr") is not None:
        return True
    style = properties.find(_W + "pStyle")
    return style is not None and "list" in (style.get(_W + "val") or "").lower()
