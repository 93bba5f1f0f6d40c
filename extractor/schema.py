"""Turn a strictly loaded rule file into model objects, reporting every problem.

The schema is the single place that knows which keys a rule pack may hold and
what type each value has; ``KEYS`` is exported so docs and tests can check that
the documentation and the loader agree.
"""

from __future__ import annotations

from typing import Any

import regex

from extractor.errors import RuleProblem
from extractor.loader import LoadedFile, Path_, format_path
from extractor.model import (
    FIELD_KINDS,
    CliticPolicy,
    Example,
    FactType,
    FieldSpec,
    FormGroup,
    Inflection,
    LexEntry,
    Lexicon,
    Probe,
    Rule,
    RuleSet,
    Slot,
    Trim,
)

# section -> (allowed keys, required keys)
KEYS: dict[str, tuple[set[str], set[str]]] = {
    "pack": ({"pack", "description", "types", "clitics", "inflections", "lexicons",
              "fragments", "rules"}, {"pack"}),
    "type": ({"description", "fields", "parts", "builder", "emit", "section", "coref",
              "inherit_from_previous", "coref_letters", "coref_mentions"}, {"fields"}),
    "clitics": ({"conjunctions", "prepositions", "article", "article_after_lam"},
                {"conjunctions", "prepositions", "article", "article_after_lam"}),
    "inflection": ({"suffixes"}, {"suffixes"}),
    "lexicon": ({"description", "clitics", "groups", "attributes", "entries", "probes"},
                {"entries"}),
    "probe": ({"text", "type", "groups", "ref_date"}, {"text", "type"}),
    "group": ({"inflect", "article"}, set()),
    "rule": ({"id", "type", "priority", "description", "pattern", "trigger", "slots",
              "one_per_window", "trim", "fields", "examples", "counter_examples"}, {"id", "type"}),
    "slot": ({"types", "take", "field", "where", "window", "max_distance", "min_count",
              "absent", "follow", "quote", "max_count", "not_across"}, {"types"}),
    "trim": ({"stop", "keep"}, {"stop"}),
    "example": ({"text", "span", "fields", "ref_date"}, {"text"}),
}
RULE_ID = regex.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
NAME = regex.compile(r"^[a-z_][a-z0-9_]*$")
TAKES = ("all", "nearest", "nearest_before", "nearest_after")
WINDOWS = ("clause", "sentence", "paragraph", "document")


class _Builder:
    """Collects problems while walking one file."""

    def __init__(self, loaded: LoadedFile) -> None:
        self.f = loaded
        self.problems: list[RuleProblem] = []
        self.rule_id: str | None = None

    def err(self, code: str, msg: str, path: Path_, key: bool = False) -> None:
        self.problems.append(self.f.problem(code, msg, path, self.rule_id, key))

    def origin(self, path: Path_) -> str:
        line, col = self.f.locate(path)
        return f"{self.f.path}:{line}:{col}"

    def mapping(self, value: Any, path: Path_, section: str | None = None) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.err("E202", f"expected a mapping, got {_kind(value)}", path)
            return {}
        if section is not None:
            allowed, required = KEYS[section]
            for key in value:
                if key not in allowed:
                    hint = _closest(key, allowed)
                    self.err("E200", f"unknown key {key!r} in {section}"
                             + (f" (did you mean {hint!r}?)" if hint else ""),
                             path + (key,), key=True)
            for key in sorted(required - value.keys()):
                self.err("E201", f"{section} needs the key {key!r}", path)
        return value

    def seq(self, value: Any, path: Path_) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.err("E202", f"expected a list, got {_kind(value)}", path)
            return []
        return value

    def string(self, value: Any, path: Path_, default: str = "") -> str:
        if value is None:
            return default
        if not isinstance(value, str):
            self.err("E202", f"expected text, got {_kind(value)}", path)
            return default
        return value

    def strings(self, value: Any, path: Path_) -> list[str]:
        items = self.seq(value, path)
        return [self.string(v, path + (i,)) for i, v in enumerate(items)]

    def boolean(self, value: Any, path: Path_, default: bool = False) -> bool:
        if value is None:
            return default
        if value in ("true", "false"):
            return bool(value == "true")
        self.err("E202", f"expected true or false, got {value!r}", path)
        return default

    def integer(self, value: Any, path: Path_, default: int) -> int:
        if value is None:
            return default
        if isinstance(value, str) and regex.fullmatch(r"-?(?:0|[1-9][0-9]*)", value):
            return int(value)
        self.err("E202", f"expected a whole number, got {value!r}", path)
        return default


