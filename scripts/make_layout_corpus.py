"""Regenerate the ground-truth layout corpus under tests/fixtures/layouts/ (seeded; see notes in tests/layoutgen).

Run: .venv/bin/python scripts/make_layout_corpus.py [--per-layout 11] [--layouts a,b] [--out DIR]

Writes ``<layout>-<nnn>.<ext>`` and ``<layout>-<nnn>.truth.json`` per resume. The content and the truth are
the same on every run; PDF bytes may differ between producer versions. Layouts whose tool is missing are
skipped with a message. What the PDF layouts need (none of it is a runtime dependency of rolematch):

- Chromium: ``apt-get install -y --no-install-recommends chromium``
- LibreOffice: ``apt-get install -y --no-install-recommends libreoffice-writer-nogui``
- pdfTeX: ``apt-get install -y texlive-latex-base texlive-latex-extra texlive-fonts-recommended``
- WeasyPrint: ``.venv/bin/pip install weasyprint``
- fonts: ``fonts-dejavu fonts-liberation`` (the HTML templates name them)
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from layoutgen import LAYOUTS, available_layouts, build_case, make_resume  # noqa: E402
from layoutgen.content import REGIONS  # noqa: E402


def case_seed(layout_index: int, n: int) -> int:
    """A seed per (layout, file) that never collides between layouts."""
    return layout_index * 1000 + n


def content_for(layout: str, seed: int) -> dict[str, object]:
    """The resume for this seed, drawn within the layout's preferred regions and job counts."""
    spec = LAYOUTS[layout]
    rng = random.Random(f"content:{seed}")
    region = rng.choice(spec.regions or tuple(REGIONS))
    jobs = rng.randint(*spec.jobs)
    return make_resume(seed, region=region, jobs=jobs)


def main(argv: list[str] | None = None) -> int:
    """Write the corpus; prints one line per layout with the count written."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "tests" / "fixtures" / "layouts")
    parser.add_argument("--per-layout", type=int, default=11)
    parser.add_argument("--layouts", default="", help="comma-separated names (default: all available)")
    args = parser.parse_args(argv)
    wanted = [x for x in args.layouts.split(",") if x] or list(LAYOUTS)
    can = set(available_layouts())
    args.out.mkdir(parents=True, exist_ok=True)
    names = list(LAYOUTS)
    for layout in wanted:
        if layout not in can:
            print(f"skip {layout}: {LAYOUTS[layout].producer} is not installed")
            continue
        for old in args.out.glob(f"{layout}-[0-9][0-9][0-9].*"):
            old.unlink()
        for n in range(args.per_layout):
            seed = case_seed(names.index(layout), n)
            case_id = f"{layout}-{n:03d}"
            data, truth = build_case(content_for(layout, seed), layout, case_id=case_id, seed=seed)
            (args.out / f"{case_id}.{LAYOUTS[layout].ext}").write_bytes(data)
            (args.out / f"{case_id}.truth.json").write_text(
                json.dumps(truth, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
            )
        print(f"{layout:24s} {LAYOUTS[layout].producer:12s} {args.per_layout}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
