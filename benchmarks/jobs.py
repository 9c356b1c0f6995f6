"""Ranking against job postings: rolematch's score beside TF-IDF cosine, as AUC per posting.

For each hand-written posting of ``tests/fixtures/jobs/`` whose family the resume pool has
(``tests/fixtures/pool/``: 48 hand-written resumes labelled by job family), every pool resume is
scored two ways: ``match(resume, job=posting).score``, and the cosine of TF-IDF vectors of the
posting and the resume (scikit-learn, fitted on the pool and the postings: the approach most
open-source rankers use). AUC is the chance that a resume of the posting's family scores above one
of another family. Also times ``parse_job`` on a ~600-word posting and one match of a parsed
resume against a parsed posting.

    python benchmarks/jobs.py [-v]      # -v: the AUC of every posting
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import rolematch  # noqa: E402
from rolematch._job import parse_job, role_from_job  # noqa: E402
from rolematch._match import match_resume  # noqa: E402
from rolematch._match._evidence import forget_classified  # noqa: E402
from rolematch._skills import default_registry  # noqa: E402

AS_OF = date(2026, 11, 21)
POOL = ROOT / "tests" / "fixtures" / "pool"
JOBS = ROOT / "tests" / "fixtures" / "jobs"
# Families of the pool; "other" holds non-tech resumes, whose notes name the occupation.
OCCUPATION_WORDS = {"nurse": "nurse", "accountant": "accountant"}


def auc(positives: Sequence[float], negatives: Sequence[float]) -> float:
    """Mann-Whitney AUC: P(a positive scores above a negative), ties counting half."""
    wins = sum(1.0 if p > n else 0.5 if p == n else 0.0 for p in positives for n in negatives)
    return wins / (len(positives) * len(negatives))


def family_of_resume(label: dict[str, str]) -> str:
    if label["family"] != "other":
        return label["family"]
    note = label.get("note", "").lower()
    return next((family for word, family in OCCUPATION_WORDS.items() if word in note), "other")


def postings() -> list[tuple[Path, dict[str, object]]]:
    found = []
    for path in sorted(JOBS.iterdir()):
        if path.name.endswith((".truth.json", "README.md")):
            continue
        truth = json.loads(path.with_name(path.name.rsplit(".", 1)[0] + ".truth.json").read_text(encoding="utf-8"))
        found.append((path, truth))
    return found


def tfidf_scores(posting_texts: list[str], resume_texts: list[str]) -> list[list[float]]:
    """Cosine of each posting's TF-IDF vector with each resume's (one vectorizer over all texts)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True)
    matrix = vectorizer.fit_transform(posting_texts + resume_texts)
    similarity = cosine_similarity(matrix[: len(posting_texts)], matrix[len(posting_texts) :])
    return [list(map(float, row)) for row in similarity]


def best_of(function: Callable[[], object], rounds: int = 7) -> float:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return min(samples)


@dataclass
class Figures:
    """What the benchmark measured."""

    auc_by_family: dict[str, tuple[float, float]] = field(default_factory=dict)  # family -> (rolematch, TF-IDF)
    lines: list[str] = field(default_factory=list)  # per posting, for -v
    parse_ms: float = 0.0
    words: int = 0
    match_ms: float = 0.0
    warm_match_ms: float = 0.0


def measure() -> Figures:
    """Every posting's AUC beside TF-IDF's, and the parse and match timings."""
    labels = json.loads((POOL / "labels.json").read_text(encoding="utf-8"))
    names = sorted(labels)
    resumes = [rolematch.parse_resume(POOL / name, as_of=AS_OF) for name in names]
    families = [family_of_resume(labels[name]) for name in names]
    jobs = [(path, truth) for path, truth in postings() if truth["family"] in set(families)]
    parsed = [parse_job(path, as_of=AS_OF) for path, _ in jobs]
    tfidf = tfidf_scores([p.text for p in parsed], [r.text for r in resumes])
    figures = Figures()
    pairs: dict[str, list[tuple[float, float]]] = {}
    for (path, truth), posting, cosines in zip(jobs, parsed, tfidf, strict=True):
        scores = [rolematch.match(resume, job=posting).score for resume in resumes]
        family = str(truth["family"])
        positive = [i for i, f in enumerate(families) if f == family]
        negative = [i for i, f in enumerate(families) if f != family]
        ours = auc([scores[i] for i in positive], [scores[i] for i in negative])
        anchor = auc([cosines[i] for i in positive], [cosines[i] for i in negative])
        pairs.setdefault(family, []).append((ours, anchor))
        figures.lines.append(
            f"  {path.name:40s} {family:17s} n+={len(positive):2d}  rolematch {ours:.3f}  tf-idf {anchor:.3f}"
        )
    for family, found in sorted(pairs.items()):
        figures.auc_by_family[family] = (statistics.mean(p[0] for p in found), statistics.mean(p[1] for p in found))
    every = [pair for found in pairs.values() for pair in found]
    figures.auc_by_family["all"] = (statistics.mean(p[0] for p in every), statistics.mean(p[1] for p in every))
    speed(parsed, resumes, figures)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="print every posting's AUC")
    args = parser.parse_args()
    figures = measure()
    print(f"{len(figures.lines)} postings x 48 resumes (tests/fixtures/jobs, tests/fixtures/pool)")
    if args.verbose:
        print("\n".join(figures.lines))
    print(f"  {'family':17s} rolematch AUC  TF-IDF cosine AUC")
    for family, (ours, anchor) in figures.auc_by_family.items():
        print(f"  {family:17s} {ours:13.3f}  {anchor:17.3f}")
    print(f"  parse_job, {figures.words}-word posting: {figures.parse_ms:.1f} ms (target < 20 ms)")
    print(f"  match one parsed resume against one parsed posting: {figures.match_ms:.2f} ms (target < 2 ms)")
    print(f"    the same resume against a further posting (evidence kinds cached): {figures.warm_match_ms:.2f} ms")
    return 0


def speed(parsed: list[rolematch.JobPosting], resumes: list[rolematch.Resume], figures: Figures) -> None:
    """parse_job on a ~600-word posting; one parsed resume against one parsed posting."""
    longest = max(parsed, key=lambda p: len(p.text.split()))
    text = longest.text
    while len(text.split()) < 600:
        text += "\n" + longest.text
    text = " ".join(text.split(" ")[:600]) if len(text.split()) > 650 else text
    rolematch.parse_job_text(text, as_of=AS_OF)  # warm: the vocabulary and the skill registry load once
    parse_seconds = best_of(lambda: rolematch.parse_job_text(text, as_of=AS_OF))
    role = role_from_job(longest)
    taxonomy = default_registry().taxonomy
    level = role.level_ids[0]

    def every_resume() -> None:
        forget_classified()  # each resume read afresh: the cost of a first match
        for resume in resumes:
            match_resume(resume, role, level, as_of=AS_OF, taxonomy=taxonomy)

    def again() -> None:  # the same resumes against the posting once more: their evidence kinds are cached
        for resume in resumes[-16:]:
            match_resume(resume, role, level, as_of=AS_OF, taxonomy=taxonomy)

    every_resume()
    match_seconds = best_of(every_resume, 5) / len(resumes)
    again()
    warm_seconds = best_of(again, 5) / 16
    figures.words = len(text.split())
    figures.parse_ms = parse_seconds * 1000
    figures.match_ms = match_seconds * 1000
    figures.warm_match_ms = warm_seconds * 1000


if __name__ == "__main__":
    sys.exit(main())
