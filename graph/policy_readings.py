"""How a policy id reads against the knowledge base (part of the facts stage): the policy a
version belongs to, the later policy an earlier policy's words came to mean, proposals of a
bare policy set aside beside a numbered version of it, and the versions a sentence moves a
numbered version away from. Split from ``graph.policies`` so that
the mention reader there stays one concern: these need only the knowledge base (and, for
``read_as``, the article's date and entities).
"""

from __future__ import annotations

import re

from .kb import KnowledgeBase
from .model import Fact

__all__ = ["MOVED_FROM", "concept_of", "moved_from_versions", "read_as", "without_vague_proposals"]

#: Words that introduce the version a proposal moves from ("25 rather than 28", "down from 28").
MOVED_FROM = r"(?:rather than|instead of|down from|as opposed to|, not|, and not)"
#: Words between a moved-from phrase and its number: 'to 23 students next year rather than to 28'.
_FILLER = r"(?:to )?(?:an average of |a cap of |about |the )?"
#: The unit a reporter may put after the number moved from: 'from 28 students to 25',
#: 'from four online credits to two', 'from 28 pupils a class to 25'.
_UNIT = r"(?: (?:online |mandatory |required |compulsory )?(?:students|pupils|kids|courses|credits|classes)(?: (?:a|per|in each) (?:class|classroom))?)?"


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


def moved_from_versions(kb: KnowledgeBase, policy_id: str, sentence: str) -> list[str]:
    """The versions of the same policy that the sentence moves the numbered version
    ``policy_id`` away from ("an offer of 25 rather than 28" gives the 28): each is a version
    first proposed before this one, see ``_moved_between``."""
    entity = kb.entities.get(policy_id)
    if not entity or not entity.parent:
        return []
    text, versions = sentence.lower(), kb.versions_of(entity.parent)
    own = next(v for v in versions if v.id == policy_id)
    earlier = []
    for sibling in versions:
        others = {n for v in versions if v not in (own, sibling) for n in v.numbers}
        if sibling is not own and any(_moved_between(text, a, b, others) for a in sibling.numbers for b in own.numbers):
            earlier.append(sibling.id)
    return earlier


def _moved_between(text: str, earlier: str, later: str, others: set[str]) -> bool:
    """Whether the sentence moves a policy from the version numbered ``earlier`` to the one
    numbered ``later``: "from 28 to 25", or the later number followed, anywhere in the same
    clause, by "instead of / rather than / down from" the earlier one. Reporters put the
    unit, a time or a comparison between the two ("23 students in high school classes
    instead of the 28 it first sought", "will average 23 students next year, barely above
    this year's 22.9, instead of the 28"), so the gap is a clause (no ; : or full stop)
    rather than a few words; but a number of another version inside the gap ("25 now, 24
    next year rather than 28": ``others``) is the nearer one, which the earlier one gave
    way to, not ``later``."""
    a, b = re.escape(earlier), re.escape(later)
    if re.search(rf"\bfrom {_FILLER}{a}{_UNIT} to {_FILLER}{b}\b", text):
        return True
    for match in re.finditer(rf"(?<![\w.]){b}(?![\w]|\.\d)(?:[^;:.]|\.\d){{0,90}}?{MOVED_FROM} {_FILLER}{a}\b", text):
        gap = match.group(0)[len(later):]
        if not any(re.search(rf"(?<![\w.]){re.escape(n)}(?![\w]|\.\d)", gap) for n in others):
            return True
    return False
