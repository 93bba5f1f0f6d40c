"""Compilation: clitics by policy, inflections, tries, anchors, trims, lookbehinds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extractor.anchor_analysis import leading_anchors, required_anchors
from extractor.compile import Compiled
from extractor.engine import extract_document, fact_dicts
from extractor.expand import normalize_pattern, unnamed_groups
from extractor.lexicon import trie_pattern
from extractor.rulepacks import BUILTIN_RULES, check

PACK = """\
pack: fixture
types:
  thing:
    fields:
      id: string
      role: string?
      name: string?
lexicons:
  fx_title:
    clitics: noun
    attributes: [role]
    groups:
      word: {inflect: title, article: optional}
    entries:
      - {id: envoy, word: [مندوب], role: envoy}
  fx_place:
    clitics: noun
    groups:
      names: {}
      nisba: {inflect: nisba, article: optional}
    entries:
      - {id: QA, names: [قطر], nisba: [قطري]}
      - {id: DZ, names: [الجزائر], nisba: [جزائري]}
  fx_stop:
    entries:
      - {id: said, forms: [قال, أكد]}
  fx_lead:
    entries:
      - {id: since, forms: [منذ, في]}
fragments:
  word: '[\\u0621-\\u063a\\u0641-\\u064a]{2,}'
rules:
  - id: fx-place
    type: thing
    pattern: '{fx_place:p}'
    fields: {id: '{p.id}'}
    examples:
      - {text: وصل إلى الجزائر, span: الجزائر, fields: {id: DZ}}
  - id: fx-title-name
    type: thing
    pattern: '{fx_title:t} {fx_place/nisba:c}(?: (?P<name>{word}(?: {word}){0,3}))?'
    trim:
      name: {stop: [fx_stop, fx_place]}
    fields: {id: '{c.id}', role: '{t.role}', name: '{name}'}
    examples:
      - {text: وقال المندوب القطري علي أحمد, span: المندوب القطري علي أحمد}
  - id: fx-after-lead
    type: thing
    pattern: '(?<={fx_lead} )(?P<w>{word})'
    fields: {id: '{w}'}
    examples:
      - {text: منذ الأمس, span: الأمس}
