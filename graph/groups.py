"""Groups of workers a union represents that the knowledge base does not list (part of the
entities stage).

"CUPE, which represents custodians, early childhood educators and educational assistants":
the knowledge base knows the last two, but "custodians" is a group too. A plural noun in
the object of a verb such as "represent" names a group whatever its words, so the entities
stage gives it an entity like any other name; the facts stage then reads the relation.
"""

from __future__ import annotations

from collections.abc import Callable

from .syntax import Tree

__all__ = ["unnamed_groups"]


def unnamed_groups(tree: Tree, named: Callable[[int], bool], verbs: frozenset[str],
                   not_groups: frozenset[str]) -> list[tuple[str, list[int]]]:
    """Groups in the objects of ``verbs`` that no other name covers: (name, token indices).

    Args:
        tree: the article's dependency tree.
        named: whether a token already stands for an entity.
        verbs: lemmas whose objects are groups of people ("represent").
        not_groups: plural nouns that are no group of workers ("members", "schools").
    """
    found = []
    for verb in (t for t in tree.tokens if t.lemma in verbs and t.pos == "VERB"):
        for head in tree.children(verb.i, ("dobj",)):
            for noun in sorted(tree.with_conjuncts(head), key=lambda t: t.i):
                if noun.tag != "NNS" or named(noun.i) or noun.lemma in not_groups:
                    continue
                words = [w for w in tree.children(noun.i, ("compound", "amod")) if w.i < noun.i]
                if any(named(w.i) for w in words):
                    continue
                span = [w.i for w in words] + [noun.i]
                found.append((" ".join(tree.tokens[i].text.lower() for i in span), span))
    return found

