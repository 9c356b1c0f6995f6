"""Every hostile kind through an isolated parse: outcome, time and peak memory of the process tree.

    python benchmarks/hostile_inputs.py

Each case runs in a fresh process that parses with the default isolation (10 s, 512 MB, 10 CPU
seconds), so the peak RSS printed is that case's own: the parent's and its reading child's.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from hostile import make_hostile  # noqa: E402

_CASE = """
import json, resource, sys, time
import rolematch
from rolematch._skills import default_registry
default_registry()
start = time.perf_counter()
try:
    as_of = __import__("datetime").date(2026, 11, 21)
    resume = rolematch.parse_resume(sys.argv[1], isolation=rolematch.Isolation(), as_of=as_of)
    outcome = f"result: {len(resume.text)} chars, {len(resume.skills)} skill mentions"
except rolematch.RolematchError as error:
    outcome = f"{error.code}"
elapsed = time.perf_counter() - start
from rolematch._isolation import close_readers
close_readers()  # collect the reading child so that its peak memory is counted
kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
# VmHWM starts afresh at exec; ru_maxrss would count the spawning process's memory too.
own = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM")) / 1024
print(json.dumps({"outcome": outcome, "seconds": elapsed, "child_mb": kids, "parent_mb": own}))
"""


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="rolematch-hostile-") as folder:
        cases = make_hostile(Path(folder))
        print("| kind | file | outcome | seconds | peak MB (parent / reading child) |")
        print("|---|---|---|---|---|")
        for kind, path in cases.items():
            run = subprocess.run([sys.executable, "-c", _CASE, str(path)], capture_output=True, text=True, timeout=120)
            if run.returncode != 0:
                print(f"| {kind} | {path.name} | CRASHED rc={run.returncode}: {run.stderr.strip()[-200:]} | | |")
                continue
            row = json.loads(run.stdout.strip().splitlines()[-1])
            print(
                f"| {kind} | {path.name} | {row['outcome']} | {row['seconds']:.2f} | "
                f"{row['parent_mb']:.0f} / {row['child_mb']:.0f} |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
