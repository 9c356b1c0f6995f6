"""The benchmark suite behind ``make bench``: every ratio measured side by side in one run.

Inputs are generated from the examples in a temporary folder (never committed); the shared
corpus PDFs join the PDF measurement when they are present. Each timing is the median of several
rounds. Every target line ends with its target and PASS or FAIL; under the text and PDF lines, a
stage profile and a floor line (the costs the design fixes, against the target's budget) say
where the time goes.

    python benchmarks/suite.py [--quick]     # --quick: smaller batches, for a smoke run
"""

from __future__ import annotations

import argparse
import io
import json
import logging
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import rolematch  # noqa: E402
from variants import make_variants  # noqa: E402

logging.getLogger("pdfminer").setLevel(logging.ERROR)  # pdfplumber's font warnings are not results

AS_OF = date(2026, 11, 21)
CORPUS_PDFS = ROOT.parent / "shared" / "corpus" / "pdfs"
RESULTS: list[tuple[str, str, bool]] = []
# SkillSpan dev precision and recall when the skills issue closed (its closing note).
RECORDED_PRECISION, RECORDED_RECALL = 0.624, 0.780


def median_time(function: Callable[[], object], rounds: int = 5, before: Callable[[], object] | None = None) -> float:
    samples = []
    for _ in range(rounds):
        if before is not None:
            before()  # untimed
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def paired_times(
    first: Callable[[], object], second: Callable[[], object], rounds: int = 7
) -> tuple[float, float, float]:
    """Median times of two functions and the median of their per-round ratio (first / second).

    The two run alternately, so each ratio is taken under the same load; on a shared machine the
    absolute times drift by tens of percent between rounds, the ratio of neighbours much less.
    """
    firsts, seconds = [], []
    for _ in range(rounds):
        for function, samples in ((first, firsts), (second, seconds)):
            start = time.perf_counter()
            function()
            samples.append(time.perf_counter() - start)
    ratios = [a / b for a, b in zip(firsts, seconds, strict=True)]
    return statistics.median(firsts), statistics.median(seconds), statistics.median(ratios)


def forget_documents() -> None:
    """Empty rolematch's caches keyed by what documents hold (date strings, words looked up for
    fuzzy skills, phone numbers...), so that each timed round pays what a batch of new resumes
    would: the suite times the same texts round after round, which such caches would otherwise
    answer from the first round on. Caches of what is built once (patterns, the registry) stay."""
    from rolematch._skills import default_registry

    for name, module in list(sys.modules.items()):
        if name.startswith("rolematch"):
            for value in list(vars(module).values()):
                parameters = getattr(value, "cache_parameters", None)
                if callable(parameters) and parameters().get("maxsize") is not None:
                    value.cache_clear()
    for extractor in default_registry()._extractors:
        remembered = getattr(extractor, "_best", None)
        if isinstance(remembered, dict):
            remembered.clear()
    memo = sys.modules.get("rolematch._match._memo")
    if memo is not None:  # what a match read of each resume object (the profile matches the same objects)
        memo.forget_all()


def verdict(name: str, figure: str, target: str, passed: bool) -> None:
    RESULTS.append((name, f"{figure} (target {target})", passed))
    print(f"  {name}: {figure}; target {target}: {'PASS' if passed else 'FAIL'}", flush=True)


TEXT_TARGET = 0.75
PDF_TARGET = 1.0  # at most +100% over PDFium's own text extraction
STARTUP_TARGET = 0.25  # seconds of rolematch's own above Python + spaCy + English()
MATCH_TARGET_MS, ASSESS_TARGET_MS = 0.3, 0.6
MIXED_TARGET = 0.4


def bench_text(folder: Path) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.iterdir()) if p.suffix in {".txt", ".md"}]
    ratio, stock_seconds = _text_ratio(texts, "text")
    verdict(
        "text: whole match vs stock spacy.blank tokenizer alone",
        f"{ratio:.2f}x as fast",
        f">= {TEXT_TARGET}x",
        ratio >= TEXT_TARGET,
    )
    text_profile(texts, stock_seconds, TEXT_TARGET)