def _kind(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "text", type(None): "nothing"}.get(
        type(value), type(value).__name__)


def _closest(key: str, allowed: set[str]) -> str | None:
    best = min(allowed, key=lambda a: _distance(key, a))
    return best if _distance(key, best) <= 2 else None


def _distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def build_pack(loaded: LoadedFile, into: RuleSet) -> list[RuleProblem]:
    """Validate one loaded file and add what it declares to ``into``."""
    b = _Builder(loaded)
    if loaded.data is None:
        return b.problems
    top = b.mapping(loaded.data, (), "pack")
    for name, spec in b.mapping(top.get("types") or {}, ("types",)).items():
        _type(b, name, spec, ("types", name), into)
    for name, spec in b.mapping(top.get("clitics") or {}, ("clitics",)).items():
        p = ("clitics", name)
        s = b.mapping(spec, p, "clitics")
        into.clitics[name] = CliticPolicy(
            name, b.strings(s.get("conjunctions"), p + ("conjunctions",)),
            b.strings(s.get("prepositions"), p + ("prepositions",)),
            b.string(s.get("article"), p + ("article",)),
            b.string(s.get("article_after_lam"), p + ("article_after_lam",)))
    for name, spec in b.mapping(top.get("inflections") or {}, ("inflections",)).items():
        p = ("inflections", name)
        s = b.mapping(spec, p, "inflection")
        into.inflections[name] = Inflection(name, b.strings(s.get("suffixes"), p + ("suffixes",)))
    for name, spec in b.mapping(top.get("lexicons") or {}, ("lexicons",)).items():
        _lexicon(b, name, spec, ("lexicons", name), into)
    for name, pattern in b.mapping(top.get("fragments") or {}, ("fragments",)).items():
        if name in into.fragments:
            b.err("E204", f"fragment {name!r} is already defined", ("fragments", name), key=True)
        into.fragments[name] = b.string(pattern, ("fragments", name))
    for i, spec in enumerate(b.seq(top.get("rules"), ("rules",))):
        rule = _rule(b, spec, ("rules", i))
        if rule is not None:
            into.rules.append(rule)
    into.files.append(str(loaded.path))
    return b.problems


def _type(b: _Builder, name: str, spec: Any, path: Path_, into: RuleSet) -> None:
    s = b.mapping(spec, path, "type")
    if not NAME.match(name):
        b.err("E203", f"type name {name!r} must be snake_case", path, key=True)
    if name in into.types:
        b.err("E204", f"fact type {name!r} is already defined in {into.types[name].origin}",
              path, key=True)
    fields: dict[str, FieldSpec] = {}
    for fname, kind in b.mapping(s.get("fields") or {}, path + ("fields",)).items():
        kind_s = b.string(kind, path + ("fields", fname))
        if kind_s not in FIELD_KINDS:
            b.err("E203", f"field kind {kind_s!r} is not one of {', '.join(FIELD_KINDS)}",
                  path + ("fields", fname))
        fields[fname] = FieldSpec(fname, kind_s)
    into.types[name] = FactType(
        name, fields, b.strings(s.get("parts"), path + ("parts",)),
        b.string(s.get("builder"), path + ("builder",)) or None,
        b.boolean(s.get("emit"), path + ("emit",), True),
        b.string(s.get("section"), path + ("section",)) or None,
        b.boolean(s.get("coref"), path + ("coref",)),
        b.strings(s.get("inherit_from_previous"), path + ("inherit_from_previous",)),
        b.string(s.get("description"), path + ("description",)), b.origin(path),
        b.string(s.get("coref_letters"), path + ("coref_letters",)) or None,
        b.string(s.get("coref_mentions"), path + ("coref_mentions",)) or None)


