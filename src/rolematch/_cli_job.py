"""``rolematch job``: show a job posting as the requirements a recruiter can read, or save it as a role file."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from ._cli_common import FormatOption, ReportFormat, err, out, print_markdown
from ._job import parse_job
from ._job._role import role_file_yaml
from ._present import render_job
from .errors import RolematchError

__all__ = ["job_command"]


def job_command(
    posting: Annotated[
        Path,
        typer.Argument(metavar="POSTING", help="A job posting: text, Markdown, HTML, PDF, DOCX or JSON Resume job."),
    ],
    save: Annotated[
        Path | None,
        typer.Option(
            "--save", metavar="FILE", help="Write the posting as a role file (YAML) to edit and use with --role."
        ),
    ] = None,
    fmt: FormatOption = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the parsed posting as JSON (as --format json).")
    ] = False,
) -> None:
    """Show what a job posting asks for: must-haves, nice-to-haves, years, education, pay."""
    try:
        parsed = parse_job(posting)
    except RolematchError as error:
        err.out(f"error: {posting}: {error}")
        raise typer.Exit(1) from None
    if save is not None:
        try:
            text = role_file_yaml(parsed)
        except RolematchError as error:
            err.out(f"error: {posting}: {error}")
            raise typer.Exit(1) from None
        # A posting names no person; a plain file mode is right. Written whole or not at all.
        partial = save.with_name(save.name + ".tmp")
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, save)
        err.out(f"wrote {save} (use it with --role {save})")
    if as_json or fmt is ReportFormat.json:
        out.out(parsed.model_dump_json(indent=2))
        return
    print_markdown(render_job(parsed), fmt, end="")
