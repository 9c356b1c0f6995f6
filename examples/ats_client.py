"""An ATS-side client: post every resume in a folder to a rolematch service and print the ranking.

    ROLEMATCH_URL=http://127.0.0.1:8000 ROLEMATCH_API_KEY=... python examples/ats_client.py examples/ --level mid

Needs httpx (pip install httpx). The service is started with `rolematch serve`.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import httpx


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--level", required=True)
    parser.add_argument("--role", default="ml-engineer")
    args = parser.parse_args()
    base = os.environ.get("ROLEMATCH_URL", "http://127.0.0.1:8000")
    headers = {"X-API-Key": os.environ.get("ROLEMATCH_API_KEY", "")}
    rows = []
    with httpx.Client(base_url=base, headers=headers, timeout=60) as client:
        for path in sorted(p for p in args.folder.iterdir() if p.is_file() and not p.name.startswith(".")):
            response = client.post(
                "/v1/match",
                params={"role": args.role, "level": args.level},
                files={"file": (path.name, path.read_bytes(), "application/octet-stream")},
            )
            body = response.json()
            if response.status_code == 200:
                gaps = [r["name"] for r in body["requirements"] if r["kind"] == "must" and r["status"] != "met"]
                rows.append((body["score"], path.name, body["verdict"], "; ".join(gaps[:2]) or "-"))
            else:
                print(f"{path.name}: {response.status_code} {body['error']['code']}: {body['error']['message']}")
    for rank, (score, name, verdict, gaps) in enumerate(sorted(rows, key=lambda r: (-r[0], r[1])), start=1):
        print(f"{rank:>3}  {score:5.1f}  {verdict:12}  {name:40}  gaps: {gaps}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
