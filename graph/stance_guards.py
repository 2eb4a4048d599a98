"""Guards over a whole article's stances (part of the facts stage).

Consumes every fact one article's sentences gave; drops the stances the article as a whole
shows to be misread. A sentence read alone can take the actor that brings a policy for one
that objects to it: "Lisa Thompson announced that classes would grow to 28" read through an
evaluating word, "Lecce has since offered to stop at 25" read through "stop", "he accuses the
minister of misleading the public about kindergarten" (the accused is no critic). When the
same article reads that actor as proposing the policy, the proposal is the truer reading.
"""

from __future__ import annotations

from collections.abc import Callable

from .model import Fact

__all__ = ["without_own_proposals", "without_own_side_oppositions"]


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
