"""An ATS-side client: post every resume in a folder to a rolematch service and print the ranking.

With the key exported as the README starts the service (`export ROLEMATCH_API_KEYS=...`, then
`rolematch serve --port 8000`):

    python examples/ats_client.py examples/ --level mid

The key is ROLEMATCH_API_KEY, else the first of ROLEMATCH_API_KEYS (the variable the server
reads); the service's address is ROLEMATCH_URL (default http://127.0.0.1:8000). Files named .pdf,
.docx, .txt, .md or .json are posted. Without --level each resume is matched at its best-fitting
level. Exit status: 0 when every resume was matched; 1 when any request failed (each failure is
printed on stderr); 2 for a usage error. Needs httpx (pip install httpx).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping
from pathlib import Path

import httpx

# The formats rolematch reads (the service sniffs the bytes; this only keeps other files out).
RESUME_SUFFIXES = {".pdf", ".docx", ".txt", ".md", ".json"}


def api_key(environ: Mapping[str, str] = os.environ) -> str:
    """ROLEMATCH_API_KEY, else the first key of ROLEMATCH_API_KEYS (comma-separated, as the server reads it)."""
    key = environ.get("ROLEMATCH_API_KEY", "").strip()
    if key:
        return key
    return next((k.strip() for k in environ.get("ROLEMATCH_API_KEYS", "").split(",") if k.strip()), "")


def error_text(response: httpx.Response) -> str:
    """The service's ``code: message``, or the status line when the answer is not rolematch's error JSON."""
    try:
        error = response.json()["error"]
        return f"{response.status_code} {error['code']}: {error['message']}"
    except (ValueError, KeyError, TypeError):
        return f"{response.status_code} {response.reason_phrase}"


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--level", help="level id (junior, mid, senior); default: each resume's best level")
    parser.add_argument("--role", default="ml-engineer")
    args = parser.parse_args()
    if not args.folder.is_dir():
        parser.error(f"{args.folder} is not a folder")
    key = api_key()
    if not key:
        parser.error("set ROLEMATCH_API_KEY (or ROLEMATCH_API_KEYS, as for `rolematch serve`) to the service's key")
    base = os.environ.get("ROLEMATCH_URL", "http://127.0.0.1:8000")
    params = {"role": args.role} | ({"level": args.level} if args.level else {})
    rows: list[tuple[float, str, str, str, str]] = []
    failed = 0
    with httpx.Client(base_url=base, headers={"X-API-Key": key}, timeout=60) as client:
        for path in sorted(args.folder.iterdir()):
            if not path.is_file() or path.name.startswith(".") or path.suffix.lower() not in RESUME_SUFFIXES:
                continue
            try:
                response = client.post(
                    "/v1/match",
                    params=params,
                    files={"file": (path.name, path.read_bytes(), "application/octet-stream")},
                )
            except httpx.HTTPError as error:
                print(f"{path.name}: cannot reach {base}: {error}", file=sys.stderr)
                return 1  # the next file would fail the same way
            if response.status_code != 200:
                failed += 1
                print(f"{path.name}: {error_text(response)}", file=sys.stderr)
                continue
            body = response.json()
            missing = [r["name"] for r in body["requirements"] if r["kind"] == "must" and r["status"] != "met"]
            rows.append((body["score"], path.name, body["level"], body["verdict"], "; ".join(missing[:2]) or "-"))
    for rank, (score, name, level, verdict, gaps) in enumerate(sorted(rows, key=lambda r: (-r[0], r[1])), start=1):
        print(f"{rank:>3}  {score:5.1f}  {level:7}  {verdict:12}  {name:40}  gaps: {gaps}")
    if failed:
        print(f"{failed} of {failed + len(rows)} requests failed", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
