"""Policies named by a referring noun (part of the facts stage).

Consumes the head words of a stance's arguments with the policy reader; produces the policy
(version) id a common noun that names no policy itself points back to: "called the payments
a bribe" (payments to parents), "said the reopening is reckless" (the school reopening
plan). Reporters name a policy once and then refer to it by a word of its name; the
judgement that follows is about that policy. Vocabulary: ``reference_nouns`` in
graph/data/rules/judgements.json.
"""

from __future__ import annotations

from .date_words import POINTING_DETERMINERS
from .model import Token
from .policies import PolicyReader

__all__ = ["last_policy_named", "referred_policies"]


def referred_policies(policies: PolicyReader, pointers: list[Token], nouns: frozenset[str], before_token: int) -> list[str]:
    """The policy a referring noun among ``pointers`` points back to: the last one named
    before it (earlier in its sentence, else in the article) whose own names use the noun
    ("the payments" -> "payments to parents", "the reopening" -> "school reopening plan").
    A noun counts only with a pointing determiner or an owner ("the province's payments")
    and with no policy named in its own phrase (then that policy is its object, read as
    usual). The nearest policy of any name is not enough: "the reopening will fail", after
    a sentence on online learning, is not about online learning."""
    tree = policies.tree
    for noun in pointers:
        if noun.lemma.lower() not in nouns or not _points_back(tree, noun):
            continue
        if policies.policies_in(tree.subtree(noun.i)):
            continue
        if found := last_policy_named(policies, noun.sentence, before_token, {noun.lemma.lower(), noun.text.lower()}):
            return found
    return []


def last_policy_named(policies: PolicyReader, sentence: int, before_token: int, words: set[str]) -> list[str]:
    """The last policy named before ``before_token`` (earlier in ``sentence``, else in the
    article, however far back) one of whose own names uses one of ``words`` (a noun's lemma
    and its own form, so singular or plural): shared by referring nouns and by law nouns
    (``graph.named_laws``), which point back alike."""
    start = policies.tree.sentences[sentence].first_token
    earlier = [p for _, found in reversed(policies.focus) for p in found]
    for policy in policies.policies_in(range(start, before_token))[::-1] + earlier:
        if any(words & set(term.lower().replace("-", " ").split()) for term in policies.names(policy)):
            return [policy]
    return []


def _points_back(tree, noun: Token) -> bool:
    """'the payments', 'the government's approach': a pointing determiner or an owner, and
    no number, adjective or clause making it a new thing ('the new plan', 'the changes
    proposed at the table' are told there, not earlier)."""
    determiners = [c for c in tree.children(noun.i, ("det", "poss"))]
    if not determiners or any(c.dep == "det" and c.text.lower() not in POINTING_DETERMINERS for c in determiners):
        return False
    return not tree.children(noun.i, ("nummod", "amod", "acl", "relcl"))
