"""Distinct resume files made from the shipped examples, for batch tests and benchmarks (never committed)."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
_NAMES = ["Alex Kim", "Sam Rivera", "Noor Haddad", "Lena Novak", "Tomas Silva", "Aiko Mori", "Ravi Shah", "Ines Costa"]


def _text_variant(text: str, n: int) -> str:
    first_line, _, rest = text.partition("\n")
    name = f"{_NAMES[n % len(_NAMES)]} {n}"
    if first_line.startswith("# "):
        return f"# {name}\n{rest}"
    return f"{name}\n{rest}"


def make_variants(folder: Path, count: int) -> list[Path]:
    """``count`` resumes with distinct bytes, cycling through every example format."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = sorted(p for p in EXAMPLES.iterdir() if p.suffix in {".txt", ".md", ".json", ".docx", ".pdf"})
    made = []
    for n in range(count):
        source = sources[n % len(sources)]
        target = folder / f"{source.stem}-{n:05d}{source.suffix}"
        if source.suffix in {".txt", ".md"}:
            target.write_text(_text_variant(source.read_text(encoding="utf-8"), n), encoding="utf-8")
        elif source.suffix == ".json":
            data = json.loads(source.read_text(encoding="utf-8"))
            data["basics"]["name"] = f"{_NAMES[n % len(_NAMES)]} {n}"
            target.write_text(json.dumps(data, indent=2), encoding="utf-8")
        elif source.suffix == ".pdf":
            # Bytes after %%EOF are ignored by PDF readers; they only make the file distinct.
            target.write_bytes(source.read_bytes() + f"\n% variant {n}\n".encode())
        else:
            buffer = io.BytesIO()
            with zipfile.ZipFile(source) as original, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as copy:
                for item in original.infolist():
                    copy.writestr(item, original.read(item.filename))
                copy.writestr("customXml/variant.txt", str(n))
            target.write_bytes(buffer.getvalue())
        made.append(target)
    return made
