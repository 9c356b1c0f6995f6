"""Ranked batch outputs: JSONL, CSV and a self-contained HTML shortlist, each written atomically.

The CSV and the HTML say what they were matched against and when: the role (or the job posting's
title and SHA-256 prefix), the level, ``as_of``, the rolematch version and the time generated. In
the CSV these are leading comment lines, ``# key: value``, before the header row; a reader skips
the lines starting with ``#`` first (:func:`csv_rows` does; ``csv.DictReader`` alone does not). The
time generated is the only thing that differs between two runs over the same inputs; it honours
``SOURCE_DATE_EPOCH`` (the reproducible-builds convention) and can be passed in.

Unless the run is blind, a CSV row names the candidate (``name``, ``email``, ``phone``, read from
the row's ``contact`` when the engine keeps it; output only, never read by scoring) and shows the
``top_skills`` the report found and the ``relevant_years``; a blind CSV has none of these columns.
"""

from __future__ import annotations

import csv
import html
import io
import itertools
import json
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from .._present import expected_pay, must_haves
from .._version import __version__

__all__ = ["BLIND_CSV_COLUMNS", "CSV_COLUMNS", "PERSONAL_CSV_COLUMNS", "csv_rows", "generated_now", "write_output"]

#: Columns that say who the candidate is or describe them beyond the match: left out of a blind CSV.
PERSONAL_CSV_COLUMNS = ("name", "email", "phone", "top_skills", "relevant_years")

CSV_COLUMNS = [
    "rank",
    "file",
    "name",
    "email",
    "phone",
    "status",
    "level",
    "score",
    "verdict",
    "verdict_reason",
    "relevant_years",
    "expected_years",
    "top_skills",
    "met_must_haves",
    "missing_must_haves",
    "partial_must_haves",
    "needs_human_review",
    "review_reasons",
    "salary_expected",
    "salary_low",
    "salary_high",
    "currency",
    "error",
    "duplicate_of",
    "sha256",
]

#: The columns of a blind CSV: no one is named or described beyond the match.
BLIND_CSV_COLUMNS = [column for column in CSV_COLUMNS if column not in PERSONAL_CSV_COLUMNS]

_TOP_SKILLS = 5
# Evidence that does not show the candidate has the skill ("wants to learn", "no Java", a colleague's).
_NOT_SHOWN = {"aspiration", "negated", "counterpart"}


def generated_now() -> datetime:
    """Now in UTC to the second, or ``SOURCE_DATE_EPOCH`` when set (reproducible outputs)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    return datetime.now(timezone.utc).replace(microsecond=0)


def csv_rows(path: Path) -> list[dict[str, str]]:
    """A batch CSV's rows as dicts, its leading ``#`` lines (what and when) skipped."""
    with path.open(encoding="utf-8", newline="") as handle:
        lines = iter(handle.readlines())
    body = itertools.dropwhile(lambda line: line.startswith("#"), lines)
    return list(csv.DictReader(io.StringIO("".join(body))))


def _skill_name(skill_id: str) -> str:
    from .._skills import default_taxonomy

    taxonomy = default_taxonomy()
    return taxonomy[skill_id].name if skill_id in taxonomy else skill_id


def _top_skills(report: dict[str, Any]) -> list[str]:
    """The distinct skills the report's evidence shows, strongest first (ties by id), at most five."""
    strongest: dict[str, float] = {}
    for requirement in [*report["requirements"], *report.get("responsibilities", [])]:
        for evidence in requirement["evidence"]:
            if evidence.get("kind") in _NOT_SHOWN or evidence["strength"] <= 0:
                continue
            skill = evidence["skill"]
            strongest[skill] = max(strongest.get(skill, 0.0), evidence["strength"])
    ordered = sorted(strongest, key=lambda skill: (-strongest[skill], skill))
    return [_skill_name(skill) for skill in ordered[:_TOP_SKILLS]]


_PHONE = re.compile(r"\+?[\d ()./-]+")


