"""HTML to the text a reader sees: scripts, styles and navigation dropped, block tags as line
breaks, list items as "- " bullets, whitespace collapsed. The evidence offsets of a Report refer to
this text, never to the HTML."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

# Elements whose content a reader never sees (or that only navigate).
HIDDEN = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "nav",
        "iframe",
        "object",
        "canvas",
        "select",
        "button",
        "math",
    }
)
# Elements that end a line; those in PARAGRAPH also leave a blank line.
BLOCK = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "header",
        "hr",
        "li",
        "main",
        "ol",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "ul",
        "caption",
        "br",
        "center",
    }
)
PARAGRAPH = frozenset(
    {
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "table",
        "section",
        "article",
        "blockquote",
    }
)
CELL = frozenset({"td", "th"})
VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)
_BLANKS = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class Page:
    text: str
    title: str | None  # the first <h1>, else <title>


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip: str | None = None  # the hidden element we are inside
        self.depth = 0  # how deep in nested elements of that name
        self.pending = 0  # line breaks owed before the next text: 1 a newline, 2 a blank line
        self.h1: list[str] | None = None
        self.h1_text: str | None = None
        self.in_title = False
        self.title: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip is not None:
            self.depth += tag == self.skip
            return
        if tag == "title":
            self.in_title = True
            return
        named = dict(attrs)
        hidden = (
            "hidden" in named
            or named.get("aria-hidden") == "true"
            or named.get("role") == "navigation"
        )
        if (tag in HIDDEN or hidden) and tag not in VOID:
            self.skip, self.depth = tag, 1
            return
        self._break(tag)
        if tag == "li":
            self._emit("- ")
        elif tag in CELL:
            self.out.append(" ")
        elif tag == "h1" and self.h1_text is None:
            self.h1 = []

    def handle_endtag(self, tag: str) -> None:
        if self.skip is not None:
            if tag == self.skip:
                self.depth -= 1
                if self.depth == 0:
                    self.skip = None
            return
        if tag == "title":
            self.in_title = False
        elif tag == "h1" and self.h1 is not None:
            self.h1_text = " ".join("".join(self.h1).split()) or None
            self.h1 = None
        self._break(tag)

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        if self.skip is not None or self.in_title:
            return
        if data.strip():
            self._emit(data.replace("\r", " ").replace("\n", " "))
        elif not self.pending:
            self.out.append(" ")
        if self.h1 is not None:
            self.h1.append(data)

    def _emit(self, text: str) -> None:
        if self.pending:
            self.out.append("\n" * self.pending)
            self.pending = 0
        self.out.append(text)

    def _break(self, tag: str) -> None:
        if tag in PARAGRAPH:
            self.pending = 2
        elif tag in BLOCK:
            self.pending = max(self.pending, 1)


def html_to_text(html: str) -> Page:
    """The visible text of ``html`` and its title."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    lines = (" ".join(line.split()) for line in "".join(reader.out).split("\n"))
    text = _BLANKS.sub("\n\n", "\n".join(lines)).strip("\n")
    title = reader.h1_text or " ".join("".join(reader.title).split()) or None
    return Page(text + "\n" if text else "", title)


def looks_like_html(text: str) -> bool:
    """Whether text of unknown kind (stdin, an unknown suffix) is an HTML document."""
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html")) or (
        head.startswith("<") and ("<body" in head or "<head" in head)
    )