def bench_mixed() -> None:
    """The held-out ratio: the same measure on texts with many words no dictionary knows."""
    import mixed_vocab

    texts = mixed_vocab.mixed_texts()
    share = mixed_vocab.unknown_share(texts)
    print(f"mixed vocabulary: {share:.0%} of the words are in neither the stop words nor the taxonomy")
    ratio, stock_seconds = _text_ratio(texts, "mixed vocabulary")
    verdict(
        "text, held-out mixed vocabulary: whole match vs stock tokenizer",
        f"{ratio:.2f}x as fast",
        f">= {MIXED_TARGET}x",
        ratio >= MIXED_TARGET,
    )
    text_profile(texts, stock_seconds, MIXED_TARGET)


def _text_ratio(texts: list[str], label: str) -> tuple[float, float]:
    """How fast a whole text match (parse + match one level) runs against spaCy's stock tokenizer."""
    import spacy

    stock = spacy.blank("en").tokenizer
    for text in texts[:3]:
        rolematch.match(rolematch.parse_text(text, as_of=AS_OF), level="mid")
        stock(text)

    def whole() -> None:
        forget_documents()
        for text in texts:
            rolematch.match(rolematch.parse_text(text, as_of=AS_OF), level="mid")

    tokenize, matched, ratio = paired_times(lambda: [stock(t) for t in texts], whole)
    words = sum(len(t.split()) for t in texts)
    print(
        f"{label}: {len(texts)} resumes, {words} words; stock tokenizer {tokenize / len(texts) * 1000:.2f} ms/resume, "
        f"rolematch parse+match {matched / len(texts) * 1000:.2f} ms/resume"
    )
    return ratio, tokenize / len(texts)


def text_profile(texts: list[str], stock_seconds: float, target: float) -> None:
    """Where a text match spends its time, stage by stage, against the stock tokenizer's time per resume."""
    from rolematch._parse import parse_document
    from rolematch._parse._contact import find_contact
    from rolematch._parse._education import find_education
    from rolematch._parse._experience import find_experience
    from rolematch._parse._quality import quality_warnings
    from rolematch._parse._sections import find_sections
    from rolematch._read import Document, read_text
    from rolematch._skills import default_registry
    from rolematch.resume import SectionKind

    registry = default_registry()
    cleaned = [read_text(t) for t in texts]
    sections = [find_sections(t) for t in cleaned]
    docs = [registry.tokenize(t) for t in cleaned]
    documents = [Document(format="text", text=t, reader="text", bytes=len(t), sha256="0" * 64) for t in cleaned]
    resumes = [parse_document(d, as_of=AS_OF) for d in documents]
    month = AS_OF.year * 12 + AS_OF.month - 1

    def structure() -> None:
        for text, found in zip(cleaned, sections, strict=True):
            find_sections(text)
            for section in found:
                if section.kind is SectionKind.EXPERIENCE:
                    find_experience(text, section.body.start, section.body.end, month)
                elif section.kind is SectionKind.EDUCATION:
                    find_education(text, section.body.start, section.body.end)
            find_contact(text, found)

    stages: list[tuple[str, Callable[[], object]]] = [
        ("read: clean-up of the text", lambda: [read_text(t) for t in texts]),
        ("parse: sections, jobs, degrees, contacts", structure),
        ("parse: tokenizer (ours)", lambda: [registry.tokenize(t) for t in cleaned]),
        (
            "parse: skills (" + ", ".join(registry.names) + ")",
            lambda: [
                registry.extract(t, sections=r.sections, experience=r.experience, doc=d)
                for t, r, d in zip(cleaned, resumes, docs, strict=True)
            ],
        ),
        (
            "parse: quality checks",
            lambda: [quality_warnings(t, [x.text for x in d], 5) for t, d in zip(cleaned, docs, strict=True)],
        ),
        ("parse: whole (the rows above + the Resume)", lambda: [parse_document(d, as_of=AS_OF) for d in documents]),
        *_match_stages(resumes),
    ]
    budget = stock_seconds / target * 1000
    header = f"ms per resume (stock tokenizer {stock_seconds * 1000:.2f}; the whole must fit in {budget:.2f})"
    figures = print_profile(header, stages, len(texts))
    print_floor(figures, [_MODELS, "parse: tokenizer (ours)"], budget, "a resume")


