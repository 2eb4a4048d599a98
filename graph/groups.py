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

__all__ = ["narrower_groups", "unnamed_groups"]

_SETTINGS = frozenset({"school", "classroom", "board"})
_MODIFIERS = ("amod", "nmod", "compound")


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
                words = [w for w in tree.children(noun.i, ("compound", "amod")) if w.i < noun.i]
                if noun.tag != "NNS" or named(noun.i) or (noun.lemma in not_groups and not words):
                    continue  # "workers" alone names no group; "library workers" does
                if any(named(w.i) for w in words):
                    continue
                span = [w.i for w in words] + [noun.i]
                found.append((" ".join(tree.tokens[i].text.lower() for i in span), span))
    return found



def narrower_groups(tree: Tree, group_name: Callable[[int], str],
                    lookup: Callable[[str], str]) -> list[tuple[int, str]]:
    """Groups narrowed by where they work: (token index, narrower group's entity id).

    "some 45,000 teachers in Catholic elementary and secondary schools" are Catholic
    teachers, and "teachers in public elementary schools" elementary teachers: the
    modifiers of the schools, tried in the order written, narrow the group to one the
    knowledge base names ("Catholic teachers"); a modifier naming no group is skipped.

    Args:
        tree: the article's dependency tree.
        group_name: the name of the group a token stands for, or "".
        lookup: the entity id of a group of that name, or "".
    """
    found = []
    for token in tree.tokens:
        name = group_name(token.i)
        if not name:
            continue
        for preposition in tree.children(token.i, ("prep",)):
            if preposition.text.lower() not in ("in", "at"):
                continue
            for setting in tree.children(preposition.i, ("pobj",)):
                if setting.lemma not in _SETTINGS:
                    continue
                modifiers = [m for w in tree.children(setting.i, _MODIFIERS) for m in tree.with_conjuncts(w)]
                words = [_modifier_words(tree, m) for m in sorted(modifiers, key=lambda m: m.i)]
                narrower = next((g for w in words if (g := lookup(f"{w} {name}"))), "")
                if narrower:
                    found.append((token.i, narrower))
    return found


def _modifier_words(tree: Tree, modifier) -> str:
    """A modifier with its own hyphenated parts: "French-language", not "language"."""
    words = " ".join(tree.tokens[i].text for i in tree.subtree(modifier.i) if tree.tokens[i].dep != "conj" or i == modifier.i)
    return words.replace(" - ", "-") if "-" in words else modifier.text
