"""How a policy id reads against the knowledge base (part of the facts stage): the policy a
version belongs to, the later policy an earlier policy's words came to mean, and proposals of
a bare policy set aside beside a numbered version of it. Split from ``graph.policies`` so that
the mention reader there stays one concern: these need only the knowledge base (and, for
``read_as``, the article's date and entities).
"""

from __future__ import annotations

from .kb import KnowledgeBase
from .model import Fact

__all__ = ["concept_of", "read_as", "without_vague_proposals"]


def read_as(context, policy_id: str) -> str:
    """'crowded classrooms' in a September 2020 article about the reopening plan: the words of
    an earlier policy read as the later policy they came to mean (``read_as`` in the policy
    file) in an article dated from that policy's day which names it too. A look back at the
    2019 class sizes in the same season names no reopening plan: it keeps them. An article
    of unknown date keeps them too: nothing says which season it is from."""
    kb = context.kb
    entity = kb.entities.get(policy_id)
    entity = kb.entities.get(entity.parent) if entity and entity.parent else entity
    if not entity or not entity.read_as or context.article.date is None or context.article.date.isoformat() < entity.read_as_from:
        return policy_id
    named = set(context.entity_of.values())
    return entity.read_as if entity.read_as in named else policy_id


def without_vague_proposals(facts: list[Fact], kb: KnowledgeBase) -> list[Fact]:
    """Proposals of a policy as such dropped where the same actor proposes a numbered version.

    Args:
        facts: every fact of one article.
        kb: the knowledge base, for each policy's versions.

    Returns:
        ``facts`` without a proposal of the bare policy ("its class-size plan", "the larger
        classes it wants") by an actor the article also reads proposing a numbered version of
        it ("28 students", "four online courses"): the bare mention is the same plan named
        again, and the number is the fact. Versions told by words (an opt-out) are another
        plan and leave the bare proposal standing.
    """
    numbered = {(f.agent, concept_of(kb, f.object)) for f in facts if f.relation == "proposes" and concept_of(kb, f.object) != f.object
                and any(v.id == f.object and v.numbers for v in kb.versions_of(concept_of(kb, f.object)))}
    return [f for f in facts if f.relation != "proposes" or concept_of(kb, f.object) != f.object or (f.agent, f.object) not in numbered]


def concept_of(kb: KnowledgeBase, policy_id: str) -> str:
    """The policy a version belongs to (the policy itself when it is no version)."""
    entity = kb.entities.get(policy_id)
    return entity.parent or entity.id if entity else policy_id