def _match_stages(resumes: list[rolematch.Resume]) -> list[tuple[str, Callable[[], object]]]:
    """The rows both profiles end with: matching one level, and validating the Resume and FitReport
    of each input from their fields (what building the output models costs pydantic)."""
    from rolematch._match import get_role, match_resume

    role = get_role("ml-engineer")
    reports = [match_resume(r, role, "mid", as_of=AS_OF) for r in resumes]
    fields = [(r.model_dump(), f.model_dump()) for r, f in zip(resumes, reports, strict=True)]
    return [
        ("match: one level", lambda: [match_resume(r, role, "mid", as_of=AS_OF) for r in resumes]),
        (
            _MODELS,
            lambda: [(rolematch.Resume.model_validate(r), rolematch.FitReport.model_validate(f)) for r, f in fields],
        ),
    ]


def print_profile(header: str, stages: list[tuple[str, Callable[[], object]]], count: int) -> dict[str, float]:
    """The median time of each stage, per item (resume or page), in milliseconds."""
    print(f"  profile, {header}:")
    figures = {}
    for name, function in stages:
        figures[name] = median_time(function, before=forget_documents) / count * 1000
        print(f"    {name:48s} {figures[name]:6.2f}")
    return figures


_MODELS = "output models alone (pydantic validation)"


def print_floor(figures: dict[str, float], parts: list[str], budget: float, unit: str) -> None:
    """Costs the design fixes (validated output models, the tokenizer, the boxes reading order needs) vs the budget."""
    floor = sum(figures[part] for part in parts)
    print(
        f"  floor: {' + '.join(f'{part} {figures[part]:.2f}' for part in parts)} = {floor:.2f} ms {unit} "
        f"of the {budget:.2f} ms the target allows ({floor / budget:.0%}); everything else must fit in the rest"
    )


def bench_pdf(folder: Path) -> None:
    import pdfplumber
    import pypdfium2 as pdfium

    files = sorted(folder.glob("*.pdf"))[:10]
    if CORPUS_PDFS.is_dir():
        files += sorted(CORPUS_PDFS.glob("template_*.pdf"))
    blobs = [f.read_bytes() for f in files]
    pages = 0
    for data in blobs:
        pdf = pdfium.PdfDocument(data)
        pages += len(pdf)
        pdf.close()

    def pdfium_text() -> None:
        for data in blobs:
            pdf = pdfium.PdfDocument(data)
            for page in pdf:
                page.get_textpage().get_text_range()
            pdf.close()

    def plumber_text() -> None:
        for data in blobs:
            with pdfplumber.open(io.BytesIO(data)) as pdf:
                for page in pdf.pages:
                    page.extract_text()

    def full_match() -> None:
        forget_documents()
        for data in blobs:
            rolematch.match(data, level="mid", as_of=AS_OF)

    full_match()
    matched, reader, slowdown = paired_times(full_match, pdfium_text)
    plumber = median_time(plumber_text, rounds=3)
    print(
        f"pdf: {len(blobs)} files, {pages} pages; PDFium text {pages / reader:.0f} pages/s, pdfplumber extract_text "
        f"{pages / plumber:.1f} pages/s, rolematch match {pages / matched:.1f} pages/s"
    )
    overhead = slowdown - 1
    target = f"<= +{PDF_TARGET:.0%}"
    verdict("pdf: match over PDFium's own text extraction", f"+{overhead:.0%}", target, overhead <= PDF_TARGET)
    verdict("pdf: PDFium text vs pdfplumber extract_text", f"{plumber / reader:.1f}x as fast", "(reported)", True)
    pdf_profile(blobs, pages, reader)


