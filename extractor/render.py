"""Render fact sheets with Jinja templates from plain data.

Templates format, never compute: this module turns records into plain dicts
and lists (people grouped by entity, topics grouped by category, a quote for
every fact) and the template only lays them out. Every template, built-in or
user-supplied, runs in Jinja's immutable sandbox with ``StrictUndefined``, and
every value goes through a Markdown escaping filter for its context.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import jinja2

from extractor.compile import Compiled
from extractor.digest import digest_context
from extractor.normalize import normalize_literal
from extractor.sandbox import LimitedSandbox, TemplateLimitError, render_limited

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
DEDICATED = ("minister", "official", "meeting", "agreement", "date", "topic")
# Keys the people table of the built-in template reads, present even when null.
PERSON_KEYS = ("name", "honorific", "role", "portfolio", "country", "posted_to", "status")
# ASCII punctuation that can start Markdown syntax inside a line.
_MD_SPECIAL = set("\\`*_[]<>|#~&!")


class TemplateError(Exception):
    """A template that cannot be found, parsed or rendered."""


def md_inline(value: Any) -> str:
    """Escape a value for Markdown inline text or a table cell (newlines kept as entities)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        value = "true" if value else "false"
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(v) for v in value)
    out = []
    for ch in str(value):
        if ch in _MD_SPECIAL:
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("&#10;")
        elif ch == "\r":
            out.append("&#13;")
        else:
            out.append(ch)
    return "".join(out)


def _environment() -> LimitedSandbox:
    env = LimitedSandbox(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)), undefined=jinja2.StrictUndefined,
        autoescape=False, keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    env.filters["md"] = md_inline
    return env


def load_template(name_or_path: str) -> jinja2.Template:
    """A built-in template by name (``factsheet``) or a template file by path."""
    env = _environment()
    path = Path(name_or_path)
    try:
        if path.suffix and path.is_file():
            return env.from_string(path.read_text(encoding="utf-8"))
        return env.get_template(f"{name_or_path}.md.j2")
    except jinja2.TemplateNotFound:
        known = ", ".join(sorted(p.name.split(".")[0] for p in TEMPLATES.glob("*.md.j2")))
        raise TemplateError(f"no template {name_or_path!r} (built-in: {known}; or give a "
                            "path to a file)") from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"{name_or_path}:{exc.lineno}: {exc.message}") from None


def labels(compiled: Compiled) -> dict[str, str]:
    """Canonical id -> an Arabic form for readable tables (first lexicon wins).

    The shortest definite form is preferred (الخارجية reads better than خارجية
    or الخارجية والمغتربين in a table); otherwise the entry's first form.
    """
    out: dict[str, str] = {}
    for lex in compiled.ruleset.lexicons.values():
        policy = compiled.ruleset.clitics.get(lex.clitics or "")
        article = policy.article if policy else ""
        for entry in lex.entries:
            forms = [f for group in entry.forms.values() for f in group]
            definite = [f for g, group in entry.forms.items() for f in group if article and (
                normalize_literal(f).startswith(normalize_literal(article)))]
            definite += [article + f for g, group in entry.forms.items() for f in group
                         if article and lex.groups[g].article == "optional"]
            if forms:
                out.setdefault(entry.id, min(definite, key=len) if definite else forms[0])
    return out


def document_context(record: dict[str, Any], sentences: list[str],
                     compiled: Compiled) -> dict[str, Any]:
    """Plain data for one document's fact sheet."""
    types = compiled.ruleset.types
    facts = record["facts"]

    def quote(f: dict[str, Any]) -> str:
        i = f.get("sentence")
        if isinstance(i, int) and 0 <= i < len(sentences):
            return sentences[i].strip()
        return str(f.get("text", ""))

    person_fields = dict.fromkeys(PERSON_KEYS) | {
        name: None for t in ("minister", "official") if t in types for name in types[t].fields}

    def row(f: dict[str, Any]) -> dict[str, Any]:
        declared = types[f["type"]].fields if f["type"] in types else {}
        defaults = person_fields if f["type"] in ("minister", "official") else {}
        return {**defaults, **{name: None for name in declared}, **f["fields"],
                "text": f["text"], "quote": quote(f), "type": f["type"], "rule": f["rule"]}

    people: dict[str, dict[str, Any]] = {}
    for f in facts:
        if f["type"] not in ("minister", "official"):
            continue
        key = f.get("entity") or f["id"]
        if key in people:
            people[key]["mentions"] += 1
            continue
        people[key] = {**row(f), "mentions": 1}
    by_category: dict[str, Counter[str]] = defaultdict(Counter)
    topic_quotes: dict[str, list[str]] = defaultdict(list)
    for f in facts:
        if f["type"] == "topic":
            by_category[f["fields"]["category"]][f["fields"]["topic"]] += 1
            q = quote(f)
            if q not in topic_quotes[f["fields"]["topic"]]:
                topic_quotes[f["fields"]["topic"]].append(q)
    others = []
    for tname, t in types.items():
        if tname in DEDICATED or not t.emit:
            continue
        rows = [row(f) for f in facts if f["type"] == tname]
        if rows:
            others.append({"type": tname, "title": t.section or tname,
                           "fields": list(t.fields), "rows": rows})
    return {
        "id": record["id"],
        "ref_date": record.get("ref_date"),
        "counts": dict(sorted(Counter(f["type"] for f in facts).items())),
        "total": len(facts),
        "people": list(people.values()),
        # a timeline: dated meetings in date order, then the undated ones in text order
        "meetings": [row(f) for f in sorted(
            (f for f in facts if f["type"] == "meeting"),
            key=lambda f: (f["fields"].get("date") is None, f["fields"].get("date") or "",
                           f["start"]))],
        "agreements": [row(f) for f in facts if f["type"] == "agreement"],
        "dates": [row(f) for f in facts if f["type"] == "date"],
        "topics": [{"category": cat, "topics": [
            {"topic": t, "count": n, "quotes": topic_quotes[t]}
            for t, n in sorted(counter.items(), key=lambda x: (-x[1], x[0]))]}
            for cat, counter in sorted(by_category.items())],
        "others": others,
        "diagnostics": record.get("diagnostics", []),
    }


def render_digest(records: Iterable[dict[str, Any]], template: str = "digest") -> str:
    """Render the corpus digest of many records with one template."""
    tmpl = load_template(template)
    context = digest_context(records)
    try:
        return render_limited(tmpl.generate(context), max(1, context["documents"]))
    except (jinja2.TemplateError, TemplateLimitError) as exc:
        raise TemplateError(str(exc)) from None


def is_digest(template: str) -> bool:
    """Digest templates aggregate a corpus; the others render one sheet per document."""
    return Path(template).name.split(".")[0].startswith("digest")


def render_documents(docs: list[tuple[dict[str, Any], list[str]]], compiled: Compiled,
                     template: str = "factsheet") -> str:
    """Render every document (record and its sentences) with one template."""
    tmpl = load_template(template)
    context = {"documents": [document_context(r, s, compiled) for r, s in docs],
               "labels": labels(compiled)}
    try:
        return render_limited(tmpl.generate(context), len(docs))
    except (jinja2.TemplateError, TemplateLimitError) as exc:
        raise TemplateError(str(exc)) from None
    except (OverflowError, MemoryError, RecursionError) as exc:
        raise TemplateError(f"template stopped: {exc}") from None