def _inert(text: str) -> str:
    """Resume text a spreadsheet will not run: a leading ``=``, ``+``, ``-`` or ``@`` starts a formula
    in Excel and LibreOffice (CSV injection), so such a cell gets a leading apostrophe; a phone
    number such as ``+44 20 7946 0958`` is left as it is."""
    if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _PHONE.fullmatch(text):
        return "'" + text
    return text


def _contact(row: dict[str, Any]) -> dict[str, str]:
    """Name, email and phone from the row's ``contact`` (a trimmed dict or a dumped Contact), else blanks."""
    contact = row.get("contact") or {}
    emails = contact.get("emails") or [""]
    phones = contact.get("phones") or [""]
    return {
        "name": _inert(contact.get("name") or ""),
        "email": _inert(contact.get("email") or emails[0] or ""),
        "phone": _inert(contact.get("phone") or phones[0] or ""),
    }


def _csv_row(row: dict[str, Any], blind: bool) -> dict[str, Any]:
    report = row.get("report")
    error = row.get("error")
    base: dict[str, Any] = {
        "rank": row["rank"] or "",
        "file": row["file"],
        "status": row["status"],
        "error": f"{error['code']}: {error['message']}" if error else "",
        "duplicate_of": row.get("duplicate_of") or "",
        "sha256": row.get("sha256") or "",
    }
    if not blind:
        base.update(_contact(row))
    if report:
        salary = report["salary"]
        if not blind:
            base.update(relevant_years=report["experience_years"], top_skills="; ".join(_top_skills(report)))
        base.update(
            level=report["level"],
            score=report["score"],
            verdict=report["verdict"],
            verdict_reason=report.get("verdict_reason", ""),
            expected_years=report["expected_years"],
            met_must_haves="; ".join(must_haves(report, met=True)),
            missing_must_haves="; ".join(must_haves(report, met=False, status="missing")),
            partial_must_haves="; ".join(must_haves(report, met=False, status="partial")),
            needs_human_review="yes" if report.get("needs_human_review") else "no",
            review_reasons="; ".join(report.get("review_reasons", [])),
            salary_expected=salary["expected"],
            salary_low=salary["low"],
            salary_high=salary["high"],
            currency=salary["currency"],
        )
    return base


# Sorting without "<" or "&" so the page stays well-formed XML as well as HTML.
_SCRIPT = """
function sortBy(column, numeric) {
  var body = document.getElementById("rows");
  var rows = Array.prototype.slice.call(body.getElementsByTagName("tr"));
  var header = document.getElementsByTagName("th")[column];
  var descending = header.getAttribute("data-order") !== "desc";
  header.setAttribute("data-order", descending ? "desc" : "asc");
  rows.sort(function (a, b) {
    var x = a.cells[column].getAttribute("data-key"), y = b.cells[column].getAttribute("data-key");
    if (numeric) { x = parseFloat(x) || -1; y = parseFloat(y) || -1; }
    var order = x === y ? 0 : (x > y ? 1 : -1);
    return descending ? -order : order;
  });
  rows.forEach(function (row) { body.appendChild(row); });
}
"""

_STYLE = """
body { font: 14px/1.4 system-ui, sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #ddd; padding: 6px 8px; text-align: left; vertical-align: top; }
th { cursor: pointer; background: #f4f4f4; position: sticky; top: 0; }
td.num { text-align: right; }
.missing { color: #a00; } .partial { color: #a60; } .met { color: #070; }
.error td { color: #777; } details { margin-top: 4px; } .small { font-size: 12px; color: #555; }
td.years { white-space: nowrap; }
dl.meta { display: grid; grid-template-columns: max-content auto; gap: 2px 12px; font-size: 13px; }
dl.meta dt { color: #555; } dl.meta dd { margin: 0; }
"""


def _cell(text: object, key: object | None = None, css: str | None = None) -> str:
    key_text = html.escape(str(text if key is None else key), quote=True)
    klass = f' class="{css}"' if css else ""
    return f'<td{klass} data-key="{key_text}">{html.escape(str(text))}</td>'


