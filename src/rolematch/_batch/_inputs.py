"""Batch inputs: files, folders and glob patterns, and the files inside ZIP bundles, each with its hash.

An ATS export often arrives as one ``.zip``. A ZIP file given as an input (or found in a folder) is
a bundle, unless its content says it is an Office or OpenDocument package (a DOCX has
``word/document.xml``), which is a resume like any other file. Every file inside a bundle is an
input named ``bundle.zip!/path/inside``; folders inside are skipped, and so are hidden files and
macOS ``__MACOSX`` folders, as for folder inputs. Members are read in memory, never extracted.

The zip-bomb limits that guard a DOCX guard a bundle (``Limits.max_zip_entries``,
``max_uncompressed_bytes`` and the compression ratio of an entry, checked from the archive's
directory before anything is decompressed), and each member is held to ``Limits.max_bytes`` as any
file is. A bundle over a limit ends as one error row; a ZIP archive inside a bundle is refused
(one error row for it: nested archives are not read).
"""

from __future__ import annotations

import glob
import hashlib
import io
import os
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .._limits import DEFAULT_LIMITS, Limits
from ..errors import (
    CorruptDocumentError,
    DocumentTooLargeError,
    EmptyDocumentError,
    EncryptedDocumentError,
    RolematchError,
    SourceNotFoundError,
    UnsupportedFormatError,
)

__all__ = ["BUNDLE_SEPARATOR", "BatchInput", "collect_inputs", "expand_inputs", "read_member"]

BUNDLE_SEPARATOR = "!/"
"""Between a bundle's path and a member's path inside it: ``bundle.zip!/path/inside``."""

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")  # a local file header, or the end record of an empty archive
_MAX_COMPRESSION_RATIO = 200  # as for a DOCX (_read/_docx.py): only a zip bomb compresses a big entry more


@dataclass(frozen=True)
class BatchInput:
    """One input of a batch: a file, or a file inside a ZIP bundle."""

    name: str  # what its row calls it: the path, or ``bundle.zip!/path/inside``
    path: str  # the file on disk (the bundle, for a member)
    member: str | None = None  # the member's name inside the bundle
    sha256: str | None = None  # of the input's bytes; None when they cannot be read
    error: tuple[str, str] | None = None  # (code, message) known before reading: the row is this error


