"""Relation rules as data: ``data/rules/triggers.jsonl`` and ``actions.json`` -> ``Rules``.

Part of the facts stage. Each line of ``triggers.jsonl`` is one trigger family with an id
(``opposes/verb``, ``strikes/walk-off``...): the lemmas or lemma phrases that signal the
relation, and the conditions under which they count. A new phrasing is a new line of data;
``graph.trigger_matching.find_triggers`` is the one place that matches them against a
sentence's tokens.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path

from .errors import RuleError
from .lexicon import office_terms, read_roles
from .model import RELATIONS
from .rule_files import (
    ClosedDays,
    SchoolSystems,
    load_closed_days,
    load_school_systems,
    read_optional,
)

__all__ = ["ClosedDays", "Contraries", "Judgements", "Rules", "SchoolSystems", "Trigger", "TriggerRule", "load_rules"]

OBJECT_KINDS = ("policy", "entity", "strike")


@dataclass(frozen=True)
class TriggerRule:
    """One trigger family: which words signal ``relation`` and what must hold around them."""

    id: str
    relation: str
    object: str
    lemmas: frozenset[str] = frozenset()
    phrases: tuple[tuple[str, ...], ...] = ()
    pos: frozenset[str] = frozenset()
    needs_negation: bool = False
    needs_head: frozenset[str] = frozenset()
    needs_complement: frozenset[str] = frozenset()
    agent_types: frozenset[str] = frozenset()
    agent: str = "subject"
    not_government: bool = False
    owner_verbs: frozenset[str] = frozenset()
    content_lemmas: frozenset[str] = frozenset()
    answered_types: frozenset[str] = frozenset()
    government_only: bool = False
    standing_only: bool = False
    changes_only: bool = False


@dataclass(frozen=True)
class Trigger:
    """A rule matched at a token (the phrase's last token for multi-word triggers)."""

    rule: TriggerRule
    token: int
    first_token: int


@dataclass(frozen=True)
class Judgements:
    """Nouns that carry a policy's owner, and lemmas of negative judgement (``graph.ownership``)."""

    owning_nouns: frozenset[str] = frozenset()
    negative: frozenset[str] = frozenset()
    pointing_nouns: frozenset[str] = frozenset()
    condition_marks: frozenset[str] = frozenset()
    withdrawal: frozenset[str] = frozenset()
    planning: frozenset[str] = frozenset()
    opposing_verbs: frozenset[str] = frozenset()
    summary_nouns: frozenset[str] = frozenset()
    proposing_verbs: frozenset[str] = frozenset()
    blaming_verbs: frozenset[str] = frozenset()
    pushing_verbs: frozenset[str] = frozenset()
    deed_nouns: frozenset[str] = frozenset()
    hypothetical_marks: frozenset[str] = frozenset()
    imposing: frozenset[str] = frozenset()
    #: Viewpoint nouns whose owner is a sentence's source: "In her view, ..." (``ArticleContext``).
    view_nouns: frozenset[str] = frozenset()
    #: Words of deceiving that make an accusation's charge a matter of honesty (``graph.stance_guards``).
    deceit: frozenset[str] = frozenset()
    #: Nouns of a settlement whose terms are someone's demands: "any deal must include ..." (``graph.deal_terms``).
    settlement_nouns: frozenset[str] = frozenset()
    #: Verbs of what a settlement holds: "any deal must include ..." (``graph.deal_terms``).
    settlement_verbs: frozenset[str] = frozenset()
    #: Nouns that, pointing back ("the payments"), name a policy named before (``graph.referring_nouns``).
    reference_nouns: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Contraries:
    """Phrases (lowercase word tuples, longest first) naming each policy's opposite, and verbs
    of asking for it (``graph.contraries``)."""

    phrases: tuple[tuple[tuple[str, ...], str], ...] = ()
    wanting: frozenset[str] = frozenset()

    @cached_property
    def by_first_word(self) -> dict[str, list[tuple[tuple[str, ...], str]]]:
        """The phrases by their first word, longest first: each word of a sentence is then
        tried against the few phrases it can open, not against all of them."""
        table: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for phrase, policy in self.phrases:
            table.setdefault(phrase[0], []).append((phrase, policy))
        return table


@dataclass(frozen=True)
class Rules:
    """Every trigger family plus the strike, judgement and contrary vocabularies."""

    triggers: tuple[TriggerRule, ...]
    actions: tuple[tuple[str, str], ...]
    closure_lemmas: frozenset[str]
    non_event_lemmas: frozenset[str]
    withdrawal_lemmas: frozenset[str] = frozenset()
    follow_lemmas: frozenset[str] = frozenset()
    companion_lemmas: frozenset[str] = frozenset()
    non_striking_groups: frozenset[str] = frozenset()
    separate_actions: frozenset[str] = frozenset()
    announce_lemmas: frozenset[str] = frozenset()
    condition_words: frozenset[str] = frozenset()
    condition_preps: frozenset[str] = frozenset()
    union_wide_actions: frozenset[str] = frozenset()
    board_by_board_actions: frozenset[str] = frozenset()
    picket_lemmas: frozenset[str] = frozenset()
    judgements: Judgements = Judgements()
    contraries: Contraries = Contraries()
    #: Strikes that are a whole union's day off the job unless a place narrows them.
    day_strike_actions: frozenset[str] = frozenset()
    #: (person, from, to) ISO days for each holder of a government office in ``roles.jsonl``.
    government_offices: tuple[tuple[str, str, str], ...] = ()
    #: (union, group) ids from ``sector_groups.json``: the teachers a federation's plain
    #: "teachers" are (level of detail only; never a fact by itself).
    sector_groups: tuple[tuple[str, str], ...] = ()
    #: Parties that formed the government (``sides.json``): they and their members are on
    #: the government side (``graph.context``).
    governing_parties: frozenset[str] = frozenset()
    #: Bodies that referee the dispute (``sides.json``): asking them for a conciliator, or
    #: their mediator calling a side back to talks, is procedure, not a response.
    neutral_parties: frozenset[str] = frozenset()
    closed_days: ClosedDays = field(default_factory=ClosedDays)
    school_systems: SchoolSystems = field(default_factory=SchoolSystems)

    # Derived tables are kept on the instance: an lru_cache keyed by ``triggers`` hashed
    # every rule on every call, once per sentence, which showed up in extraction profiles.
    @cached_property
    def strike_words(self) -> frozenset[str]:
        """Every single word that names a strike ("strike", "walkout", "picket")."""
        return frozenset(w for rule in self.triggers if rule.relation == "strikes-at" for w in rule.lemmas)

    @cached_property
    def trigger_words(self) -> dict[str, tuple[TriggerRule, ...]]:
        """Single-word trigger rules by lemma, in rule order."""
        index: dict[str, tuple[TriggerRule, ...]] = {}
        for rule in self.triggers:
            for lemma in rule.lemmas:
                index[lemma] = index.get(lemma, ()) + (rule,)
        return index

    @cached_property
    def trigger_phrases(self) -> tuple[tuple[TriggerRule, tuple[str, ...], frozenset[str]], ...]:
        """Each multi-word trigger phrase, in rule order, with the words a sentence needs for it."""
        return tuple((rule, phrase, frozenset(w for w in phrase if w != "*"))
                     for rule in self.triggers for phrase in rule.phrases)


def load_rules(directory: Path | None = None) -> Rules:
    """Read the rule data files (default: the package's ``data/rules``).

    Raises:
        RuleError: a line is not JSON, or names an unknown relation or object kind.
    """
    directory = directory or Path(str(resources.files("graph") / "data" / "rules"))
    triggers = []
    lines = (directory / "triggers.jsonl").read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        if line.strip() and not line.lstrip().startswith("//"):
            triggers.append(_trigger_rule(line, number))
    actions = json.loads((directory / "actions.json").read_text(encoding="utf-8"))
    return Rules(tuple(triggers), tuple(tuple(pair) for pair in actions["actions"]),
                 frozenset(actions.get("shutting_lemmas", ())) | frozenset(actions["closure_lemmas"]),
                 frozenset(actions["non_event_lemmas"]),
                 frozenset(actions.get("withdrawal_lemmas", ())), frozenset(actions.get("follow_lemmas", ())),
                 frozenset(actions.get("companion_lemmas", ())), frozenset(actions.get("non_striking_groups", ())),
                 frozenset(actions.get("separate_actions", ())), frozenset(actions.get("announce_lemmas", ())),
                 frozenset(actions.get("condition_words", ())), frozenset(actions.get("condition_preps", ())),
                 frozenset(actions.get("union_wide_actions", ())), frozenset(actions.get("board_by_board_actions", ())),
                 frozenset(actions.get("picket_lemmas", ())), *_judgement_vocabularies(directory / "judgements.json"),
                 day_strike_actions=frozenset(actions.get("day_strike_actions", ())),
                 government_offices=_government_offices(directory), **_sides(directory),
                 sector_groups=_sector_groups(directory),
                 closed_days=load_closed_days(directory, frozenset(actions.get("shutting_lemmas", ()))),
                 school_systems=load_school_systems(directory))


def _sides(directory: Path) -> dict[str, frozenset[str]]:
    """The ``Rules`` fields of ``sides.json``, read once: the parties that formed the
    government and the referees of the dispute (none for a rules folder without it)."""
    data = read_optional(directory / "sides.json")
    return {key: frozenset(data.get(key, ())) for key in ("governing_parties", "neutral_parties")}


def _sector_groups(directory: Path) -> tuple[tuple[str, str], ...]:
    """The pairs of ``sector_groups.json`` (none for a rules folder without it)."""
    data = read_optional(directory / "sector_groups.json")
    return tuple((union, group) for union, group in data.items() if not union.startswith("_"))


def _government_offices(directory: Path) -> tuple[tuple[str, str, str], ...]:
    """Who held a government or ministry office when: a premier named without his title is
    still on the government side (``graph.context``). None for a rules folder with no roles."""
    if not (directory / "roles.jsonl").exists():
        return ()
    return office_terms(read_roles(directory).values(), frozenset({"Government", "Ministry"}))


def _judgement_vocabularies(path: Path) -> tuple[Judgements, Contraries]:
    """The vocabularies of ``judgements.json`` (empty when a rules folder has none): a new
    critical word or a new phrase for a policy's opposite is a line of data, not code."""
    if not path.exists():
        return Judgements(), Contraries()
    data = json.loads(path.read_text(encoding="utf-8"))
    judgements = Judgements(frozenset(data["owning_nouns"]), frozenset(w.lower() for w in data["negative"]),
                            frozenset(data.get("pointing_nouns", ())), frozenset(data.get("condition_marks", ())),
                            frozenset(data.get("withdrawal", ())), frozenset(data.get("planning", ())),
                            frozenset(data.get("opposing_verbs", ())), frozenset(data.get("summary_nouns", ())),
                            frozenset(data.get("proposing_verbs", ())), frozenset(data.get("blaming_verbs", ())),
                            frozenset(data.get("pushing_verbs", ())), frozenset(data.get("deed_nouns", ())),
                            frozenset(data.get("hypothetical_marks", ())), frozenset(data.get("imposing", ())),
                            frozenset(data.get("view_nouns", ())), frozenset(data.get("deceit", ())),
                            frozenset(data.get("settlement_nouns", ())), frozenset(data.get("settlement_verbs", ())),
                            frozenset(data.get("reference_nouns", ())))
    phrases = tuple((tuple(p.lower().split()), policy) for policy, items in data.get("contraries", {}).items() for p in items)
    contraries = Contraries(tuple(sorted(phrases, key=lambda p: -len(p[0]))), frozenset(data.get("wanting", ())))
    return judgements, contraries


def _trigger_rule(line: str, number: int) -> TriggerRule:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as error:
        raise RuleError(f"triggers.jsonl, line {number}: not JSON ({error.msg})") from None
    if row.get("relation") not in RELATIONS or row.get("object") not in OBJECT_KINDS:
        raise RuleError(f"triggers.jsonl, line {number}: unknown relation or object in {row.get('id')!r}")
    return TriggerRule(
        row["id"], row["relation"], row["object"], frozenset(row.get("lemmas", ())),
        tuple(tuple(p) for p in row.get("phrases", ())), frozenset(row.get("pos", ())),
        bool(row.get("needs_negation")), frozenset(row.get("needs_head", ())),
        frozenset(row.get("needs_complement", ())), frozenset(row.get("agent_types", ())),
        row.get("agent", "subject"), bool(row.get("not_government")), frozenset(row.get("owner_verbs", ())),
        frozenset(row.get("content_lemmas", ())), frozenset(row.get("answered_types", ())),
        bool(row.get("government_only")), bool(row.get("standing_only")),
        bool(row.get("changes_only")))