"""


@pytest.fixture(scope="module")
def fixture_rules(tmp_path_factory: pytest.TempPathFactory) -> Compiled:
    folder = tmp_path_factory.mktemp("pack")
    (folder / "fixture.yaml").write_text(PACK, encoding="utf-8")
    compiled, problems = check((BUILTIN_RULES / "core.yaml", folder), builtin=False)
    assert compiled is not None, [p.format() for p in problems]
    return compiled


def _things(compiled: Compiled, text: str) -> list[dict[str, object]]:
    return [f for f in fact_dicts(extract_document(compiled, text), compiled, hidden=True)
            if f["type"] == "thing"]


@pytest.mark.parametrize(("text", "span"), [
    ("وقطر", "قطر"), ("بقطر", "قطر"), ("والجزائر", "الجزائر"), ("للجزائر", "لجزائر"),
    ("وبالجزائر", "الجزائر"), ("فالجزائر", "الجزائر"),
])
def test_clitics_are_outside_the_span(fixture_rules: Compiled, text: str, span: str) -> None:
    facts = [f for f in _things(fixture_rules, text) if f["rule"] == "fx-place"]
    assert [f["text"] for f in facts] == [span]


def test_clitic_inside_a_word_is_not_a_clitic(fixture_rules: Compiled) -> None:
    assert _things(fixture_rules, "قطرات المطر") == []


@pytest.mark.parametrize(("text", "role", "country", "name"), [
    ("المندوبة القطرية نورة", "envoy", "QA", "نورة"),
    ("مندوبا الجزائريين قال", "envoy", "DZ", None),
    ("المندوب القطري علي أحمد قال إن", "envoy", "QA", "علي أحمد"),
])
def test_inflections_and_name_trims(fixture_rules: Compiled, text: str, role: str,
                                    country: str, name: str | None) -> None:
    facts = [f for f in _things(fixture_rules, text) if f["rule"] == "fx-title-name"]
    assert len(facts) == 1
    assert facts[0]["fields"] == {"id": country, "role": role, "name": name}
    assert not str(facts[0]["text"]).endswith(" ")


def test_lexicon_in_a_lookbehind(fixture_rules: Compiled) -> None:
    facts = [f for f in _things(fixture_rules, "منذ الأمس في الصباح")
             if f["rule"] == "fx-after-lead"]
    assert [f["text"] for f in facts] == ["الأمس", "الصباح"]


def test_anchors_of_the_fixture_rules(fixture_rules: Compiled) -> None:
    by_id = {r.rule.id: r for r in fixture_rules.rules}
    assert by_id["fx-place"].anchors == ["fx_place"]
    assert by_id["fx-title-name"].anchors == ["fx_title"]
    assert by_id["fx-after-lead"].anchors is None


def test_anchor_analysis(fixture_rules: Compiled) -> None:
    rs = fixture_rules.ruleset
    n = normalize_pattern
    assert leading_anchors("(?<!x){fx_title} {fx_place}", rs, n) == ["fx_title"]
    assert leading_anchors("(?:{fx_title}|{fx_place/names:p}) x", rs, n) == ["fx_title",
                                                                         "fx_place/names"]
    assert leading_anchors("{fx_title}? x", rs, n) is None
    assert leading_anchors("(?<!\\d)(?:[12]\\d|3[01]|0?[1-9]) x", rs, n) == ["#digit"]
    assert leading_anchors("مجلس {fx_title}", rs, n) == ["=مجلس"]
    # A positive lookahead at the start says what the match starts with.
    assert leading_anchors("(?=(?:{fx_place} )?{fx_title} )\\w+ \\w+", rs, n) == \
        ["fx_place", "fx_title"]
    assert leading_anchors("(?=\\w+ {fx_title}){fx_place}", rs, n) == ["fx_place"]
    assert leading_anchors("(?!{fx_title})\\w+", rs, n) is None
    assert leading_anchors("مجلس (?=x)|{fx_title}", rs, n) == ["=مجلس", "fx_title"]
    assert leading_anchors("وزير(?:ه)? x", rs, n) is None  # the group may lengthen the word
    assert leading_anchors("(?:ا|اا)+ب", rs, n) is None  # repeated: what follows is unknown
    assert leading_anchors("{fx_title}|(?:a)?{fx_place}", rs, n) is None
    assert leading_anchors("1x|ab c", rs, n) == ["#digit", "=ab"]
    assert leading_anchors("1x|(?:a)?b", rs, n) is None
    assert required_anchors("(?:x )?(?P<n>{word}) {fx_title}", rs, n) == ["fx_title"]
    assert required_anchors("a|{fx_title}", rs, n) is None
    assert required_anchors("(?:{fx_title})? b", rs, n) is None


def test_trie_prefers_the_longest_form() -> None:
    import regex
    pattern = regex.compile(trie_pattern(["وزير", "وزيره", "وزراء"]) + "$")
    assert all(pattern.match(w) for w in ["وزير", "وزيره", "وزراء"])
    assert not pattern.match("وزي")


def test_unnamed_groups_are_found() -> None:
    assert unnamed_groups("(a)(?:b)[(](?P<c>d)\\(e") == [0]


def test_rules_folder_that_does_not_exist_is_an_error() -> None:
    compiled, problems = check((Path("/no/such/folder"),))
    assert compiled is None and problems[0].code == "E100"


def test_max_length_and_reach(fixture_rules: Compiled) -> None:
    from extractor.reach import TOKEN_CAP, max_length, reach_before_required

    rs = fixture_rules.ruleset
    n = normalize_pattern
    lengths = {"fx_title": 12, "fx_place": 10}
    assert max_length("ab(?:cd|e)?", rs, n, lengths) == 4
    assert max_length("a{2,3}(?=zzz)", rs, n, lengths) == 3
    assert max_length("\\w+ x", rs, n, lengths) == TOKEN_CAP + 2
    assert max_length("(?:ab)+", rs, n, lengths) is None
    assert max_length("{fx_title} {fx_place}", rs, n, lengths) == 23
    assert reach_before_required("(?P<n>\\w+ \\w+)، {fx_title}", rs, n, lengths) == \
        2 * TOKEN_CAP + 3
    assert reach_before_required("(?:\\w+ )+{fx_title}", rs, n, lengths) is None


def test_spaces_before_the_required_word(fixture_rules: Compiled) -> None:
    """The word-count bound: white space a match can hold before its required word."""
    from extractor.reach import max_length, reach_before_required

    rs = fixture_rules.ruleset
    n = normalize_pattern
    spaces = {"fx_title": 1, "fx_place": 0}  # most spaces inside one form
    assert max_length("\\w+ \\w+", rs, n, spaces, spaces=True) == 1
    assert max_length("(?:\\w+ ){0,3}\\w+", rs, n, spaces, spaces=True) == 3
    assert max_length("[^،]+", rs, n, spaces, spaces=True) is None  # may run over spaces
    assert max_length("\\s?{fx_title}[ ،]", rs, n, spaces, spaces=True) == 3
    assert max_length("(?:\\w+ )+", rs, n, spaces, spaces=True) is None
    assert reach_before_required("(?P<n>\\w+(?: \\w+){0,2})، {fx_title}", rs, n, spaces,
                                 spaces=True) == 3


def test_name_first_rules_try_only_word_starts_within_their_word_reach() -> None:
    from extractor.positions import word_starts_before

    text = "قال إن الوزير الأول عادل الجبير، وزير الخارجية"
    words = [m.start() for m in re.finditer(r"\w+", text)]
    title = text.index("، وزير") + 2
    near = word_starts_before(text, words, [title], reach=len(text), reach_spaces=2)
    assert [text[p:].split()[0] for p in near] == ["عادل", "الجبير،", "وزير"]
    assert word_starts_before(text, words, [title], reach=len(text), reach_spaces=None) == \
        [p for p in words if p <= title]


def test_required_literals_of_unanchored_rules(fixture_rules: Compiled) -> None:
    """Texts one of which every match holds: lines without them are not scanned."""
    from extractor.anchor_analysis import required_literals

    rs = fixture_rules.ruleset
    n = normalize_pattern
    assert required_literals("(?<=x )(?:سلام|السلام)(?!\\w)", rs, n) == ["سلام"]
    assert required_literals("x(?:foo|bar)?baz", rs, n) == ["baz"]
    assert required_literals("(?:foo|bar)", rs, n) == ["foo", "bar"]
    assert required_literals("ab?c", rs, n) is None  # nothing of two characters is certain
    assert required_literals("\\d+ يوليو", rs, n) == ["يوليو"]
    assert required_literals("(?:foo)?|bar", rs, n) is None  # one alternative may be empty


def test_an_unanchored_rule_scans_only_lines_with_its_literal(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(PACK_LITERAL, encoding="utf-8")
    compiled, problems = check((tmp_path,))
    assert compiled is not None, problems
    crule = compiled.rule("peace-word")
    assert crule.anchors is None and crule.literals == ["سلام"]
    text = "لا شيء هنا\nعملية السلام في المنطقة\nولا هنا"
    facts = fact_dicts(extract_document(compiled, text), compiled)
    assert [(f["type"], f["fields"]["word"]) for f in facts if f["type"] == "peace_thing"] \
        == [("peace_thing", "السلام")]


PACK_LITERAL = """\
pack: literal
types:
  peace_thing:
    fields: {word: string}