def _evidence_list(report: dict[str, Any]) -> str:
    items = []
    for requirement in report["requirements"]:
        if requirement["kind"] != "must":
            continue
        status = requirement["status"]
        quotes = "; ".join(
            f"“{html.escape(e['text'])}” ({html.escape(e['section'] or '-')})" for e in requirement["evidence"][:2]
        )
        items.append(
            f'<li><span class="{status}">{html.escape(status)}</span> {html.escape(requirement["name"])}'
            f"{': ' + quotes if quotes else ''}</li>"
        )
    return "<ul>" + "".join(items) + "</ul>"


def _who(row: dict[str, Any]) -> str:
    """The candidate's name and contacts under the file name, when the row has them (never when blind)."""
    known = [value for value in _contact(row).values() if value]
    return f'<div class="small">{html.escape(" · ".join(known))}</div>' if known else ""


def _resume_cell(row: dict[str, Any], blind: bool) -> str:
    who = "" if blind else _who(row)
    return f'<td data-key="{html.escape(str(row["file"]), quote=True)}">{html.escape(str(row["file"]))}{who}</td>'


def _html_row(row: dict[str, Any], blind: bool) -> str:
    report = row.get("report")
    if report is None:
        reason = (
            f"duplicate of {row['duplicate_of']}"
            if row["status"] == "duplicate"
            else f"{row['error']['code']}: {row['error']['message']}"
        )
        cells = [_cell("", ""), _cell(row["file"]), _cell("-"), _cell("", -1, "num"), _cell(row["status"])]
        cells += [_cell("", -1, "num years"), _cell(reason), _cell(""), _cell("", -1, "num")]
        return '<tr class="error">' + "".join(cells) + "</tr>\n"
    salary = report["salary"]
    gaps = must_haves(report, met=False)
    evidence = f"<td><details><summary>must-haves</summary>{_evidence_list(report)}</details></td>"
    pay = expected_pay(salary)
    years = f"{report['experience_years']:.1f} y ({report['expected_years']})"
    cells = [
        _cell(row["rank"], row["rank"], "num"),
        _resume_cell(row, blind),
        _cell(report["level"]),
        _cell(f"{report['score']:g}", report["score"], "num"),
        _cell(report["verdict"] + (" (needs human review)" if report.get("needs_human_review") else "")),
        _cell(years, report["experience_years"], "num years"),
        _cell("; ".join(gaps) or "-"),
        evidence,
        _cell(pay, salary["expected"] if salary["expected"] is not None else -1, "num"),
    ]
    return "<tr>" + "".join(cells) + "</tr>\n"


def _matched_against(role: str, report: dict[str, Any] | None) -> str:
    """The role with its file's id and version, or the posting's title, company and SHA-256 prefix."""
    if report is None:
        return f"role {role}"
    job = report.get("job")
    if job:
        title = job.get("title") or "(no title)"
        company = f" at {job['company']}" if job.get("company") else ""
        return f"job posting {title!r}{company}, sha256 {job['sha256'][:12]}"
    version = report.get("versions", {}).get("role") or report["role"]
    return f"role {report['role_name']} ({version})"


