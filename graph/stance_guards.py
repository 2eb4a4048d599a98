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

__all__ = ["without_own_proposals"]


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
