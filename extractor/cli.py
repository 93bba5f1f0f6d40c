"""The command line: the only module that prints.

stdout carries data only (JSONL, Markdown, explanations); messages, summaries
and errors go to stderr. Exit codes: 0 ok, 1 findings or failed examples,
2 usage, 3 rule-file error, 4 input errors under ``--strict``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any, TextIO

import click

from extractor.errors import RuleErrors
from extractor.inputs import DETECT, parse_date
from extractor.rulepacks import check as check_rules
from extractor.rulepacks import compiled_rules
from extractor.screen import DEFAULT_MAX_DOC_CHARS

EXIT_FINDINGS, EXIT_USAGE, EXIT_RULES, EXIT_INPUT = 1, 2, 3, 4


def _rules_option(f: Any) -> Any:
    return click.option("--rules", "rules", multiple=True, type=click.Path(path_type=Path),
                        help="A folder (or file) of extra rule packs; repeatable.")(f)


def _ref_option(f: Any) -> Any:
    return click.option("--ref-date", "ref_date", default=None, metavar="YYYY-MM-DD",
                        help="Reference date for relative dates and missing years.")(f)


def _ref(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--ref-date") from None


def _compiled(rules: tuple[Path, ...]) -> Any:
    try:
        return compiled_rules(tuple(rules))
    except RuleErrors as exc:
        click.echo(exc.format(), err=True)
        click.echo(f"{len(exc.problems)} problem(s) in rule files; run `extractor check`.",
                   err=True)
        sys.exit(EXIT_RULES)


def stdout() -> TextIO:
    """The data stream: sys.stdout, looked up at call time (test runners swap it)."""
    return sys.stdout


def _dumps(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, sort_keys=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="extractor")
def main() -> None:
    """Rule-based fact extractor for Arabic news."""
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:  # the output contract is UTF-8, whatever the locale
        with contextlib.suppress(ValueError, OSError):
            reconfigure(encoding="utf-8")


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@_rules_option
@_ref_option
@click.option("--strict", is_flag=True, help="Exit 4 at the end if any document had a "
              "diagnostic.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: all cores). Output is identical for any N.")
@click.option("--encoding", default="utf-8", show_default=True,
              help="Encoding of the input files (e.g. cp1256, iso-8859-6, utf-16).")
@click.option("--detect-encoding", is_flag=True,
              help="Guess the encoding of files that are not UTF-8 (cp1256, ISO-8859-6, "
              "UTF-16) and note the guess in the document's diagnostics.")
@click.option("--max-doc-chars", type=click.IntRange(min=1), default=DEFAULT_MAX_DOC_CHARS,
              show_default=True, help="Longer documents get an oversize_document diagnostic "
              "and no facts (never a silent drop).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "brat"]), default="jsonl",
              show_default=True, help="jsonl on stdout, or brat standoff files in --out-dir.")
@click.option("--out-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for --format brat: ID.txt + ID.ann per document, annotation.conf.")
def extract(inputs: tuple[str, ...], rules: tuple[Path, ...], ref_date: str | None,
            strict: bool, jobs: int | None, encoding: str, detect_encoding: bool,
            max_doc_chars: int,
            fmt: str, out_dir: Path | None) -> None:
    """Write the JSONL facts of each document (FILE.txt, FILE.jsonl[.gz], globs, or -)."""
    import codecs

    from extractor.corpus import Summary, run_corpus

    try:
        codecs.lookup(encoding)
    except LookupError:
        raise click.BadParameter(f"unknown encoding {encoding!r}",
                                 param_hint="--encoding") from None
    compiled = _compiled(rules)
    summary = Summary()
    if fmt == "brat":
        from extractor.brat import export_brat
        from extractor.inputs import read_inputs

        if out_dir is None:
            raise click.UsageError("--format brat needs --out-dir DIR")
        docs = list(read_inputs(list(inputs), _ref(ref_date), encoding))
        for doc, record in zip(docs, _progress(export_brat(compiled, docs, out_dir,
                                                            max_doc_chars)), strict=True):
            summary.add(record, len(doc.text or ""))
        click.echo(f"{summary.format()}; brat files in {out_dir}", err=True)
        if strict and summary.diagnostics.total():
            sys.exit(EXIT_INPUT)
        return
    out = stdout()
    records = run_corpus(list(inputs), _ref(ref_date), tuple(rules), jobs or _cores(),
                         summary, DETECT if detect_encoding else encoding, max_doc_chars)
    for record in _progress(records):
        out.write(_dumps(record) + "\n")
    click.echo(summary.format(), err=True)
    if strict and summary.diagnostics.total():
        sys.exit(EXIT_INPUT)


def _cores() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (
        os.cpu_count() or 1)


def _progress(records: Any) -> Any:
    """A progress bar on stderr when it is a terminal; nothing otherwise."""
    if not sys.stderr.isatty():
        return records
    from tqdm import tqdm

    return tqdm(records, unit="doc", file=sys.stderr, dynamic_ncols=True)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@_rules_option
@_ref_option
@click.option("--template", default="factsheet", show_default=True,
              help="A template name from templates/ or a path to a Jinja template.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Write the sheet to this file instead of stdout.")
def report(inputs: tuple[str, ...], rules: tuple[Path, ...], ref_date: str | None,
           template: str, output: Path | None) -> None:
    """Render the Markdown fact sheet of each document, or a corpus digest.

    Inputs may be articles (.txt, .jsonl) or facts written earlier by
    `extractor extract` (rendered without extracting again).
    """
    from extractor.pipeline import report_inputs
    from extractor.render import TemplateError, is_digest, render_digest, render_documents

    compiled = _compiled(rules)
    records = report_inputs(compiled, list(inputs), _ref(ref_date))
    try:
        if is_digest(template):
            text = render_digest((record for record, _ in records), template)
        else:
            text = render_documents(list(records), compiled, template)
    except TemplateError as exc:
        click.echo(f"template error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    if output is None:
        stdout().write(text)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)


@main.command()
@_rules_option
@click.option("--select", default="DEFAULT", show_default=True, metavar="ID,...",
              help="Lints to run: codes (L103) or names (untested-variant), ALL, or "
              "DEFAULT (all but L106 shadowed-rule, which runs every example and is slow).")
@click.option("--ignore", default="", metavar="ID,...", help="Lints not to run.")
@click.option("--error", "as_errors", default="", metavar="ID,...",
              help="Lints that count as errors (exit 3), e.g. ALL in CI.")
@click.option("--explain", "explain_id", default=None, metavar="ID",
              help="Print the documentation of one lint and exit.")
def check(rules: tuple[Path, ...], select: str, ignore: str, as_errors: str,
          explain_id: str | None) -> None:
    """Validate every rule pack and lint it; print every problem at once."""
    from extractor import lint

    try:
        if explain_id is not None:
            stdout().write(lint.explain(explain_id))
            return
        chosen = lint.resolve_ids(select) - lint.resolve_ids(ignore)
        promoted = lint.resolve_ids(as_errors)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    compiled, problems = check_rules(tuple(rules))
    for p in problems:
        click.echo(p.format(), err=True)
    if problems:
        click.echo(f"{len(problems)} problem(s)", err=True)
        sys.exit(EXIT_RULES)
    assert compiled is not None
    findings = lint.run_lints(compiled, chosen, promoted)
    for f in findings:
        click.echo(f.format(), err=True)
    errors = [f for f in findings if f.severity == "error"]
    if findings:
        counts = ", ".join(f"{code} {lint.LINTS[code].name} {n}"
                           for code, n in lint.lint_counts(findings).items())
        click.echo(f"{len(findings)} lint finding(s), {len(errors)} error(s): {counts} "
                   "(extractor check --explain ID; --ignore ID to hide)", err=True)
    if errors:
        sys.exit(EXIT_RULES)
    click.echo(f"ok: {len(compiled.ruleset.files)} file(s), {len(compiled.rules)} rule(s), "
               f"{len(compiled.lexicons)} lexicon(s)", err=True)


@main.command("test")
@_rules_option
@click.option("--rule", "only", multiple=True, help="Only this rule id; repeatable.")
@click.option("--lexicon", "lexicons", multiple=True,
              help="Only this lexicon's probes; repeatable.")
def test_cmd(rules: tuple[Path, ...], only: tuple[str, ...], lexicons: tuple[str, ...]) -> None:
    """Run every rule's examples and counter-examples, and every lexicon probe."""
    from extractor.examples import run_examples
    from extractor.probes import run_probes

    compiled = _compiled(rules)
    results = run_examples(compiled, set(only) or None) if only or not lexicons else []
    if lexicons or not only:
        results += run_probes(compiled, set(lexicons) or None)
    failed = [r for r in results if not r.ok]
    for r in failed:
        click.echo(f"{r.origin}: FAIL {r.rule_id} {r.kind}[{r.index}]: {r.message}\n"
                   f"  text: {r.text}", err=True)
    click.echo(f"{len(results) - len(failed)} passed, {len(failed)} failed", err=True)
    if failed:
        sys.exit(EXIT_FINDINGS)


@main.command()
@click.argument("text_or_file")
@_rules_option
@_ref_option
def explain(text_or_file: str, rules: tuple[Path, ...], ref_date: str | None) -> None:
    """Show the rules, lexicon entries and captures behind each fact, and what lost."""
    from extractor.engine import extract_document
    from extractor.explain import explain_result

    compiled = _compiled(rules)
    path = Path(text_or_file)
    is_file = _is_file(path)
    text = path.read_text(encoding="utf-8") if is_file else text_or_file
    result = extract_document(compiled, text, path.stem if is_file else "text",
                              _ref(ref_date))
    stdout().write(explain_result(result, compiled))


def _is_file(path: Path) -> bool:
    """True for an existing file; a long Arabic sentence is text, not a bad path."""
    try:
        return "\n" not in str(path) and path.is_file()
    except (OSError, ValueError):
        return False


from extractor.cli_authoring import register  # noqa: E402 - authoring commands

register(main)
