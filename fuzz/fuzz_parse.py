"""Coverage-guided fuzzing of the readers and the parser with atheris (libFuzzer for Python).

    pip install atheris
    python fuzz/fuzz_parse.py -max_total_time=600 fuzz/corpus/     # run for ten minutes

Seeds come from examples/ (copied into the corpus folder on the first run). Anything other
than a Resume or a RolematchError is a crash: libFuzzer stops and writes the input to
crash-<hash>. Turn each one into a regression test in tests/test_hostile.py (see docs/security.md).
"""

from __future__ import annotations

import contextlib
import shutil
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _seed(corpus: Path) -> None:
    corpus.mkdir(parents=True, exist_ok=True)
    if not any(corpus.iterdir()):
        for example in (ROOT / "examples").iterdir():
            if example.suffix in {".txt", ".md", ".json", ".docx", ".pdf"}:
                shutil.copy(example, corpus / example.name)


def main() -> None:
    import atheris

    with atheris.instrument_imports():
        import rolematch

    rolematch._skills.default_registry()  # build once, not under the fuzzer's clock

    def one_input(data: bytes) -> None:
        with contextlib.suppress(rolematch.RolematchError):
            rolematch.parse_resume(data, as_of=date(2026, 1, 1))

    folders = [a for a in sys.argv[1:] if not a.startswith("-")]
    _seed(Path(folders[0]) if folders else ROOT / "fuzz" / "corpus")
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