def pdf_profile(blobs: list[bytes], pages: int, reader_seconds: float) -> None:
    """Where a PDF match spends its time, per page, against PDFium's own text extraction."""
    from rolematch._limits import DEFAULT_LIMITS
    from rolematch._parse import parse_document
    from rolematch._read import read_document
    from rolematch._read._layout import page_lines
    from rolematch._read._pdf import PdfiumReader

    pdfium_reader = PdfiumReader()
    boxed = [pdfium_reader.pages(data, DEFAULT_LIMITS) for data in blobs]
    documents = [read_document(data) for data in blobs]
    resumes = [parse_document(d, as_of=AS_OF) for d in documents]
    stages: list[tuple[str, Callable[[], object]]] = [
        ("read: PDFium words with boxes", lambda: [pdfium_reader.pages(data, DEFAULT_LIMITS) for data in blobs]),
        ("read: column layout", lambda: [page_lines(p.words, p.width) for page in boxed for p in page]),
        ("read: whole (the rows above + clean-up)", lambda: [read_document(data) for data in blobs]),
        ("parse", lambda: [parse_document(d, as_of=AS_OF) for d in documents]),
        *_match_stages(resumes),
    ]
    header = (
        f"ms per page (PDFium text alone {reader_seconds / pages * 1000:.2f}; the target allows "
        f"{reader_seconds / pages * 1000 * (1 + PDF_TARGET):.2f} in all)"
    )
    figures = print_profile(header, stages, pages)
    # What the target leaves beyond PDFium's own extraction, against two costs this design cannot
    # skip: the words' boxes (the reading order of columns needs them) and the output models.
    figures["boxes beyond PDFium text"] = max(
        0.0, figures["read: PDFium words with boxes"] - reader_seconds / pages * 1000
    )
    print_floor(figures, ["boxes beyond PDFium text", _MODELS], reader_seconds / pages * 1000 * PDF_TARGET, "a page")


# The measured process's own peak RSS in kB. Not ru_maxrss: Linux keeps that high-water mark across
# exec, so a child started by this (large) suite process would report the suite's size.
_OWN_PEAK = (
    "own = next((int(line.split()[1]) for line in open('/proc/self/status') if line.startswith('VmHWM')),"
    " resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
)


