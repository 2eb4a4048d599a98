"""Lists that spell out the groups a union speaks for (part of the entities stage's syntax
helpers, read by ``groups`` and ``memberships``).

"OSSTF represents support workers at the French boards, including secretaries and ...",
"Besides teachers, the union's members include ...", "In addition to its teachers, ETFO
represents ...": groups named beside or after the ones a verb governs, wherever the parser
hangs them. Each function takes the dependency tree and gives head tokens.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from .model import Token
from .syntax import Tree

__all__ = ["beside_heads", "listed_after", "membership_words"]

_MODIFIERS = ("amod", "nmod", "compound")


@cache
def membership_words() -> dict[str, frozenset[str]]:
    """The vocabulary of ``data/rules/memberships.json`` (also read by ``memberships`` and
    ``groups``), each list as a set."""
    path = resources.files("graph") / "data" / "rules" / "memberships.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return {key: frozenset(value) for key, value in data.items() if not key.startswith("_")}


def beside_heads(tree: Tree, verb: Token) -> list[Token]:
    """'Besides teachers, OSSTF represents ...', 'In addition to its teachers, the union's
    members include ...': the groups a verb of representing or of membership sets beside
    its own, by "besides" or "in addition to" hung on the verb (not their conjuncts)."""
    heads = []
    for preposition in tree.children(verb.i, ("prep",)):
        word = preposition.text.lower()
        if word in membership_words()["beside_words"]:
            heads += tree.children(preposition.i, ("pobj",))
        elif word == "in":
            heads += [o for a in tree.children(preposition.i, ("pobj",)) if a.lemma == "addition"
                      for t in tree.children(a.i, ("prep",)) if t.text.lower() == "to" for o in tree.children(t.i, ("pobj",))]
    return heads


def listed_after(tree: Tree, nouns: list[Token]) -> list[Token]:
    """'education workers in the province, among them custodians and secretaries': the list
    that opens right after the groups' words (the parser may hang it anywhere), or one
    hung on the groups or on the place they work at (``_listing_openers``)."""
    if not nouns:
        return []
    after = max(i for n in nouns for i in tree.subtree(n.i)) + 1
    if after < len(tree.tokens) and tree.tokens[after].text == ",":
        after += 1
    words, following = membership_words(), tree.tokens[after] if after < len(tree.tokens) else None
    opens = following is not None and following.text.lower() in words["listing_words"] and following.dep == "prep"
    openers = [(following, None)] if opens else []
    found = []
    for opener, setting in openers + _listing_openers(tree, nouns):
        listed = [n for o in _opened_list(tree, opener) for n in tree.with_conjuncts(o)]
        places = words["place_nouns"] | ({setting.lemma} if setting is not None else set())
        if not any(n.lemma in places for n in listed):  # "at 40 schools, including 12 high schools": places
            found += [n for n in listed if n not in found]
    return found


def _listing_openers(tree: Tree, nouns: list[Token]) -> list[tuple[Token, Token | None]]:
    """'represents ... office workers, including secretaries and clerks', 'speaks for the
    support staff at three boards, including custodians and ...': "including" or "among"
    hung on the groups themselves, or on the noun of a phrase saying where they work (hung
    on the groups or on their verb): (opener, that place's noun or None). The parser hangs
    such a list on whichever noun comes last before it."""
    words, found = membership_words(), []
    listing, settings_words = words["listing_words"], words["setting_prepositions"]
    for noun in nouns:
        found += [(p, None) for p in tree.children(noun.i, ("prep",)) if p.text.lower() in listing]
        owners = [noun] + ([tree.tokens[noun.head]] if noun.dep in ("dobj", "pobj") and noun.head != noun.i else [])
        settings = [o for w in owners for p in tree.children(w.i, ("prep",)) if p.text.lower() in settings_words
                    for o in tree.children(p.i, ("pobj",))]
        found += [(p, o) for o in settings for p in tree.children(o.i, ("prep",)) if p.text.lower() in listing]
    return list(dict.fromkeys(found))


def _opened_list(tree: Tree, opener: Token) -> list[Token]:
    """The first items of a list "including" opens: its objects, or, when the parser took
    the first item for a verb ("including teaching assistants"), the first plural noun after."""
    listed = [o for o in tree.children(opener.i, ("pobj",)) if o.pos != "PRON"]
    if listed or not tree.children(opener.i, ("pcomp",)):
        return listed
    first = tree.first_noun(opener.i + 1, opener.sentence, _MODIFIERS)
    return [first] if first is not None and first.tag == "NNS" else []