rules:
  - id: peace-word
    type: peace_thing
    pattern: '(?<=عمليه )(?P<w>(?:ال)?سلام)(?!\\\\w)'
    fields: {word: '{w}'}
    examples:
      - {text: 'بدأت عملية السلام أمس', span: السلام}
"""


def test_text_right_before_the_required_word(fixture_rules: Compiled) -> None:
    from extractor.reach import text_before_required

    rs = fixture_rules.ruleset
    n = normalize_pattern
    assert text_before_required("\\w+ \\w+، (?!و){fx_title}", rs, n) == "، "
    assert text_before_required("\\w+،? {fx_title}", rs, n) == " "
    assert text_before_required("\\w+(?:، | ){fx_title}", rs, n) == ""  # ends with a group
    assert text_before_required("\\w+ (?:x )?{fx_title}", rs, n) == ""
    assert text_before_required("\\w+ \\.{fx_title}", rs, n) == ""  # an escape, not text


def test_reach_counts_the_text_inside_the_element_before_the_word(
        fixture_rules: Compiled) -> None:
    """A group holding the required word may start with something else: its
    reach is the text before the group plus the text before the word in it."""
    from extractor.reach import reach_before_required

    rs = fixture_rules.ruleset
    n = normalize_pattern
    lengths = {"fx_title": 12, "fx_place": 10}
    assert reach_before_required("ab (?:cd )?{fx_title}", rs, n, lengths) == 6
    assert reach_before_required("ab (?:(?:cd )?{fx_title}|{fx_title})", rs, n, lengths) == 6
    assert reach_before_required("ab (?:{fx_place} {fx_title})", rs, n, lengths) == 3