def _header(
    role: str, level: str | None, as_of: date | None, report: dict[str, Any] | None, generated: datetime
) -> list[tuple[str, str]]:
    """What the output was matched against and when, as (key, value) pairs."""
    when = as_of.isoformat() if as_of is not None else (report or {}).get("as_of") or "-"
    return [
        ("matched against", _matched_against(role, report)),
        ("level", level or "each candidate's best level"),
        ("as_of", str(when)),
        ("rolematch", __version__),
        ("generated", generated.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")),
    ]


def _html_head(role: str, level: str | None, header: list[tuple[str, str]]) -> str:
    headers = ["#", "resume", "level", "score", "verdict", "years (expected)", "gaps", "evidence", "salary"]
    numeric = {0, 3, 5, 8}
    head = "".join(
        f'<th onclick="sortBy({i}, {str(i in numeric).lower()})">{html.escape(h)}</th>' for i, h in enumerate(headers)
    )
    scope = f"level {level}" if level else "each candidate at the best-fitting level"
    facts = "".join(f"<dt>{html.escape(key)}</dt><dd>{html.escape(value)}</dd>" for key, value in header)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8" />'
        f"<title>Shortlist: {html.escape(role)}</title><style>{_STYLE}</style>"
        f"<script>{_SCRIPT}</script></head><body>\n"
        f"<h1>Shortlist: {html.escape(role)}</h1>\n"
        f'<dl class="meta">{facts}</dl>\n'
        f'<p class="small">Ranked {html.escape(scope)}. Click a column to sort. Advisory only: scores support a '
        "recruiter's judgement and never reject anyone by themselves; rows marked for human review were read "
        "with low confidence. Salary figures are the role file's bands, never a candidate's own figures.</p>\n"
        f'<table><thead><tr>{head}</tr></thead><tbody id="rows">\n'
    )


_HTML_TAIL = "</tbody></table></body></html>\n"


def _first_report(
    rows: Iterable[dict[str, Any]],
) -> tuple[dict[str, Any] | None, list[dict[str, Any]], Iterator[dict[str, Any]]]:
    """The first row's report that there is, the rows read to find it, and the rest still unread."""
    rest = iter(rows)
    seen: list[dict[str, Any]] = []
    for row in rest:
        seen.append(row)
        if row.get("report"):
            return row["report"], seen, rest
    return None, seen, rest


def _is_blind(report: dict[str, Any] | None, seen: list[dict[str, Any]]) -> bool:
    """Whether the rows are a blind run's: its reports say so; without one, its ids name every row."""
    if report is not None:
        return bool(report.get("blind"))
    return bool(seen) and all(str(row.get("file", "")).startswith("candidate-") for row in seen)


def _write_csv(stream: Any, rows: Iterable[dict[str, Any]], header: list[tuple[str, str]], blind: bool) -> None:
    for key, value in header:
        stream.write(f"# {key}: {value}\n")
    columns = BLIND_CSV_COLUMNS if blind else CSV_COLUMNS
    writer = csv.DictWriter(stream, fieldnames=columns, restval="", extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(_csv_row(row, blind))


def write_output(
    rows: Iterable[dict[str, Any]],
    path: Path,
    fmt: str,
    *,
    role: str,
    level: str | None,
    as_of: date | None = None,
    blind: bool | None = None,
    generated: datetime | None = None,
) -> None:
    """Write ranked ``rows`` (each with its ``rank``) to ``path`` in ``fmt``.

    The CSV and HTML open with what the rows were matched against (``role``, or the posting the
    reports name), ``level``, ``as_of`` (default: the reports'), the rolematch version and
    ``generated`` (default: :func:`generated_now`). ``blind`` (default: what the reports say)
    leaves the candidate's name, contacts, top skills and relevant years out of the CSV.

    Rows are written one at a time to a temporary file in the same folder, which is then moved
    over ``path`` in one step: readers see the old file or the new one, never half of one.
    """
    if fmt not in ("jsonl", "csv", "html"):
        raise ValueError(f"unknown output format {fmt!r}; use jsonl, csv or html")
    report, seen, rest = _first_report(rows)
    blind = _is_blind(report, seen) if blind is None else blind
    header = _header(role, level, as_of, report, generated or generated_now())
    everything = itertools.chain(seen, rest)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            if fmt == "jsonl":
                for row in everything:
                    stream.write(json.dumps(row, sort_keys=True, ensure_ascii=False) + "\n")
            elif fmt == "csv":
                _write_csv(stream, everything, header, blind)
            else:
                stream.write(_html_head(role, level, header))
                for row in everything:
                    stream.write(_html_row(row, blind))
                stream.write(_HTML_TAIL)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