def _lexicon(b: _Builder, name: str, spec: Any, path: Path_, into: RuleSet) -> None:
    s = b.mapping(spec, path, "lexicon")
    if name in into.lexicons:
        b.err("E204", f"lexicon {name!r} is already defined in {into.lexicons[name].origin}",
              path, key=True)
    groups: dict[str, FormGroup] = {}
    for gname, gspec in b.mapping(s.get("groups") or {"forms": {}}, path + ("groups",)).items():
        g = b.mapping(gspec or {}, path + ("groups", gname), "group")
        article = b.string(g.get("article"), path + ("groups", gname, "article"), "none")
        if article not in ("none", "optional"):
            b.err("E203", "article must be 'none' or 'optional'", path + ("groups", gname))
        groups[gname] = FormGroup(gname, b.string(g.get("inflect"), path) or None, article)
    attributes = b.strings(s.get("attributes"), path + ("attributes",))
    entries: list[LexEntry] = []
    seen: set[str] = set()
    for i, espec in enumerate(b.seq(s.get("entries"), path + ("entries",))):
        p = path + ("entries", i)
        e = b.mapping(espec, p)
        eid = b.string(e.get("id"), p + ("id",))
        if not eid:
            b.err("E201", "lexicon entry needs an 'id'", p)
        elif eid in seen:
            b.err("E204", f"entry id {eid!r} appears twice in lexicon {name!r}", p + ("id",))
        seen.add(eid)
        forms: dict[str, list[str]] = {}
        attrs: dict[str, str] = {}
        for key, value in e.items():
            if key == "id":
                continue
            if key in groups:
                forms[key] = b.strings(value, p + (key,))
            elif key in attributes:
                attrs[key] = b.string(value, p + (key,))
            else:
                b.err("E200", f"unknown key {key!r} in entry: declare it under 'groups' or "
                      f"'attributes' of lexicon {name!r}", p + (key,), key=True)
        if not any(forms.values()):
            b.err("E201", f"entry {eid!r} has no forms", p)
        entries.append(LexEntry(eid, forms, attrs, b.origin(p)))
    into.lexicons[name] = Lexicon(
        name, b.string(s.get("clitics"), path + ("clitics",)) or None, groups, attributes,
        entries, b.string(s.get("description"), path + ("description",)), b.origin(path),
        [_probe(b, spec, path + ("probes", i), groups)
         for i, spec in enumerate(b.seq(s.get("probes"), path + ("probes",)))])


def _probe(b: _Builder, spec: Any, path: Path_, groups: dict[str, FormGroup]) -> Probe:
    s = b.mapping(spec, path, "probe")
    text = b.string(s.get("text"), path + ("text",))
    if "{form}" not in text:
        b.err("E203", "a probe's text must hold {form}, where each form is put", path + ("text",))
    chosen = b.strings(s.get("groups"), path + ("groups",)) if "groups" in s else []
    for g in chosen:
        if g not in groups:
            b.err("E203", f"probe names group {g!r}, which the lexicon does not declare",
                  path + ("groups",))
    return Probe(text, b.string(s.get("type"), path + ("type",)), chosen,
                 b.string(s.get("ref_date"), path + ("ref_date",)) or None, b.origin(path))


