"""A self-contained right-to-left HTML page with every fact highlighted in its text.

The view a rule author keeps open: each fact is a ``<mark>`` coloured by type,
its fields in the ``title`` tooltip, a legend with the count per type. The
page has no script and loads nothing (inline CSS only); every text and
attribute is HTML-escaped, so an article cannot inject markup.
"""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass
from typing import Any

# Light backgrounds that keep black text readable; types take them in order.
PALETTE = ("#ffe08a", "#a8e6a1", "#9fd3ff", "#ffb3c7", "#d6b8ff", "#ffc99a", "#b5f0ea",
           "#e6e6a1", "#f7b0f0", "#c9d1d9", "#ffd6d6", "#c2f0c2")


@dataclass
class PageDoc:
    """One document of the page: its id, the text the offsets index, its facts."""

    doc_id: str
    text: str
    facts: list[dict[str, Any]]


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _value(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def tooltip(fact: dict[str, Any]) -> str:
    """The hover text of a fact: type, rule, then one line per field."""
    lines = [f"{fact['type']} ({fact['rule']})"]
    lines += [f"{k}: {_value(v)}" for k, v in sorted(fact["fields"].items())]
    return "\n".join(lines)


def _mark(fact: dict[str, Any], css: str) -> str:
    title = _esc(tooltip(fact)).replace("\n", "&#10;")
    return (f'<mark class="fact {css}" data-type="{_esc(fact["type"])}" '
            f'data-fact="{_esc(fact["id"])}" data-rule="{_esc(fact["rule"])}" '
            f'title="{title}">')


def highlight_text(text: str, facts: list[dict[str, Any]], css: dict[str, str]) -> str:
    """The escaped text with nested ``<mark>`` elements; partial overlaps are clipped."""
    out: list[str] = []
    pos = 0
    stack: list[int] = []  # ends of the open marks
    for fact in sorted(facts, key=lambda f: (f["start"], -f["end"])):
        start, end = fact["start"], fact["end"]
        while stack and stack[-1] <= start:
            out.append(_esc(text[pos:stack[-1]]) + "</mark>")
            pos = stack.pop()
        start = max(start, pos)
        if stack:
            end = min(end, stack[-1])
        if end <= start:
            continue
        out.append(_esc(text[pos:start]) + _mark(fact, css.get(fact["type"], "")))
        pos = start
        stack.append(end)
    while stack:
        out.append(_esc(text[pos:stack[-1]]) + "</mark>")
        pos = stack.pop()
    out.append(_esc(text[pos:]))
    return "".join(out)


_STYLE = """
body { font-family: "Noto Naskh Arabic", "Amiri", "Arial", sans-serif; line-height: 2;
       margin: 2em auto; max-width: 60em; padding: 0 1em; color: #111; background: #fff; }
h1 { font-size: 1.3em; } h2 { font-size: 1.1em; border-bottom: 1px solid #ccc; }
.text { white-space: pre-wrap; font-size: 1.15em; }
mark.fact { border-radius: 3px; padding: 0 2px; cursor: help; }
mark.fact mark.fact { outline: 1px solid #555; }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .4em 1.2em; }
.legend li { direction: ltr; }
.swatch { display: inline-block; width: 1em; height: 1em; border-radius: 3px;
          vertical-align: middle; margin-inline-end: .3em; border: 1px solid #999; }
"""


def page(docs: list[PageDoc], types: list[str], title: str = "extractor") -> str:
    """The whole HTML page for ``docs``; ``types`` fixes each type's colour."""
    present = Counter(f["type"] for d in docs for f in d.facts)
    order = list(dict.fromkeys([*types, *sorted(present)]))
    css = {t: f"t-{i}" for i, t in enumerate(order)}
    rules = "\n".join(f".t-{i} {{ background: {PALETTE[i % len(PALETTE)]}; }}"
                      for i in range(len(order)))
    legend = "".join(
        f'<li data-type="{_esc(t)}"><span class="swatch {css[t]}"></span>{_esc(t)} '
        f"({present[t]})</li>" for t in order if present[t])
    articles = "".join(
        f'<article data-doc="{_esc(d.doc_id)}"><h2 dir="auto">{_esc(d.doc_id)}</h2>'
        f'<div class="text">{highlight_text(d.text, d.facts, css)}</div></article>\n'
        for d in docs)
    return (f'<!DOCTYPE html>\n<html lang="ar" dir="rtl">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="generator" content="extractor highlight">\n'
            f"<title>{_esc(title)}</title>\n<style>{_STYLE}{rules}\n</style>\n</head>\n"
            f'<body>\n<header><h1 dir="ltr">{_esc(title)}: '
            f"{sum(present.values())} fact(s)</h1>\n"
            f'<ul class="legend" dir="ltr">{legend}</ul></header>\n{articles}</body>\n</html>\n')
