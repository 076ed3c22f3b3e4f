"""Untrusted text as each renderer may show it. Feed and outlet names, headlines, sentences,
errors quoting them and query results are written by strangers, so every place where such
text meets a renderer goes through one function here, never a patch at the call site:

- all: control characters (C0 but the line break, DEL, C1) are dropped, so no escape
  sequence (OSC 52 clipboard writes, OSC 8 links, clear-screen, ...) reaches a terminal or
  a file; a tab becomes a space and a carriage return a line break (it would move the
  cursor back over what was printed);
- line breaks are kept only where output has lines a stranger cannot forge: Rich table
  cells (`for_terminal`); console lines, mail templates, chart labels and Markdown cells
  get one line (`for_terminal_line`, `template_finalize`, `for_chart`, `for_markdown`,
  `markdown_cell` for a query result's cell, pipes escaped);
- then the renderer's own syntax is escaped: Rich markup for the terminal
  (`for_terminal*`, `TerminalTable`), `$` for matplotlib's mathtext (`for_chart`),
  Markdown's inline syntax for Prefect artifacts and chat messages (`for_markdown`, with
  `markdown_link` for links: web addresses only, percent-encoded); HTML is escaped by
  Jinja's autoescape after `template_finalize` has cleaned every expression.

Rich's `:emoji:` codes cannot be escaped: the CLI's consoles are made with emoji=False.
"""
from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from urllib.parse import quote

from markupsafe import Markup
from rich.table import Table
from rich.text import Text

_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")      # C0 but \t and \n, DEL, C1
_NOT_IN_JSON = re.compile(r"[\x7f-\x9f]")                      # what json.dumps leaves raw
_MARKDOWN = re.compile(r"([\\`*_\[\]<>!|~&#])")
_RICH_BRACKET = re.compile(r"(\\*)(\[(?:[a-z#/@][^[]*?])?)")      # backslashes, `[`, and a tag if it is one


def clean(value: object, lines: bool = True) -> str:
    """`value` as text without control characters (None is empty); `lines=False` makes line
    breaks spaces. The base of every other function here."""
    if value is None:
        return ""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = _CONTROLS.sub("", text)
    return text if lines else text.replace("\n", " ")


def _escaped_bracket(match: re.Match[str]) -> str:
    backslashes, bracket = match.groups()
    if len(bracket) > 1:                    # a tag: its backslashes doubled, then one to escape it
        return f"{backslashes}{backslashes}\\{bracket}"
    return f"{backslashes}\\[" if backslashes else "["      # Rich drops one backslash before any `[`


def _escape_rich(text: str) -> str:
    """Rich markup escaped so Rich shows `text` exactly. rich.markup.escape is not enough: Rich
    also reads `\\[` outside a tag as `[`, and a trailing backslash it escapes shows doubled (it
    only matters before a tag, and no caller puts a tag right after untrusted text)."""
    return _RICH_BRACKET.sub(_escaped_bracket, text)


def for_terminal(value: object) -> str:
    """A Rich table cell or title: cleaned, line breaks kept, markup escaped so it shows as written."""
    return _escape_rich(clean(value))


def for_terminal_line(value: object) -> str:
    """Part of one console line (`console.print` with markup on): cleaned to one line, markup escaped."""
    return _escape_rich(clean(value, lines=False))


def styled(value: object, style: str) -> Text:
    """A table cell in one style (a Text is never read as markup), its text cleaned."""
    return Text(clean(value), style=style)


def for_chart(value: object) -> str:
    """A matplotlib title, label or tick: one line, every `$` escaped so no mathtext is parsed."""
    return clean(value, lines=False).replace("$", r"\$")


def for_markdown(value: object) -> str:
    """A Markdown table cell or list item shown rendered (Prefect artifacts): one line, the inline
    syntax (links, images, HTML, emphasis, pipes) backslash-escaped so it shows as written."""
    return _MARKDOWN.sub(r"\\\1", clean(value, lines=False))


class MarkdownSafe(str):
    """Markdown assembled from escaped parts (a link): a Markdown template passes it on as it is."""


def markdown_link(url: object, text: object) -> str:
    """`[text](url)` when `url` is a web address (percent-encoded, so no bracket, parenthesis or
    space ends it early), else the text alone; the text shown as written."""
    if not (isinstance(url, str) and url.lower().startswith(("http://", "https://"))):
        return for_markdown(text)
    return MarkdownSafe(f"[{for_markdown(text)}]({quote(clean(url, lines=False), safe=':/?#@!$&*+,;=%-._~')})")


def for_json_line(line: str) -> str:
    """A line of `json.dumps(..., ensure_ascii=False)` with DEL and the C1 controls, which it leaves
    raw, as \\u escapes: the same JSON, nothing a terminal acts on."""
    return _NOT_IN_JSON.sub(lambda m: f"\\u{ord(m[0]):04x}", line)


def template_finalize(value: Any) -> Any:
    """Jinja's `finalize`: every `{{ expression }}` of the digest's templates is cleaned to one
    line before autoescape (HTML) or output (text); Markup, already escaped, keeps its lines."""
    if isinstance(value, Markup):
        return Markup(clean(value))
    if isinstance(value, str):
        return clean(value, lines=False)
    return value


class TerminalTable(Table):
    """A Rich table for untrusted text: its title, headers and str cells go through
    `for_terminal`; a cell that needs a style is made with `styled`."""

    def __init__(self, *headers: Any, title: str | None = None, **kwargs: Any) -> None:
        super().__init__(*headers, title=None if title is None else for_terminal(title), **kwargs)

    def add_column(self, header: Any = "", *args: Any, **kwargs: Any) -> None:
        super().add_column(for_terminal(header) if isinstance(header, str) else header, *args, **kwargs)

    def add_row(self, *cells: Any, **kwargs: Any) -> None:
        super().add_row(*(c if isinstance(c, Text) or c is None else for_terminal(c) for c in cells), **kwargs)


def markdown_cell(value: Any) -> str:
    """A value as Markdown tables show it: NULL, times to the minute (UTC), lists in brackets,
    pipes escaped, line breaks flattened and control characters dropped so a cell cannot break
    its table or the terminal it is printed on."""
    if value is None:
        return "NULL"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, float):
        return f"{value:.15g}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(markdown_cell(v) for v in value) + "]"
    return clean(value, lines=False).replace("|", "\\|")