def _rule(b: _Builder, spec: Any, path: Path_) -> Rule | None:
    s = b.mapping(spec, path)
    b.rule_id = s.get("id") if isinstance(s.get("id"), str) else None
    s = b.mapping(spec, path, "rule")
    if not s:
        return None
    rid = b.string(s.get("id"), path + ("id",))
    if rid and not RULE_ID.match(rid):
        b.err("E203", f"rule id {rid!r} must be kebab-case (a-z, 0-9, '-')", path + ("id",))
    pattern = b.string(s.get("pattern"), path + ("pattern",)) or None
    trigger = b.string(s.get("trigger"), path + ("trigger",)) or None
    if (pattern is None) == (trigger is None):
        b.err("E201", "a rule needs exactly one of 'pattern' (atomic) or 'trigger' (composite)",
              path)
    slots: dict[str, Slot] = {}
    for sname, sspec in b.mapping(s.get("slots") or {}, path + ("slots",)).items():
        sp = path + ("slots", sname)
        ss = b.mapping(sspec, sp, "slot")
        take = b.string(ss.get("take"), sp + ("take",), "all")
        if take not in TAKES:
            b.err("E203", f"take must be one of {', '.join(TAKES)}", sp + ("take",))
        window = b.string(ss.get("window"), sp + ("window",), "sentence")
        if window not in WINDOWS:
            b.err("E203", f"window must be one of {', '.join(WINDOWS)}", sp + ("window",))
        where = {k: b.string(v, sp + ("where", k))
                 for k, v in b.mapping(ss.get("where") or {}, sp + ("where",)).items()}
        slots[sname] = Slot(
            sname, b.strings(ss.get("types"), sp + ("types",)), take,
            b.string(ss.get("field"), sp + ("field",)) or None, where, window,
            b.integer(ss.get("max_distance"), sp + ("max_distance",), -1),
            b.integer(ss.get("min_count"), sp + ("min_count",), 0),
            b.boolean(ss.get("absent"), sp + ("absent",)),
            b.strings(ss.get("follow") or [], sp + ("follow",)),
            b.boolean(ss.get("quote"), sp + ("quote",)),
            b.integer(ss.get("max_count"), sp + ("max_count",), -1),
            b.strings(ss.get("not_across") or [], sp + ("not_across",)))
        if slots[sname].max_distance == -1:
            slots[sname].max_distance = None
        if slots[sname].max_count == -1:
            slots[sname].max_count = None
    trims: list[Trim] = []
    for cap, tspec in b.mapping(s.get("trim") or {}, path + ("trim",)).items():
        tp = path + ("trim", cap)
        t = b.mapping(tspec, tp, "trim")
        keep = b.string(t.get("keep"), tp + ("keep",), "leading")
        if keep not in ("leading", "trailing"):
            b.err("E203", "keep must be 'leading' or 'trailing'", tp + ("keep",))
        trims.append(Trim(cap, b.strings(t.get("stop"), tp + ("stop",)), keep))
    rule = Rule(
        rid, b.string(s.get("type"), path + ("type",)),
        b.integer(s.get("priority"), path + ("priority",), 50),
        dict(b.mapping(s.get("fields") or {}, path + ("fields",))),
        pattern, trigger, slots,
        b.boolean(s.get("one_per_window"), path + ("one_per_window",)),
        trims,
        b.string(s.get("description"), path + ("description",)),
        _examples(b, s.get("examples"), path + ("examples",)),
        _examples(b, s.get("counter_examples"), path + ("counter_examples",)),
        b.origin(path))
    rule.path = format_path(path)
    for key in ("id", "type", "pattern", "trigger"):
        if key in s:
            line, col = b.f.locate(path + (key,))
            rule.locations[key] = (line, col, b.f.line_text(line))
    for key in rule.fields:
        line, col = b.f.locate(path + ("fields", key))
        rule.locations[f"fields.{key}"] = (line, col, b.f.line_text(line))
    b.rule_id = None
    return rule


def _examples(b: _Builder, value: Any, path: Path_) -> list[Example]:
    out: list[Example] = []
    for i, spec in enumerate(b.seq(value, path)):
        p = path + (i,)
        if isinstance(spec, str):
            out.append(Example(spec, None, {}, None, b.origin(p)))
            continue
        s = b.mapping(spec, p, "example")
        fields = b.mapping(s.get("fields") or {}, p + ("fields",))
        out.append(Example(b.string(s.get("text"), p + ("text",)),
                           b.string(s.get("span"), p + ("span",)) or None, dict(fields),
                           b.string(s.get("ref_date"), p + ("ref_date",)) or None, b.origin(p)))
    return out
