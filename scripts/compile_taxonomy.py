"""Write rolematch_data/skills.compiled.json from skills.yaml (tests check it is current).

Run it after editing ``rolematch_data/skills.yaml`` or upgrading spaCy: a fresh process then
reads the parsed, pre-tokenised taxonomy instead of parsing the YAML and tokenising every form.
"""

from __future__ import annotations

from pathlib import Path

from rolematch._skills import compile_taxonomy

TARGET = Path(__file__).resolve().parent.parent / "rolematch_data" / "skills.compiled.json"

if __name__ == "__main__":
    TARGET.write_text(compile_taxonomy().model_dump_json() + "\n", encoding="utf-8")
    print(f"wrote {TARGET}")
