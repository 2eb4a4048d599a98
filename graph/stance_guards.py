"""Guards over stances (part of the facts stage).

Consumes one trigger, one sentence's facts or every fact one article's sentences gave; drops
the stances a trigger inside a policy's own name, a charge of deceit or the article as a whole
shows to be misread. A sentence read alone can take the actor that brings a policy for one
that objects to it: "Lisa Thompson announced that classes would grow to 28" read through an
evaluating word, "Lecce has since offered to stop at 25" read through "stop", "he accuses the
minister of misleading the public about kindergarten" (the accused is no critic). When the
same article reads that actor as proposing the policy, the proposal is the truer reading.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from .context import NON_ACTOR_TYPES, ArticleContext
from .kb import KnowledgeBase
from .model import Evidence, Fact
from .syntax import Tree

__all__ = ["deceit_charge_words", "named_in_sentence", "named_only_within", "removal_said", "removal_stances", "spoken_for_members", "trigger_names_policy", "without_deceit_charges", "without_own_proposals", "without_own_side_oppositions", "without_party_proposals", "without_placed_agents"]

#: Prepositions that introduce what someone is accused of ("accused X of ...", "blamed X for ...").
_CHARGE_PREPOSITIONS = frozenset({"of", "for", "with"})


def without_own_proposals(facts: list[Fact], concept: Callable[[str], str]) -> list[Fact]:
    """Oppositions dropped where the article reads the same actor proposing the same policy.

    Args:
        facts: every fact of one article.
        concept: the policy a version belongs to (``PolicyReader.concept``), so that proposing
            an average of 25 also rules out opposing class sizes as such.

    Returns:
        ``facts`` without those oppositions. An actor that brings a plan (or one version of it)
        is not, in the same article, its opponent: the opposition reading came from a word
        near the actor ("stop", "accuses ... of", an evaluating word) and not from its stance.
    """
    proposed = {(f.agent, concept(f.object)) for f in facts if f.relation == "proposes"}
    return [f for f in facts if f.relation != "opposes" or (f.agent, concept(f.object)) not in proposed]


def without_own_side_oppositions(facts: list[Fact], allowed: Callable[[str, str], bool]) -> list[Fact]:
    """Oppositions dropped where the actor sits on the side whose policy it is.

    Args:
        facts: every fact of one article.
        allowed: whether an actor may oppose a policy given its side and the policy's owner
            (``PolicyReader.side_allows`` with the actor's side from the article context).

    Returns:
        ``facts`` without those oppositions. A critic's words about the government's cuts
        often sit next to the government's own people ("she asked the premier to admit that
        his reckless cuts had consequences", "the minister spins her answers to avoid talking
        about the cuts"), and a sentence-level reading can hand the stance to them; the side
        that brought a policy is never its opponent, whatever rule read it.
    """
    return [f for f in facts if f.relation != "opposes" or allowed(f.agent, f.object)]


def without_party_proposals(facts: list[Fact], party_voice: Callable[[str], bool]) -> list[Fact]:
    """Proposals dropped where the proposer is the governing party or a member of it with no
    office (``ArticleContext.party_voice``): what they announce or defend is the government's
    proposal, which the government's own facts carry, not one of their own."""
    return [f for f in facts if not (f.relation == "proposes" and party_voice(f.agent))]


def without_placed_agents(facts: list[Fact], type_of: Callable[[str], str]) -> list[Fact]:
    """Facts dropped whose agent is a place or a policy, which can say or do nothing.

    A riding before an MPP's name ("Milton MPP Jane Roe said ...") can stand where the speaker
    should when the tagger misses the name; every rule that finds an agent would otherwise
    have to ask, and the graph's shapes reject such a fact (``sg:agent`` ranges over actors)."""
    return [f for f in facts if type_of(f.agent) not in NON_ACTOR_TYPES]


def deceit_charge_words(tree: Tree, sentence: int, blaming: frozenset[str], deceit: frozenset[str]) -> set[int]:
    """The words of every charge of deceit in one sentence.

    Args:
        tree: the article's dependency tree.
        sentence: the sentence's index.
        blaming: lemmas of accusing verbs (``Judgements.blaming_verbs``).
        deceit: lemmas and words of deceiving (``Judgements.deceit``).

    Returns:
        Token indices of each charge, opened by "of" / "for" / "with" under an accusing verb
        or its object, whose verb deceives ("of misleading the public about kindergarten",
        "of lying to parents") or whose noun is called false ("for false claims about raises").
    """
    words: set[int] = set()
    for verb in tree.sentence_tokens(sentence):
        if verb.lemma not in blaming or verb.pos != "VERB":
            continue
        heads = [verb, *tree.children(verb.i, ("dobj",))]
        for preposition in (p for h in heads for p in tree.children(h.i, ("prep",))):
            if preposition.text.lower() not in _CHARGE_PREPOSITIONS:
                continue
            for charge in tree.children(preposition.i, ("pcomp", "pobj")):
                told = {charge.lemma, charge.text.lower()} | {m.lemma for m in tree.children(charge.i, ("amod", "advmod"))}
                if told & deceit:
                    words.update(tree.subtree(charge.i))
    return words


def without_deceit_charges(facts: list[Fact], named: dict[str, set[int]], charge: set[int]) -> list[Fact]:
    """Oppositions dropped whose policy is named only inside a charge of deceit.

    Args:
        facts: one sentence's facts.
        named: each entity of the sentence with the token indices naming it.
        charge: the words of the sentence's deceit charges (``deceit_charge_words``).

    Returns:
        ``facts`` without those oppositions. "She accused the minister of misleading the public
        about kindergarten" says the minister is dishonest about the topic, not that anyone
        opposes it (the accuser usually defends it); the accusing and judging words around it
        ("accused", "misleading") would otherwise hand the topic to the accuser or the accused.
    """
    return [f for f in facts if not named_only_within(f, named, charge)]


def named_only_within(fact: Fact, named: dict[str, set[int]], words: set[int]) -> bool:
    """Whether ``fact`` is an opposition whose policy its sentence names only inside ``words``
    (a charge of deceit, what an opposing word is *for*): the guards' shared test."""
    return fact.relation == "opposes" and bool(named.get(fact.object)) and named[fact.object] <= words


def named_in_sentence(context: ArticleContext, sentence: int) -> dict[str, set[int]]:
    """Each entity one sentence names, with the token indices naming it."""
    named: dict[str, set[int]] = {}
    for token in context.tree.sentence_tokens(sentence):
        if entity := context.entity_of.get(token.i):
            named.setdefault(entity, set()).add(token.i)
    return named


def trigger_names_policy(context: ArticleContext, token: int) -> bool:
    """Whether an opposing trigger noun is itself a word of a policy's name.

    Args:
        context: the article's context.
        token: the trigger's token index.

    Returns:
        True for a noun inside a policy mention: "a raise that keeps up with the cost of
        living" names the unions' wage demand, and its "cost" judges nothing; "the government's
        plan has been about cuts" names the cuts, whose stance other rules read. An adjective
        inside a mention ("crowded buses") still judges the policy it names.
    """
    entity = context.entity_of.get(token, "")
    return context.tree.tokens[token].pos == "NOUN" and context.type_of(entity) in ("Policy", "PolicyVersion")


def spoken_for_members(heard: list[Fact], union_reporters: list[str], kept: list[Fact]) -> list[Fact]:
    """'He said teachers will not accept the government's deep cuts'; 'Educators and parents,
    the federation's president said, will not stand for the cuts': a union or its officer
    telling what the people it speaks for oppose states the union side's own stance, so the
    opposition the hearsay guard takes from the class goes to the reporter (as it does when
    the class is a plain "members", which names no group). A class told of by anyone else
    (a party leader, a minister) keeps nothing.

    Args:
        heard: the class's oppositions and answers the hearsay guard drops.
        union_reporters: the sentence's reporters on the union side.
        kept: the sentence's other facts, so that no stance is told twice.
    """
    done = {(f.agent, f.object) for f in kept if f.relation == "opposes"}
    handed = []
    for fact in heard:
        for reporter in union_reporters if fact.relation == "opposes" else ():
            if (reporter, fact.object) not in done:
                done.add((reporter, fact.object))
                handed.append(replace(fact, agent=reporter))
    return handed


def removal_said(context: ArticleContext, evidence: Evidence, undoing: frozenset[str]) -> bool:
    """'Lecce announced that Regulation 274 would be revoked', 'the repeal of the seniority
    rule': a sentence that says the undoing (a word of ``undoing``) makes whoever backs the
    removal an opponent of what is removed. A removal named only by what it brings in ("a
    deal that ensures merit-based hiring", "a new hiring policy will keep it fair") is the
    new rule proposed, no stance against the old one."""
    tree = context.tree
    return any(context.evidence(i) == evidence and any(t.lemma in undoing for t in tree.sentence_tokens(i))
               for i in range(len(tree.sentences)))


def removal_stances(already: list[Fact], kb: KnowledgeBase, context: ArticleContext, undoing: frozenset[str]) -> list[Fact]:
    """'Lecce announced that Regulation 274 would be revoked': whoever proposes or backs
    removing a policy opposes that policy, on the same day, when the sentence says the
    undoing (``removal_said``)."""
    opposed = {(f.agent, f.object) for f in already if f.relation == "opposes"}
    facts = []
    for fact in already:
        policy = kb.entities.get(fact.object)
        if (fact.relation in ("proposes", "supports") and policy and policy.removal_of and (fact.agent, policy.removal_of) not in opposed
                and removal_said(context, fact.evidence, undoing)):
            facts.append(Fact("opposes", fact.agent, policy.removal_of, fact.evidence, "opposes/backs-removal", fact.date, fact.date_text))
    return facts
