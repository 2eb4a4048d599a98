"""Which law "the bill" or "the law" means (part of the facts stage).

Consumes the parse tree and the policy reader; produces the policy ids for ``graph.objects``
that a bare kind noun ("the bill", "the law", "the regulation") points back to. Such a noun
names no policy itself, and a reporter uses it for the one law the article is about, not
for whatever policy a nearby clause mentions; so it resolves only to a policy one of whose
own names calls it a law, bill or regulation ("Bill 124", "wage-restraint law").
"""

from __future__ import annotations

from .model import Token
from .policies import PolicyReader
from .referring_nouns import last_policy_named
from .rules import Trigger
from .syntax import Tree

__all__ = ["KIND_ANAPHORS", "law_as_object", "named_kind"]

#: Nouns that point back only to a policy one of whose names is of that kind ("Bill 124").
KIND_ANAPHORS = frozenset({"bill", "law", "legislation", "regulation", "act"})


def law_as_object(tree: Tree, policies: PolicyReader, trigger: Trigger) -> list[str]:
    """'attacked the bill the day it was tabled, ... after cuts to health care', 'called the
    law a direct attack on bargaining rights': a bill, law or regulation that is the
    trigger's own direct object, naming no policy itself, is the law the article is about;
    the policies named elsewhere in the clause are the reasons or the company it keeps."""
    objects = [o for t in {trigger.token, trigger.first_token} for o in tree.children(t, ("dobj",))]
    objects = [o for o in objects if o.lemma in KIND_ANAPHORS and not policies.policies_in(tree.subtree(o.i))]
    return named_kind(tree, policies, objects, objects[0].sentence, trigger.first_token) if objects else []


def named_kind(tree: Tree, policies: PolicyReader, pointers: list[Token], sentence: int, before_token: int) -> list[str]:
    """'called the law a direct attack', 'condemned the bill's passage': "the law", "the
    bill", "the regulation" point back to a recent policy that one of its own names calls
    a law, bill or regulation ("Bill 124", "wage-restraint law"), not to any policy."""
    kinds = {t.lemma for p in pointers for t in [p, *tree.children(p.i, ("poss",))]} & KIND_ANAPHORS
    if not kinds:
        return []
    return last_policy_named(policies, sentence, before_token, kinds)
