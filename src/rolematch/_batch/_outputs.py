"""Ranked batch outputs: JSONL, CSV and a self-contained HTML shortlist, each written atomically."""

from __future__ import annotations

import csv
import html
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .._present import expected_pay, must_haves

__all__ = ["CSV_COLUMNS", "write_output"]

CSV_COLUMNS = [
    "rank",
    "file",
    "status",
    "level",
    "score",
    "verdict",
    "verdict_reason",
    "relevant_years",
    "expected_years",
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


def _csv_row(row: dict[str, Any]) -> dict[str, Any]:
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
    if report:
        salary = report["salary"]
        base.update(
            level=report["level"],
            score=report["score"],
            verdict=report["verdict"],
            verdict_reason=report.get("verdict_reason", ""),
            relevant_years=report["experience_years"],
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


def _html_row(row: dict[str, Any]) -> str:
    report = row.get("report")
    if report is None:
        reason = (
            f"duplicate of {row['duplicate_of']}"
            if row["status"] == "duplicate"
            else f"{row['error']['code']}: {row['error']['message']}"
        )
        cells = [_cell("", ""), _cell(row["file"]), _cell("-"), _cell("", -1, "num"), _cell(row["status"])]
        cells += [_cell("", -1, "num"), _cell(reason), _cell(""), _cell("", -1, "num")]
        return '<tr class="error">' + "".join(cells) + "</tr>\n"
    salary = report["salary"]
    gaps = must_haves(report, met=False)
    evidence = f"<td><details><summary>must-haves</summary>{_evidence_list(report)}</details></td>"
    pay = expected_pay(salary)
    cells = [
        _cell(row["rank"], row["rank"], "num"),
        _cell(row["file"]),
        _cell(report["level"]),
        _cell(f"{report['score']:g}", report["score"], "num"),
        _cell(report["verdict"] + (" (needs human review)" if report.get("needs_human_review") else "")),
        _cell(f"{report['experience_years']:g} / {report['expected_years']}", report["experience_years"], "num"),
        _cell("; ".join(gaps) or "-"),
        evidence,
        _cell(pay, salary["expected"] if salary["expected"] is not None else -1, "num"),
    ]
    return "<tr>" + "".join(cells) + "</tr>\n"


def _html_head(role: str, level: str | None) -> str:
    headers = ["#", "resume", "level", "score", "verdict", "years", "gaps", "evidence", "salary"]
    numeric = {0, 3, 5, 8}
    head = "".join(
        f'<th onclick="sortBy({i}, {str(i in numeric).lower()})">{html.escape(h)}</th>' for i, h in enumerate(headers)
    )
    scope = f"level {level}" if level else "each candidate at the best-fitting level"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8" />'
        f"<title>Shortlist: {html.escape(role)}</title><style>{_STYLE}</style>"
        f"<script>{_SCRIPT}</script></head><body>\n"
        f"<h1>Shortlist: {html.escape(role)}</h1>\n"
        f'<p class="small">Ranked {html.escape(scope)}. Click a column to sort. Advisory only: scores support a '
        "recruiter's judgement and never reject anyone by themselves; rows marked for human review were read "
        "with low confidence. Salary figures are the role file's bands, never a candidate's own figures.</p>\n"
        f'<table><thead><tr>{head}</tr></thead><tbody id="rows">\n'
    )


_HTML_TAIL = "</tbody></table></body></html>\n"


def write_output(rows: Iterable[dict[str, Any]], path: Path, fmt: str, *, role: str, level: str | None) -> None:
    """Write ranked ``rows`` (each with its ``rank``) to ``path`` in ``fmt``.

    Rows are written one at a time to a temporary file in the same folder, which is then moved
    over ``path`` in one step: readers see the old file or the new one, never half of one.
    """
    if fmt not in ("jsonl", "csv", "html"):
        raise ValueError(f"unknown output format {fmt!r}; use jsonl, csv or html")
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            if fmt == "jsonl":
                for row in rows:
                    stream.write(json.dumps(row, sort_keys=True, ensure_ascii=False) + "\n")
            elif fmt == "csv":
                writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS, restval="", lineterminator="\n")
                writer.writeheader()
                for row in rows:
                    writer.writerow(_csv_row(row))
            else:
                stream.write(_html_head(role, level))
                for row in rows:
                    stream.write(_html_row(row))
                stream.write(_HTML_TAIL)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
