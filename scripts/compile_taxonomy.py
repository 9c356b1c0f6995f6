"""Write rolematch_data/skills.compiled.json from skills.yaml, and rolematch_data/data.compiled.json
from parsing.yaml and the role files (tests check both are current).

Run it after editing a file of ``rolematch_data`` or upgrading spaCy: a fresh process then reads
the parsed, pre-tokenised taxonomy instead of parsing the YAML and tokenising every form, and the
parsing vocabulary and the roles without importing PyYAML. A file edited since is read from its
YAML (each compiled entry names the hash of the text it was made from).
"""

from __future__ import annotations

import json
from pathlib import Path

from rolematch._data import COMPILED_DATA, compile_parsing_vocabulary
from rolematch._match._roles import compile_roles
from rolematch._skills import compile_taxonomy

DATA = Path(__file__).resolve().parent.parent / "rolematch_data"
TARGET = DATA / "skills.compiled.json"

if __name__ == "__main__":
    # Fields left at their defaults are left out (as a YAML file leaves them out): ~25% less to read.
    TARGET.write_text(compile_taxonomy().model_dump_json(exclude_defaults=True) + "\n", encoding="utf-8")
    print(f"wrote {TARGET}")
    entries = {**compile_parsing_vocabulary(), **compile_roles()}
    (DATA / COMPILED_DATA).write_text(json.dumps(entries, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {DATA / COMPILED_DATA}")
