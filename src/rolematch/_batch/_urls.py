"""Batch inputs given as fsspec URLs (``s3://bucket/folder``, ``gs://``, ``abfs://``, ``memory://``).

They are read by a cluster's workers, never downloaded by the client, so the fsspec backend
(``s3fs``, ``gcsfs``, ``adlfs``) and its credentials are needed where the workers run. A URL is
expanded as a path is: a "folder" (a prefix) is listed recursively without hidden files, a glob
pattern matches files, and a URL that names nothing stays, to end as an error row. Each URL input
is known, as a file is, by the SHA-256 of its bytes, which a worker computes (streamed, never
held whole); duplicates and ``--resume`` then work by content, as for local files. The cost is a
second read of each URL input that is matched (hashing, then parsing), which a listing's ETag
could not save: an ETag is no content hash on every store (S3 multipart uploads).

A ZIP bundle at a URL is not opened (bundles are opened on the client, which does not download):
it ends as one error row that says so. Functions here import fsspec when called, so that the
rest of the batch engine needs neither fsspec nor dask.
"""

from __future__ import annotations

import glob
import hashlib
import re
from collections.abc import Iterable
from typing import Any

from .._limits import DEFAULT_LIMITS, Limits
from .._read import read_source_bytes
from ..errors import DocumentTooLargeError, SourceNotFoundError, UnsupportedFormatError
from ._inputs import _ZIP_MAGIC, _is_package

__all__ = ["hash_url", "is_url", "list_url", "read_url", "split_urls"]

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+://")  # two letters at least: C:/ is a Windows path


def _fsspec() -> Any:
    """fsspec, imported where a URL is read (the workers); the client lists nothing itself."""
    import fsspec  # type: ignore[import-untyped]

    return fsspec


def is_url(text: str) -> bool:
    """Whether a batch input is an fsspec URL (``scheme://...``) rather than a local path."""
    return bool(_URL.match(text))


def split_urls(inputs: Iterable[str]) -> tuple[list[str], list[str]]:
    """The local inputs and the URL inputs, each in the order given."""
    local: list[str] = []
    urls: list[str] = []
    for item in inputs:
        (urls if is_url(item) else local).append(item)
    return local, urls


def list_url(url: str) -> list[tuple[str, str | None]]:
    """On a worker: the files a URL input stands for, sorted, each as ``(url, None)``; or the input
    with the reason it cannot be listed. A URL naming nothing stays as itself (its row says so)."""
    try:
        fs, root = _fsspec().core.url_to_fs(url)
        if glob.has_magic(root):
            paths = [p for p in fs.glob(root) if fs.isfile(p)]
        else:
            prefix = root.rstrip("/") + "/"
            paths = [p for p in fs.find(root) if not _hidden(p[len(prefix) :] if p.startswith(prefix) else "")]
    except Exception as error:  # a backend not installed, no credentials, a malformed URL
        return [(url, f"cannot list {url}: {type(error).__name__}: {error}")]
    if not paths:
        return [(url, None)]
    return [(fs.unstrip_protocol(p), None) for p in sorted(set(paths))]


def _hidden(relative: str) -> bool:
    """Hidden files and folders inside a listed prefix, as inside a folder input."""
    return any(part.startswith(".") for part in relative.split("/") if part)


def hash_url(url: str) -> tuple[str | None, tuple[str, str] | None]:
    """On a worker: the SHA-256 of a URL's bytes, or the error its row will carry.

    Storage errors other than a missing or forbidden object (a network failure) are raised, for
    the cluster to retry the task.
    """
    digest = hashlib.sha256()
    head = b""
    try:
        with _fsspec().open(url, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                head = head or block[:8]
                digest.update(block)
    except (FileNotFoundError, IsADirectoryError):
        return None, (SourceNotFoundError.code, f"no such file: {url}")
    except PermissionError:
        return None, (SourceNotFoundError.code, f"no permission to read {url}")
    if head.startswith(_ZIP_MAGIC) and not _is_package_at(url):
        message = "a ZIP bundle at a URL is not opened; pass the URLs of its files, or the bundle as a local file"
        return digest.hexdigest(), (UnsupportedFormatError.code, message)
    return digest.hexdigest(), None


def _is_package_at(url: str) -> bool:
    """Whether a ZIP file at ``url`` is one document (a DOCX...), as ``_inputs`` tells a bundle."""
    import zipfile

    try:
        with _fsspec().open(url, "rb") as handle, zipfile.ZipFile(handle) as archive:
            return _is_package(archive.namelist())
    except (zipfile.BadZipFile, ValueError):
        return True  # not a readable archive: a damaged document, which the reader reports


def read_url(url: str, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """On a worker: a URL's bytes within ``limits.max_bytes``, with the errors reading a path gives."""
    try:
        with _fsspec().open(url, "rb") as handle:
            size = getattr(handle, "size", None)
            if isinstance(size, int) and size > limits.max_bytes:
                raise DocumentTooLargeError(
                    f"the input is {size} bytes; the limit is {limits.max_bytes} (Limits.max_bytes)"
                )
            data = handle.read(limits.max_bytes + 1)
    except (FileNotFoundError, IsADirectoryError):
        raise SourceNotFoundError(f"no such file: {url}") from None
    except PermissionError:
        raise SourceNotFoundError(f"no permission to read {url}") from None
    return read_source_bytes(data, limits)