def _batch_in_subprocess(inputs: Path, out: Path, workers: int) -> dict[str, float]:
    """One batch in a fresh process; returns its rate and the peak RSS of its largest worker (or itself)."""
    code = (
        "import json, resource, sys, datetime\n"
        "from rolematch._batch import run_batch\n"
        "from rolematch._match import get_role\n"
        "from rolematch._skills import default_registry\n"
        "default_registry(); get_role('ml-engineer')  # start-up is measured on its own below\n"
        f"s = run_batch([{str(inputs)!r}], {str(out)!r}, workers={workers}, as_of=datetime.date(2026, 11, 21))\n"
        f"{_OWN_PEAK}"
        "kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(json.dumps({'rate': s.rate, 'total': s.total, 'matched': s.matched,\n"
        "                  'self_kb': own, 'worker_kb': kids}))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def bench_batch(folder: Path, count: int, memory_count: int) -> None:
    inputs = folder / "batch"
    make_variants(inputs, count)
    # Three alternating pairs: the machine's load drifts between runs half a minute apart.
    pairs = []
    for _ in range(3):
        one = _batch_in_subprocess(inputs, folder / "one.csv", 1)
        two = _batch_in_subprocess(inputs, folder / "two.csv", 2)
        pairs.append((two["rate"] / one["rate"], one, two))
        print(f"batch: {count} resumes; 1 worker {one['rate']:.1f}/s, 2 workers {two['rate']:.1f}/s")
    speedup = statistics.median(pair[0] for pair in pairs)
    two = pairs[-1][2]
    figure = f"{speedup:.2f}x (median of {', '.join(f'{pair[0]:.2f}x' for pair in pairs)})"
    verdict(f"batch scaling: --workers 2 vs 1 on {count}", figure, ">= 1.8x", speedup >= 1.8)
    big = folder / "memory"
    make_variants(big, memory_count)
    large = _batch_in_subprocess(big, folder / "big.csv", 2)
    small_mb, large_mb = two["worker_kb"] / 1024, large["worker_kb"] / 1024
    print(
        f"memory: peak RSS per worker {small_mb:.0f} MB after {count} resumes, {large_mb:.0f} MB after {memory_count}; "
        f"parent {large['self_kb'] / 1024:.0f} MB"
    )
    verdict(f"memory: peak RSS per worker over {memory_count}", f"{large_mb:.0f} MB", "<= 300 MB", large_mb <= 300)
    flat = large_mb <= small_mb * 1.1
    verdict(
        "memory: flat with the number of resumes", f"{large_mb / small_mb:.2f}x of the smaller run", "<= 1.10x", flat
    )


def bench_cluster(folder: Path, count: int, memory_count: int) -> None:
    """Issue 21: batches through ``--scheduler local:N`` (a LocalCluster, N processes of one thread)."""

    def run(inputs: Path, out: Path, scheduler: str) -> dict[str, float]:
        # --scheduler's path (_cluster.connect, then run_batch(client=...)) in a fresh client process:
        # its rate (the cluster's start-up and warm-up not counted, as the local runs leave theirs
        # out), the start-up, and the client's own peak RSS (its scheduler in-process, not the workers).
        code = (
            "import json, resource, time, datetime\n"
            "from rolematch._batch import run_batch\n"
            "from rolematch._batch._cluster import connect\n"
            "from rolematch._match import get_role\n"
            "from rolematch._skills import default_registry\n"
            "default_registry(); get_role('ml-engineer')\n"
            "started = time.perf_counter()\n"
            f"with connect({scheduler!r}) as client:\n"
            "    up = time.perf_counter() - started\n"
            f"    s = run_batch([{str(inputs)!r}], {str(out)!r}, as_of=datetime.date(2026, 11, 21), client=client)\n"
            f"{_OWN_PEAK}"
            "print(json.dumps({'rate': s.rate, 'total': s.total, 'up': up, 'self_kb': own}))\n"
        )
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]

    inputs, big = folder / "cluster", folder / "cluster-memory"
    make_variants(inputs, count)
    rounds = []
    # Five rounds, the order of each pair swapped every round: the load drifts between runs a
    # minute apart by more than the 10% measured, and a fixed order would put the drift on one side.
    for number in range(5):
        one = run(inputs, folder / "c1.jsonl", "local:1")
        if number % 2:
            local = _batch_in_subprocess(inputs, folder / "l2.jsonl", 2)
            two = run(inputs, folder / "c2.jsonl", "local:2")
        else:
            two = run(inputs, folder / "c2.jsonl", "local:2")
            local = _batch_in_subprocess(inputs, folder / "l2.jsonl", 2)
        rounds.append((two["rate"] / one["rate"], local["rate"] / two["rate"] - 1, two))
        print(
            f"cluster: {count} resumes; --scheduler local:1 {one['rate']:.1f}/s, local:2 {two['rate']:.1f}/s, "
            f"local --workers 2 {local['rate']:.1f}/s (cluster start-up {two['up']:.1f} s, not counted)"
        )
    speedup = statistics.median(r[0] for r in rounds)
    figure = f"{speedup:.2f}x (median of {', '.join(f'{r[0]:.2f}x' for r in rounds)})"
    verdict(f"cluster scaling: --scheduler local:2 vs local:1 on {count}", figure, ">= 1.8x", speedup >= 1.8)
    overhead = statistics.median(r[1] for r in rounds)
    figure = f"{overhead:+.0%} (median of {', '.join(f'{r[1]:+.0%}' for r in rounds)})"
    verdict("cluster overhead: --scheduler local:2 vs local --workers 2", figure, "<= +10%", overhead <= 0.10)
    make_variants(big, memory_count)
    large = run(big, folder / "c-big.jsonl", "local:2")
    small_mb = statistics.median(r[2]["self_kb"] for r in rounds) / 1024
    large_mb = large["self_kb"] / 1024
    print(
        f"cluster memory: client peak RSS {small_mb:.0f} MB over {count} resumes, {large_mb:.0f} MB over "
        f"{memory_count} ({large['rate']:.1f}/s)"
    )
    flat = large_mb <= small_mb * 1.1
    verdict(
        f"cluster memory: client flat from {count} to {memory_count}", f"{large_mb / small_mb:.2f}x", "<= 1.10x", flat
    )


