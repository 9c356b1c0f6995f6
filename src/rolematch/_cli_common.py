"""What every ``rolematch`` command shares: the consoles, the options, the usage line, printing reports.

Every command is made with :class:`Command`, so that usage lines read as a person writes them
(``rolematch match [OPTIONS] RESUME``, ``rolematch batch [OPTIONS] INPUT...``) rather than Typer's
``{file}`` and ``<list[Path]>``. Options with one meaning have one definition here, so that
``--role``, ``--reader``, ``--blind`` or ``--format`` read and behave the same in every command.
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markdown import Markdown
from typer.core import TyperCommand

from ._job import parse_job, role_from_job
from ._match import DEFAULT_ROLE, Role, get_role
from ._present._plain import plain_text
from .errors import DataFileError, RolematchError, UnknownRoleError

__all__ = [
    "AsOfOption",
    "BlindOption",
    "Command",
    "FormatOption",
    "IndustryOption",
    "JobOption",
    "LocationOption",
    "PdfReaderName",
    "ReaderOption",
    "ReportFormat",
    "RoleOption",
    "StrictOption",
    "as_of_date",
    "err",
    "out",
    "print_markdown",
    "role_or_exit",
    "usage_error",
]

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False)


def _argument_name(param: Any) -> str:
    """RESUME, INPUT...: the metavar a person reads, with ``...`` when it takes several."""
    name = str(param.metavar or param.name.upper())
    if param.nargs != 1 and not name.endswith("..."):
        name += "..."
    return name


class Command(TyperCommand):
    """A Typer command whose usage line and argument list use the arguments' metavars as written."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        """``[OPTIONS] RESUME``: arguments by metavar, optional ones in brackets."""
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                name = _argument_name(param)
                pieces.append(name if param.required else f"[{name}]")
            else:
                pieces.extend(param.get_usage_pieces(ctx))
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        """The Arguments and Options sections; an argument is named by its metavar, without a type tag."""
        arguments: list[tuple[str, str]] = []
        options: list[tuple[str, str]] = []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.param_type_name == "argument":
                arguments.append((_argument_name(param), record[1]))
            else:
                options.append(record)
        for title, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


class ReportFormat(str, Enum):
    """How ``match``, ``assess``, ``job`` and ``roles show`` print."""

    text = "text"
    markdown = "markdown"
    json = "json"


class PdfReaderName(str, Enum):
    """The PDF text readers rolematch ships."""

    pdfium = "pdfium"
    pdfplumber = "pdfplumber"


RoleOption = Annotated[
    str,
    typer.Option(
        "--role", metavar="ROLE", help="Role id (see `rolematch roles`) or the path of a role file (.yaml, .json)."
    ),
]
JobOption = Annotated[
    Path | None,
    typer.Option(
        "--job",
        metavar="POSTING",
        help="Match against a job posting file instead of a role (text, Markdown, HTML, PDF, DOCX, JSON).",
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option("--as-of", metavar="DATE", help="Date open ranges ('Present') end at, YYYY-MM-DD; default today."),
]
LocationOption = Annotated[
    str | None, typer.Option("--location", metavar="PLACE", help="The job's location; places the salary in the band.")
]
IndustryOption = Annotated[
    str | None,
    typer.Option("--industry", metavar="INDUSTRY", help="The job's industry; places the salary in the band."),
]
StrictOption = Annotated[
    bool,
    typer.Option(
        "--strict", help="No verdict above the role's strict cap (partial fit) unless every must-have is met."
    ),
]
BlindOption = Annotated[bool, typer.Option("--blind", help="Mask names, contacts, addresses and links.")]
ReaderOption = Annotated[PdfReaderName, typer.Option("--reader", help="PDF reader: pdfium or pdfplumber.")]
FormatOption = Annotated[
    ReportFormat | None,
    typer.Option(
        "--format",
        help="text (plain text; rendered on a terminal), markdown or json. "
        "Default: rendered on a terminal, Markdown when piped.",
    ),
]


def as_of_date(value: str | None) -> date | None:
    """``--as-of`` as a date; a usage error (exit 2) when it is not one."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date like 2026-11-21", param_hint="--as-of") from None


def usage_error(error: Exception) -> typer.Exit:
    """Print ``error`` on stderr; the exit (code 2) for the caller to raise."""
    err.out(f"error: {error}")
    return typer.Exit(2)


def role_or_exit(role: str, level: str | None, job: Path | None) -> Role:
    """The role a command matches against (a role id or file's, or a posting's); usage errors exit 2."""
    try:
        if job is not None:
            if role != DEFAULT_ROLE:
                raise ValueError("give --role or --job, not both")
            found = role_from_job(parse_job(job))
        else:
            found = get_role(role)
        if level is not None:
            found.level(level)
    except (UnknownRoleError, DataFileError, ValueError) as error:
        raise usage_error(error) from None
    except RolematchError as error:
        err.out(f"error: {job}: {error}")
        raise typer.Exit(2) from None
    return found


def print_markdown(text: str, fmt: ReportFormat | None, *, end: str = "\n") -> None:
    """Print a renderer's Markdown as ``fmt`` asks (json is the caller's business).

    On a terminal, ``text`` and the default are rendered by Rich. Piped, ``text`` is plain text
    (no ``#``, ``**`` or table rules), ``markdown`` and the default are the Markdown as written.
    """
    if fmt is ReportFormat.markdown:
        out.out(text, end=end)
    elif out.is_terminal:
        out.print(Markdown(text))
    elif fmt is ReportFormat.text:
        out.out(plain_text(text), end=end)
    else:
        out.out(text, end=end)
