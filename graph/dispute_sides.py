"""Whether one actor's words about another go across the dispute (part of the facts stage).

A response is only a response when it answers the other side: the government side answering
a union, a union answering the minister. Read from the context's sides, with two readings of
its own: the unions taken together (a group, not a union) are the unions' side, and a person
the article gives no side (a local president whose title was not read, a teacher, a board
chair) who speaks of the government side answers it. Kept apart from ``responses`` so the
response rules stay the rules, and the sides one question with its cases.
"""

from __future__ import annotations

from .context import ArticleContext

__all__ = ["answers_across"]


def answers_across(context: ArticleContext, speaker: str, target: str) -> bool:
    """Whether a statement by ``speaker`` about ``target`` goes across the dispute; the
    unions taken together (a group, not a union) are the unions' side."""
    collective = context.kb.lookup("the unions")
    if collective and target == collective.id:
        return context.is_government_side(speaker)
    return context.on_other_sides(speaker, target) or _unaligned_against_government(context, speaker, target)


def _unaligned_against_government(context: ArticleContext, speaker: str, target: str) -> bool:
    """'She said it was plain that the minister only wanted cuts' (a local's president
    whose title was not read), 'the board chair said the government has taken a hard
    line', 'a teacher said the government had come back to the table': a person the
    article introduces without a side (see `_unaligned`) who speaks of the government
    side answers it, and the government side speaking of such a person answers them."""
    government = context.is_government_side
    return speaker != target and ((government(speaker) and _unaligned(context, target))
                                  or (_unaligned(context, speaker) and government(target)))


def _unaligned(context: ArticleContext, entity_id: str) -> bool:
    """A person new to the knowledge base whom the article gives no side: not a known
    figure (ministers, union presidents, party leaders are in the knowledge base, and
    untitled they may be on either side) and not a member for a riding (an MPP's party
    is often not read, and the governing party's backbenchers speak for it)."""
    return (context.type_of(entity_id) == "Person" and entity_id not in context.kb.entities
            and context.side_of(entity_id) == ""
            and context.type_of(context.title_orgs.get(entity_id, "")) != "Region")
