"""The external PDF producers, each run in a private temporary folder, and a check for whether each exists."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

_CHROMIUM = ("chromium", "chromium-browser", "google-chrome")
_SOFFICE = ("soffice", "libreoffice")


def _which(names: tuple[str, ...]) -> str | None:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    return None


def available(producer: str) -> bool:
    """Whether ``producer`` can run here (text, markdown and python-docx always can)."""
    if producer == "chromium":
        return _which(_CHROMIUM) is not None
    if producer == "libreoffice":
        return _which(_SOFFICE) is not None
    if producer == "pdftex":
        return shutil.which("pdflatex") is not None
    if producer == "weasyprint":
        return importlib.util.find_spec("weasyprint") is not None
    return producer in {"text", "markdown", "python-docx"}


def chromium_pdf(html: str, *, header_footer: bool = False) -> bytes:
    """Print HTML with headless Chromium; ``header_footer`` keeps Chrome's date/title/URL/page-number margins."""
    binary = _which(_CHROMIUM)
    if binary is None:
        raise RuntimeError("Chromium is not installed")
    with tempfile.TemporaryDirectory(prefix="layoutgen-") as folder:
        source, target = Path(folder, "resume.html"), Path(folder, "resume.pdf")
        source.write_text(html, encoding="utf-8")
        command = [
            binary,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={folder}/profile",
            f"--print-to-pdf={target}",
        ]
        if not header_footer:
            command.append("--no-pdf-header-footer")
        command.append(source.as_uri())
        subprocess.run(command, check=True, capture_output=True, timeout=120)
        return target.read_bytes()


def weasyprint_pdf(html: str) -> bytes:
    """Render HTML with WeasyPrint (cairo-free since v53, but the producer family still reads 'WeasyPrint')."""
    import weasyprint  # optional: only the generator needs it

    result: bytes = weasyprint.HTML(string=html).write_pdf()
    return result


def libreoffice_pdf(docx_bytes: bytes) -> bytes:
    """Convert a DOCX to PDF with LibreOffice headless, with a throwaway profile so runs never collide."""
    binary = _which(_SOFFICE)
    if binary is None:
        raise RuntimeError("LibreOffice is not installed")
    with tempfile.TemporaryDirectory(prefix="layoutgen-") as folder:
        source = Path(folder, "resume.docx")
        source.write_bytes(docx_bytes)
        profile = Path(folder, "profile").as_uri()
        subprocess.run(
            [
                binary,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                folder,
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        return Path(folder, "resume.pdf").read_bytes()


def pdflatex_pdf(tex: str) -> bytes:
    """Typeset LaTeX with pdfTeX (twice is not needed: no references); a fixed date keeps the bytes stable."""
    binary = shutil.which("pdflatex")
    if binary is None:
        raise RuntimeError("pdflatex is not installed")
    with tempfile.TemporaryDirectory(prefix="layoutgen-") as folder:
        Path(folder, "resume.tex").write_text(tex, encoding="utf-8")
        env = dict(os.environ, SOURCE_DATE_EPOCH="1767225600", FORCE_SOURCE_DATE="1")
        subprocess.run(
            [binary, "-interaction=nonstopmode", "-halt-on-error", "resume.tex"],
            cwd=folder,
            check=True,
            capture_output=True,
            timeout=120,
            env=env,
        )
        return Path(folder, "resume.pdf").read_bytes()