def bench_match(folder: Path) -> None:
    """Matching parsed resumes: one level, and all three levels of the role (``assess``).

    Each round matches fresh copies of the parsed resumes (loaded from their JSON outside the
    timing), so nothing a first match works out about a resume is reused; a second level of the
    same copy is timed apart, as what matching one parsed resume against more levels costs.
    """
    import mixed_vocab

    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.iterdir()) if p.suffix in {".txt", ".md"}]
    texts += mixed_vocab.mixed_texts(salted=0)[:40]
    stored = [rolematch.parse_text(t, as_of=AS_OF).model_dump_json() for t in texts]

    def fresh() -> list[rolematch.Resume]:
        return [rolematch.Resume.model_validate_json(line) for line in stored]

    for resume in fresh()[:3]:
        rolematch.assess(resume, role="ml-engineer", as_of=AS_OF)
    first, further, assessed = [], [], []
    for _ in range(5):
        batch = fresh()
        start = time.perf_counter()
        for resume in batch:
            rolematch.match(resume, role="ml-engineer", level="mid", as_of=AS_OF)
        first.append(time.perf_counter() - start)
        start = time.perf_counter()
        for resume in batch:
            rolematch.match(resume, role="ml-engineer", level="senior", as_of=AS_OF)
        further.append(time.perf_counter() - start)
        batch = fresh()
        start = time.perf_counter()
        for resume in batch:
            rolematch.assess(resume, role="ml-engineer", as_of=AS_OF)
        assessed.append(time.perf_counter() - start)
    count = len(stored)
    one, again, three = (statistics.median(x) / count * 1000 for x in (first, further, assessed))
    print(f"match: {count} parsed resumes; one level {one:.2f} ms, another level of the same resume {again:.2f} ms")
    verdict("match: one level of a parsed resume", f"{one:.2f} ms", f"<= {MATCH_TARGET_MS} ms", one <= MATCH_TARGET_MS)
    verdict("match: assess, three levels", f"{three:.2f} ms", f"<= {ASSESS_TARGET_MS} ms", three <= ASSESS_TARGET_MS)


def bench_startup() -> None:
    # An installed wheel has its bytecode compiled (pip runs compileall); an editable install under
    # PYTHONDONTWRITEBYTECODE=1, as on this machine, would compile rolematch's sources in every
    # process (~0.09 s). Compile them once, as an install would, so the figure is an installed one.
    import compileall

    compileall.compile_dir(str(ROOT / "src" / "rolematch"), quiet=1)
    code = (
        "import time; t = time.perf_counter()\n"
        "import datetime, rolematch\n"
        f"rolematch.match({str(ROOT / 'examples' / 'senior-ml-engineer.txt')!r}, level='senior',"
        " as_of=datetime.date(2026, 11, 21))\n"
        "print(time.perf_counter() - t)\n"
    )
    # The dependency floor, alternating with the real thing: Python, `import spacy` and an English
    # pipeline, which rolematch cannot start without.
    floor_code = "import spacy\nfrom spacy.lang.en import English\nEnglish()\n"
    samples: list[float] = []
    floors: list[float] = []
    for _ in range(5):
        for program, bucket in ((code, samples), (floor_code, floors)):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
            bucket.append(time.perf_counter() - start)
    seconds, floor = statistics.median(samples), statistics.median(floors)
    print(
        f"start-up: {seconds:.2f} s median, {min(samples):.2f} s fastest of {len(samples)}; of which Python + "
        f"import spacy + English() {floor:.2f} s median, rolematch's own {seconds - floor:.2f} s"
    )
    own = seconds - floor
    verdict("start-up: import plus first report, fresh process", f"{seconds:.2f} s", "(reported)", True)
    verdict(
        "start-up: rolematch's own share above Python + spaCy + English()",
        f"{own:.2f} s",
        f"<= {STARTUP_TARGET} s",
        own <= STARTUP_TARGET,
    )


