"""Stances read from the government's holding to a policy (part of the facts stage).

Consumes one sentence's facts so far (the ``supports`` facts of the holding rules, from
``graph.facts``) with the article context; produces the proposals and oppositions that
holding implies: the government side holding to a policy still proposes it, and a speaker
from the other side who reports the holding opposes it. Kept apart from ``stances`` as one
reading with its own two rule families, which ``StanceFinder.implied`` calls in its turn.
"""

from __future__ import annotations

from .context import ArticleContext
from .model import Fact

__all__ = ["held_positions"]

#: Rule families whose ``supports`` facts say the government holds to a policy it set.
_HOLDING_RULES = frozenset({"supports/holds-to", "supports/will-not-budge", "supports/will-not-drop"})
#: Of those, the ones that also say which policy is still on the table ("is still set on
#: larger classes"); "has not moved on class sizes" says only that nothing changed.
_STANDING_RULES = frozenset({"supports/holds-to", "supports/will-not-drop"})


def held_positions(context: ArticleContext, sentence: int, already: list[Fact]) -> list[Fact]:
    """'The minister, Bischof said, is still set on larger classes'; 'the union says the
    province has not moved on class sizes': the government side holding to a policy
    still proposes it (a standing position, no day), and a speaker from the other side
    who reports the holding opposes that policy on the day of speaking. A policy whose
    owner the sentence names ("committed to the Ford government's agenda of larger
    classes") is that owner's proposal, not the holder's."""
    holding = [f for f in already if f.relation == "supports" and f.rule in _HOLDING_RULES
               and context.is_government_side(f.agent)]
    proposed = {f.object for f in already if f.relation == "proposes"}
    opposed = {(f.agent, f.object) for f in already if f.relation == "opposes"}
    critics = [s for s in context.speakers.get(sentence, []) if context.is_actor(s) and not context.is_government_side(s)]
    facts = []
    for fact in holding:
        if fact.rule in _STANDING_RULES and fact.object not in proposed:
            facts.append(Fact("proposes", fact.agent, fact.object, fact.evidence, "proposes/holds-position"))
        for critic in critics:
            if (critic, fact.object) not in opposed:
                when, date_text = _said_on(context, sentence)
                facts.append(Fact("opposes", critic, fact.object, fact.evidence, "opposes/reports-holding", when, date_text))
    return facts


def _said_on(context: ArticleContext, sentence: int):
    """The day the sentence's speaker said it: the date of its reporting verb."""
    verbs = context.tree.reporting_verbs(sentence)
    return context.fact_date(verbs[0].i, "opposes") if verbs else (context.article.date, "")
