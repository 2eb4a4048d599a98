"""Campaigns told as going on, part of the facts stage: 'their work-to-rule campaign
continues', 'its members have been working to rule since November'.

A work-to-rule or withdrawal of services is the whole union's and lasts for weeks, so
reporters mention it in passing, with no day ('since November', 'in place since late
fall', 'would widen its work-to-rule campaign instead'). Such a mention still tells that
the union is on that campaign, across the province, when it names the union as the
campaign's doer or owner.
"""

from __future__ import annotations

from .rules import Rules, Trigger
from .strike_agents import StrikeAgents

__all__ = ["ongoing_campaign"]


def ongoing_campaign(context, trigger: Trigger, unions: list[str], agents: StrikeAgents, rules: Rules,
                     action: str) -> bool:
    """'Public high school teachers were back in class Thursday, but their work-to-rule
    campaign continues', 'ETFO members continue to work to rule': a union-wide campaign
    whose subject or possessive owner is one of the event's unions (or a group of its
    members) is that union's, even with no day. A campaign that is only wished, feared or
    voted on is already left out as a non-event before this. ``action`` is the one the
    trigger names (``graph.strike_clauses.action_of``)."""
    if action not in rules.union_wide_actions:
        return False
    return bool(_owners(context, trigger, agents) & set(unions))


def _owners(context, trigger: Trigger, agents: StrikeAgents) -> set[str]:
    """Who the campaign word names as its doers: its subjects ('members continue to work to
    rule'), its possessive ('the union's withdrawal of services'), the owner of members
    that are its subject ('its members have been on a work-to-rule campaign'), and the
    groups of members among them as their union."""
    tree = context.tree
    words = [*agents.doer_words(trigger.token), *tree.children(trigger.token, ("poss",))]
    words += [o for t in words if t.lemma == "member" for o in tree.children(t.i, ("poss",))]
    owners = {e for t in words if (e := context.token_entity(t))}
    return owners | set(agents.as_doers(agents.subject_groups(trigger))) | set(agents.members_doers(trigger))
