"""Write the FitReport JSON Schema to docs/fit-report.schema.json (tests check it is current)."""

from __future__ import annotations

from pathlib import Path

from rolematch import fit_report_json_schema

TARGET = Path(__file__).resolve().parent.parent / "docs" / "fit-report.schema.json"

if __name__ == "__main__":
    TARGET.write_text(fit_report_json_schema(), encoding="utf-8")
    print(f"wrote {TARGET}")
