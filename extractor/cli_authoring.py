"""Rule-authoring commands: coverage on a corpus, a highlighted HTML view, the catalogue.

Registered on the main group by :func:`register`, so extractor/cli.py stays
small; like cli.py this module prints (data to stdout, messages to stderr).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from extractor.cli import (
    EXIT_RULES,
    EXIT_USAGE,
    _compiled,
    _ref,
    _ref_option,
    _rules_option,
    stdout,
)


def _write(text: str, output: Path | None) -> None:
    if output is None:
        stdout().write(text)
    else:
        output.write_text(text, encoding="utf-8", newline="\n")
        click.echo(f"wrote {output}", err=True)


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@_rules_option
@_ref_option
@click.option("--json", "as_json", is_flag=True, help="JSON instead of Markdown.")
@click.option("--quotes", type=click.IntRange(min=0), default=3, show_default=True,
              help="Example quotes per rule.")
@click.option("--max-misses", type=click.IntRange(min=0), default=20, show_default=True,
              help="Likely-miss sentences listed per fact type.")
@click.option("--encoding", default="utf-8", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Write to this file instead of stdout.")
def coverage(inputs: tuple[str, ...], rules: tuple[Path, ...], ref_date: str | None,
             as_json: bool, quotes: int, max_misses: int, encoding: str,
             output: Path | None) -> None:
    """Per rule how often it fired on a corpus, rules never fired, and likely misses."""
    from extractor.coverage import coverage as run_coverage
    from extractor.inputs import read_inputs
    from extractor.render import TemplateError, load_template

    compiled = _compiled(rules)
    docs = read_inputs(list(inputs), _ref(ref_date), encoding)
    report = run_coverage(compiled, docs, quotes, max_misses)
    if as_json:
        _write(json.dumps(report, ensure_ascii=False, sort_keys=True, indent=1) + "\n", output)
        return
    try:
        text = load_template("coverage").render(report)
    except TemplateError as exc:
        click.echo(f"template error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    _write(text, output)


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@_rules_option
@_ref_option
@click.option("--encoding", default="utf-8", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="The HTML file to write (default: stdout).")
def highlight(inputs: tuple[str, ...], rules: tuple[Path, ...], ref_date: str | None,
              encoding: str, output: Path | None) -> None:
    """A right-to-left HTML page with every fact highlighted (fields on hover)."""
    from extractor.highlight import PageDoc, page
    from extractor.inputs import read_inputs
    from extractor.pipeline import extract_doc
    from extractor.screen import screen

    compiled = _compiled(rules)
    docs: list[PageDoc] = []
    for doc in read_inputs(list(inputs), _ref(ref_date), encoding):
        record: dict[str, Any] = extract_doc(compiled, doc)
        text = screen(doc.text)[0] if doc.text is not None else None
        docs.append(PageDoc(doc.doc_id, text if text is not None else (doc.text or ""),
                            record["facts"] if text is not None else []))
        for d in record["diagnostics"]:
            click.echo(f"{doc.doc_id}: {d.get('code')}: {d.get('message', '')}", err=True)
    types = [name for name, t in compiled.ruleset.types.items() if t.emit]
    title = Path(inputs[0]).name if len(inputs) == 1 else "extractor"
    _write(page(docs, types, title), output)


@click.command()
@_rules_option
def catalogue(rules: tuple[Path, ...]) -> None:
    """The rule catalogue (RULES.md) in Markdown: types, fields, rules, examples."""
    from extractor.catalogue import render_catalogue
    from extractor.rulepacks import load_ruleset

    rs, problems = load_ruleset(tuple(rules))
    if problems:
        for p in problems:
            click.echo(p.format(), err=True)
        click.echo(f"{len(problems)} problem(s); run `extractor check`.", err=True)
        sys.exit(EXIT_RULES)
    stdout().write(render_catalogue(rs))


def register(group: click.Group) -> None:
    """Add the authoring commands to the main command group."""
    for command in (coverage, highlight, catalogue):
        group.add_command(command)