def bench_accuracy() -> None:
    import skills as skill_bench

    path = skill_bench.CORPUS / "skillspan_tech_dev.conll"
    if not path.is_file():
        print("accuracy: skipped (the SkillSpan corpus is absent)")
        return
    ads = skill_bench.load_ads(path)
    registry = skill_bench.default_registry()
    spans = [skill_bench.knowledge_mentions(ad, registry) for ad in ads]
    precision, recall, *_ = skill_bench.score(ads, spans)
    annotated, _, *_ = skill_bench.score(skill_bench.annotated_only(ads), spans)
    figure = f"{precision:.3f} ({annotated:.3f} on annotated lines)"
    verdict("skills: SkillSpan dev precision (skills issue target)", figure, ">= 0.85", precision >= 0.85)
    verdict("skills: SkillSpan dev recall (skills issue target)", f"{recall:.3f}", ">= 0.60", recall >= 0.60)
    # Speed work must not cost accuracy: figures recorded when the skills issue closed.
    kept = precision >= RECORDED_PRECISION and recall >= RECORDED_RECALL
    verdict(
        "skills: no accuracy lost to speed work",
        f"P {precision:.3f} R {recall:.3f}",
        f">= recorded P {RECORDED_PRECISION} R {RECORDED_RECALL}",
        kept,
    )


def bench_jobs() -> None:
    """Job postings: parse and match timings, and the ranking AUC on the hand-written pool beside TF-IDF."""
    import jobs

    figures = jobs.measure()
    print("jobs: 16 hand-written postings x 48 hand-written resumes (benchmarks/jobs.py -v for each posting)")
    for family, (ours, anchor) in figures.auc_by_family.items():
        print(f"  AUC {family:17s} rolematch {ours:.3f}  TF-IDF cosine {anchor:.3f}")
    verdict(
        f"jobs: parse_job, {figures.words}-word posting", f"{figures.parse_ms:.1f} ms", "< 20 ms", figures.parse_ms < 20
    )
    verdict(
        "jobs: match one parsed resume against one parsed posting",
        f"{figures.match_ms:.2f} ms (again for a further posting: {figures.warm_match_ms:.2f} ms)",
        "< 2 ms",
        figures.match_ms < 2,
    )
    for family, floor in (("data_scientist", 0.95), ("data_engineer", 0.92)):
        ours, anchor = figures.auc_by_family[family]
        verdict(
            f"jobs: {family} postings, ranking AUC (hand-written pool; the target is held out)",
            f"{ours:.3f} (TF-IDF {anchor:.3f})",
            f">= {floor}",
            ours >= floor,
        )


def bench_ocr(quick: bool) -> None:
    """Scans of the examples through each OCR engine that is installed: seconds per page and accuracy."""
    import ocr

    print("ocr: scans rendered from the examples (benchmarks/ocr.py -v for each scan)")
    results = ocr.measure(quick)
    for line in ocr.table(results).splitlines():
        print(f"  {line}")
    for figures in results:
        if figures.unavailable:
            continue
        pages = max(1, figures.pages)
        verdict(f"ocr: {figures.engine}, seconds per page", f"{figures.ocr_seconds / pages:.2f} s", "(reported)", True)
        coverage = min(figures.coverage)
        verdict(
            f"ocr: {figures.engine}, skills found on each scan vs its text",
            f"worst {coverage:.0%}, years equal on {figures.years_equal}/{figures.scans}",
            ">= 85%, all equal",
            coverage >= 0.85 and figures.years_equal == figures.scans,
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="200/1,000 resumes instead of 2,000/10,000")
    args = parser.parse_args()
    count, memory_count = (200, 1000) if args.quick else (2000, 10000)
    machine = f"{platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs"
    print(f"rolematch {rolematch.__version__} on {machine}")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="rolematch-bench-") as name:
        folder = Path(name)
        make_variants(folder / "inputs", 70)
        bench_text(folder / "inputs")
        bench_mixed()
        bench_match(folder / "inputs")
        bench_pdf(folder / "inputs")
        bench_startup()
        bench_accuracy()
        bench_jobs()
        bench_ocr(args.quick)
        bench_batch(folder, count, memory_count)
        bench_cluster(folder, count, memory_count)
    passed = sum(1 for _, _, ok in RESULTS if ok)
    print(f"\n{passed}/{len(RESULTS)} targets met in {time.perf_counter() - started:.0f} s")
    for name, figure, ok in RESULTS:
        print(f"  [{'PASS' if ok else 'FAIL'}] {name}: {figure}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
