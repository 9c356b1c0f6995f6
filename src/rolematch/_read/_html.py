"""HTML to text: the visible words of a page, one block per line, list items as bullets.

Scripts, styles, templates and page chrome (navigation, footers, forms) are dropped; entities are
decoded. Built on the standard library's tolerant ``html.parser``: pages in the wild are rarely
well formed, and nothing here needs a DOM.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

__all__ = ["html_to_text"]

# Elements whose content is never visible text, or is page chrome rather than the document.
_SKIPPED = frozenset(
    {"script", "style", "noscript", "template", "svg", "head", "iframe", "nav", "footer", "form", "button", "select"}
)
# Elements that start a new line.
_BLOCKS = frozenset(
    {
        "p", "div", "section", "article", "main", "header", "aside", "ul", "ol", "dl", "dt", "dd", "table", "tr",
        "blockquote", "pre", "address", "figure", "figcaption", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "title",
    }
)  # fmt: skip
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "wbr", "source", "area", "base", "col", "embed"})


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0
        self._stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            if tag == "br" and not self._skip_depth:
                self.parts.append("\n")
            return
        self._stack.append(tag)
        if tag in _SKIPPED or self._skip_depth:
            self._skip_depth += 1
            return
        if tag == "li":
            self.parts.append("\n- ")
        elif tag in _HEADINGS:
            # Markdown's marks, so that readers downstream see a heading as one, and its rank.
            self.parts.append("\n\n" + "#" * int(tag[1]) + " ")
        elif tag in ("td", "th"):
            self.parts.append(" | ")
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or tag not in self._stack:
            return
        # Close everything opened after this tag too: pages leave <li> and <p> unclosed.
        while self._stack:
            open_tag = self._stack.pop()
            if self._skip_depth:
                self._skip_depth -= 1
            elif open_tag in _HEADINGS or open_tag in _BLOCKS or open_tag == "li":
                self.parts.append("\n")
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(html: str) -> str:
    """The visible text of an HTML page, a line per block, ``- `` before list items."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    lines = (line.strip(" \t|") for line in "".join(parser.parts).split("\n"))
    text = "\n".join(line for line in lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
