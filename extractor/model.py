"""The typed model of a rule set: what the schema builds from YAML and the compiler reads.

Plain dataclasses, no behaviour: keeping the model apart from validation and
compilation lets each of those modules stay small and testable.
"""

from __future__ import annotations

from dataclasses import dataclass, field

FIELD_KINDS = ("string", "string?", "bool", "list", "int", "int?")


@dataclass
class FieldSpec:
    name: str
    kind: str  # one of FIELD_KINDS


@dataclass
class FactType:
    name: str
    fields: dict[str, FieldSpec]
    parts: list[str] = field(default_factory=list)  # rule-only inputs of the builder
    builder: str | None = None  # a value builder of extractor/values.py
    emit: bool = True  # False: helper facts used by composite rules only
    section: str | None = None  # heading in the fact sheet
    coref: bool = False  # link later mentions of the same name
    inherit_from_previous: list[str] = field(default_factory=list)  # counterpart fields
    description: str = ""
    origin: str = ""
    # Coreference helpers, both lexicon names: interchangeable letters of
    # transliterations (j/gh for g), and title words that mention a person named earlier.
    coref_letters: str | None = None
    coref_mentions: str | None = None


@dataclass
class CliticPolicy:
    name: str
    conjunctions: list[str]
    prepositions: list[str]
    article: str
    article_after_lam: str  # the article's form after the preposition lam (ل + ال)


@dataclass
class Inflection:
    name: str
    suffixes: list[str]


@dataclass
class FormGroup:
    name: str
    inflect: str | None = None
    article: str = "none"  # "optional": the bare form also takes the article


@dataclass
class LexEntry:
    id: str
    forms: dict[str, list[str]]  # group -> forms as written in the YAML
    attrs: dict[str, str]
    origin: str = ""


@dataclass
class Probe:
    """A sentence with a ``{form}`` slot: every form of a lexicon put there must
    come out as a fact of ``type`` holding that lexicon entry (a lexicon-wide
    example, so that every written variant is tested in context)."""

    text: str
    type: str
    groups: list[str] = field(default_factory=list)  # empty: every group
    ref_date: str | None = None
    origin: str = ""


@dataclass
class Lexicon:
    name: str
    clitics: str | None
    groups: dict[str, FormGroup]
    attributes: list[str]
    entries: list[LexEntry]
    description: str = ""
    origin: str = ""
    probes: list[Probe] = field(default_factory=list)


@dataclass
class Example:
    text: str
    span: str | None
    fields: dict[str, object]
    ref_date: str | None = None
    origin: str = ""


@dataclass
class Slot:
    name: str
    types: list[str]
    take: str  # all | nearest | nearest_before | nearest_after
    value_field: str | None  # the slot fact's field giving the value (None: its text)
    where: dict[str, str] = field(default_factory=dict)
    window: str = "sentence"
    max_distance: int | None = None
    min_count: int = 0
    absent: bool = False  # the rule fires only if no such fact is in the window
    # also later sentences holding a fact of these types (back-references such as
    # «خلال اللقاء»), up to the next fact of the rule's type
    follow: list[str] = field(default_factory=list)
    quote: bool = False  # the value is the sentence holding the fact (not its own)
    max_count: int | None = None  # the rule fires only if at most this many values
    # a slot fact is skipped when a fact of these types lies between it and the trigger
    not_across: list[str] = field(default_factory=list)


@dataclass
class Trim:
    """Cut a capture at words of the ``stop`` lexicons (names end where a verb begins).

    ``keep: leading`` keeps the words before the first stop word (a name after a
    title); ``keep: trailing`` keeps the words after the last one (a name before
    a title). Done by dictionary lookups, because regex lookaheads over large
    word lists are slow.
    """

    capture: str
    stop: list[str]
    keep: str = "leading"


@dataclass
class Rule:
    id: str
    type: str
    priority: int
    fields: dict[str, object]
    pattern: str | None = None
    trigger: str | None = None  # composite rules: a fact type
    slots: dict[str, Slot] = field(default_factory=dict)
    one_per_window: bool = False
    trims: list[Trim] = field(default_factory=list)
    description: str = ""
    examples: list[Example] = field(default_factory=list)
    counter_examples: list[Example] = field(default_factory=list)
    origin: str = ""  # file:line:col, for messages
    path: str = ""  # "rules[4]"
    # key ("pattern", "fields.role", ...) -> (line, column, the line's text)
    locations: dict[str, tuple[int, int, str]] = field(default_factory=dict)

    @property
    def composite(self) -> bool:
        return self.trigger is not None


@dataclass
class RuleSet:
    """Everything loaded from the rule directories, merged."""

    types: dict[str, FactType] = field(default_factory=dict)
    clitics: dict[str, CliticPolicy] = field(default_factory=dict)
    inflections: dict[str, Inflection] = field(default_factory=dict)
    lexicons: dict[str, Lexicon] = field(default_factory=dict)
    fragments: dict[str, str] = field(default_factory=dict)
    rules: list[Rule] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