def expand_inputs(inputs: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Files, folders (recursed) and glob patterns as a sorted list of files, each once.

    A name that is neither an existing path nor a pattern matching something is kept, so that it
    ends as an error row (source_not_found) rather than vanishing. ZIP bundles are files here;
    :func:`collect_inputs` opens them.
    """
    found: dict[str, Path] = {}
    for item in inputs:
        text = os.fspath(item)
        path = Path(text)
        if path.is_dir():
            candidates = [p for p in path.rglob("*") if p.is_file()]
        elif path.exists():
            candidates = [path]
        elif glob.has_magic(text):
            candidates = [Path(p) for p in glob.glob(text, recursive=True) if Path(p).is_file()]
        else:
            candidates = [path]
        for candidate in candidates:
            if any(part.startswith(".") for part in candidate.parts[len(path.parts) - 1 :] if part not in (".", "..")):
                continue  # hidden files and folders inside a folder input
            found.setdefault(str(candidate), candidate)
    return [found[key] for key in sorted(found)]


def collect_inputs(paths: Iterable[Path], limits: Limits = DEFAULT_LIMITS) -> list[BatchInput]:
    """Every input of ``paths`` (from :func:`expand_inputs`) with its content hash, bundles opened."""
    found: list[BatchInput] = []
    for path in paths:
        found.extend(_inputs_of(path, limits))
    return found


def read_member(bundle: str | os.PathLike[str], member: str, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """The bytes of ``member`` of the ZIP file ``bundle``, read in memory within ``limits.max_bytes``."""
    try:
        with zipfile.ZipFile(bundle) as archive:
            return _read(archive, archive.getinfo(member), limits)
    except KeyError:
        raise SourceNotFoundError(f"{bundle} no longer holds {member}") from None
    except (zipfile.BadZipFile, ValueError) as error:
        raise CorruptDocumentError(f"the ZIP bundle {bundle} cannot be read: {error}") from None
    except OSError as error:
        raise SourceNotFoundError(f"cannot read {bundle}: {error.strerror or error}") from None


def _hash_file(path: Path) -> tuple[str | None, bytes]:
    """The SHA-256 of a file's bytes and its first bytes; None when it cannot be read."""
    try:
        digest = hashlib.sha256()
        head = b""
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                head = head or block[:8]
                digest.update(block)
        return digest.hexdigest(), head
    except OSError:
        return None, b""


def _is_package(names: Iterable[str]) -> bool:
    """Whether a ZIP file is one document (DOCX, other Office or OpenDocument files), not a bundle.

    Other packages than DOCX are inputs too, so that the reader says what they are and that it does
    not read them, rather than their XML parts ending as rows.
    """
    present = set(names)
    return bool(present & {"word/document.xml", "[Content_Types].xml", "mimetype"})


def _inputs_of(path: Path, limits: Limits) -> list[BatchInput]:
    name = str(path)
    digest, head = _hash_file(path)
    single = [BatchInput(name=name, path=name, sha256=digest)]
    if digest is None or not head.startswith(_ZIP_MAGIC):
        return single
    try:
        with zipfile.ZipFile(path) as archive:
            if _is_package(archive.namelist()):
                return single
            return _members(path, digest, archive, limits)
    except (zipfile.BadZipFile, OSError, ValueError):
        return single  # a damaged archive: the reader gives the row its reason (corrupt_document)


def _members(path: Path, digest: str, archive: zipfile.ZipFile, limits: Limits) -> list[BatchInput]:
    name = str(path)
    try:
        _check_bundle(archive, limits)
    except DocumentTooLargeError as error:
        return [BatchInput(name=name, path=name, sha256=digest, error=(error.code, error.message))]
    members = [
        _member(path, archive, info, limits)
        for info in sorted(archive.infolist(), key=lambda info: info.filename)
        if not info.is_dir() and not _hidden(info.filename)
    ]
    if not members:
        empty = (EmptyDocumentError.code, "the ZIP bundle holds no files")
        return [BatchInput(name=name, path=name, sha256=digest, error=empty)]
    return members


def _hidden(member: str) -> bool:
    """Hidden files and folders (as in folder inputs) and the resource forks macOS adds to archives."""
    parts = [part for part in member.split("/") if part]
    return any(part.startswith(".") or part == "__MACOSX" for part in parts)


def _check_bundle(archive: zipfile.ZipFile, limits: Limits) -> None:
    """Refuse a bundle that would unpack to too much, before anything is decompressed (as for a DOCX)."""
    entries = archive.infolist()
    if len(entries) > limits.max_zip_entries:
        raise DocumentTooLargeError(
            f"the ZIP bundle has {len(entries)} entries; the limit is {limits.max_zip_entries} (Limits.max_zip_entries)"
        )
    total = sum(entry.file_size for entry in entries)
    if total > limits.max_uncompressed_bytes:
        raise DocumentTooLargeError(
            f"the ZIP bundle unpacks to {total} bytes; the limit is {limits.max_uncompressed_bytes}"
            " (Limits.max_uncompressed_bytes)"
        )
    for entry in entries:
        if entry.file_size > 1_000_000 and entry.file_size > _MAX_COMPRESSION_RATIO * max(entry.compress_size, 1):
            raise DocumentTooLargeError(
                f"the bundle's entry {entry.filename!r} is compressed"
                f" {entry.file_size // max(entry.compress_size, 1)}:1, which only a zip bomb does"
            )


def _member(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits) -> BatchInput:
    name = f"{path}{BUNDLE_SEPARATOR}{info.filename.lstrip('/')}"
    try:
        data = _read(archive, info, limits)
    except RolematchError as error:
        return BatchInput(name=name, path=str(path), member=info.filename, error=(error.code, error.message))
    digest = hashlib.sha256(data).hexdigest()
    if data.startswith(_ZIP_MAGIC) and not _is_package_bytes(data):
        nested = (
            UnsupportedFormatError.code,
            "a ZIP archive inside a ZIP bundle is not read (nested archives are refused); pass its files instead",
        )
        return BatchInput(name=name, path=str(path), member=info.filename, sha256=digest, error=nested)
    return BatchInput(name=name, path=str(path), member=info.filename, sha256=digest)


def _is_package_bytes(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _is_package(archive.namelist())
    except (zipfile.BadZipFile, ValueError):
        return True  # not a readable archive: a damaged document, which the reader reports


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits) -> bytes:
    """A member's bytes; typed errors for one too large, encrypted or compressed in a way zipfile cannot undo."""
    if info.file_size > limits.max_bytes:
        raise DocumentTooLargeError(
            f"the member is {info.file_size} bytes; the limit is {limits.max_bytes} (Limits.max_bytes)"
        )
    if info.flag_bits & 0x1:
        raise EncryptedDocumentError("the member is encrypted in the ZIP bundle; export it without a password")
    try:
        with archive.open(info) as handle:
            # The declared size bounds the read (zipfile stops there and checks the CRC).
            data = handle.read(limits.max_bytes + 1)
    except NotImplementedError as error:
        raise UnsupportedFormatError(f"the member's ZIP compression is not supported: {error}") from None
    except Exception as error:  # a bad CRC or header (BadZipFile), a damaged stream (zlib, bz2, lzma errors)
        raise CorruptDocumentError(f"the member cannot be read from the ZIP bundle: {error}") from None
    if len(data) > limits.max_bytes:
        raise DocumentTooLargeError(f"the member is over {limits.max_bytes} bytes (Limits.max_bytes)")
    return data
