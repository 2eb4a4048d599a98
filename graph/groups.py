"""Groups of workers a union represents that the knowledge base does not list (part of the
entities stage).

"CUPE, which represents custodians, early childhood educators and educational assistants":
the knowledge base knows the last two, but "custodians" is a group too. A plural noun in
the object of a verb such as "represent" names a group whatever its words, so the entities
stage gives it an entity like any other name; the facts stage then reads the relation.
"""

from __future__ import annotations

from collections.abc import Callable

from .group_lists import beside_heads, listed_after, membership_words
from .model import Token
from .syntax import Tree

__all__ = ["REPRESENTING_VERBS", "groups_among", "narrower_groups", "represented_heads", "shared_noun_lists",
           "unnamed_groups"]

#: Verbs by which an organisation speaks for a group, with the preposition that introduces
#: the group ("bargains for the boards"), or "" when the group is the verb's object.
REPRESENTING_VERBS = {"represent": "", "bargain": "for", "negotiate": "for", "speak": "for"}
#: Nouns that name a group in the singular when something qualifies them ("office staff").
_COLLECTIVES = frozenset({"staff", "personnel"})
#: Words of a modifier's subtree that are no part of a group's name.
_NOT_NAME = frozenset({"DET", "NUM", "PUNCT", "ADP", "PRON", "PART", "CCONJ"})

_SETTINGS = frozenset({"school", "classroom", "board", "system"})
_MODIFIERS = ("amod", "nmod", "compound")


def unnamed_groups(tree: Tree, named: Callable[[int], bool], verbs: frozenset[str],
                   not_groups: frozenset[str]) -> list[tuple[str, list[int]]]:
    """Groups among those ``verbs`` name that no other name covers: (name, token indices).

    Args:
        tree: the article's dependency tree.
        named: whether a token already stands for an entity.
        verbs: lemmas whose objects are groups of people ("represent").
        not_groups: plural nouns that are no group of workers ("members", "schools").
    """
    found = []
    for verb in (t for t in tree.tokens if t.lemma in verbs and t.pos == "VERB"):
        found += groups_among(tree, represented_heads(tree, verb), named, not_groups)
        taken = {i for _, span in found for i in span}
        found += [g for g in shared_noun_lists(tree, verb, named, not_groups) if not taken & set(g[1])]
    return found


def shared_noun_lists(tree: Tree, verb: Token, named: Callable[[int], bool],
                      not_groups: frozenset[str]) -> list[tuple[str, list[int]]]:
    """'represents ... office, clerical and maintenance staff': modifiers listed before one
    group noun each name a group with it ("office staff", "clerical staff", "maintenance
    staff"), read from the words after a representing verb, because the parser rarely gives
    such a list one shape (it hangs the modifiers as conjuncts or appositions of the nouns
    around them); the noun's token goes with the last group."""
    end = max(tree.sentence_tokens(verb.sentence), key=lambda t: t.i).i
    found = []
    for noun in tree.tokens[verb.i + 1:end + 1]:
        after = tree.tokens[noun.i + 1] if noun.i + 1 < len(tree.tokens) else None
        if noun.lemma in not_groups or noun.lemma == "board" or (after and after.pos in ("NOUN", "PROPN")):
            continue  # "basic skills teachers": the list's noun ends the compound
        if noun.tag == "NNS" or noun.lemma in _COLLECTIVES:
            found += _modifiers_sharing(tree, noun, named)
    return found


def _modifiers_sharing(tree: Tree, noun: Token, named: Callable[[int], bool]) -> list[tuple[str, list[int]]]:
    """The groups of ``shared_noun_lists`` before one noun: the words right before it back to
    "and"/"or", then single words (hyphenated ones whole) each after a comma; at least two,
    the first of them right after a list's comma, "and" or colon (so a later item of a list)."""
    known = named(noun.i)  # "office and custodial staff": the last group is already a name
    last = _word_back(tree, noun.i - 1, (lambda i: False) if known else named, several=True)
    i = (last[0] if last else noun.i) - 1
    if not last or i < 0 or tree.tokens[i].text.lower() not in ("and", "or"):
        return []
    items = [last]
    i -= 2 if i > 0 and tree.tokens[i - 1].text == "," else 1  # the serial comma
    while (item := _word_back(tree, i, named)):
        items.insert(0, item)
        i = item[0] - 1
        if i < 0 or tree.tokens[i].text != ",":
            break
        i -= 1
    before = tree.tokens[items[0][0] - 1].text.lower() if items[0][0] > 0 else ""
    if len(items) < 2 or before not in (",", "and", "or", ":"):
        return []  # only inside a list: in "its elementary and secondary teachers" the parse is to be trusted
    words = [" ".join(tree.tokens[w].text.lower() for w in item).replace(" - ", "-") for item in items]
    groups = [(f"{w} {noun.text.lower()}", item) for w, item in zip(words, items)]
    groups[-1] = (groups[-1][0], groups[-1][1] + [noun.i])
    return groups[:-1] if known else groups


def _word_back(tree: Tree, i: int, named: Callable[[int], bool], several: bool = False) -> list[int]:
    """The modifier word ending at token ``i`` (a hyphenated word whole; with ``several``,
    every modifier word back to the first that is not one): token indices, or []."""
    span: list[int] = []
    while i >= 0:
        token = tree.tokens[i]
        if token.tag == "HYPH" and span and i > 0:
            span.insert(0, i)
            i -= 1
            continue
        if token.pos not in ("ADJ", "NOUN", "PROPN") or token.tag in ("NNS", "NNPS") or named(i):
            break
        if span and not several and tree.tokens[span[0]].tag != "HYPH":
            break
        span.insert(0, i)
        i -= 1
    return [] if span and tree.tokens[span[0]].tag == "HYPH" else span


def groups_among(tree: Tree, nouns: list[Token], named: Callable[[int], bool],
                 not_groups: frozenset[str]) -> list[tuple[str, list[int]]]:
    """The groups among ``nouns`` (heads of phrases said to be spoken for) that no other
    name covers: (name, token indices); see ``unnamed_groups``."""
    found = []
    for noun in nouns:
        words = [w for w in tree.children(noun.i, ("compound", "amod")) if w.i < noun.i]
        collective = noun.lemma in _COLLECTIVES and words  # "office staff"
        if named(noun.i):
            found += _beside_known_group(tree, noun, words, named)
            continue
        if (noun.tag != "NNS" and not collective) or (noun.lemma in not_groups and not words):
            continue  # "workers" alone names no group; "library workers" does
        if any(named(w.i) for w in words):
            continue
        shared = _shared_noun_groups(tree, noun, words)
        if shared:
            found += shared
            continue
        span = sorted({i for w in words for i in tree.subtree(w.i) if _in_name(tree.tokens[i])} | {noun.i})
        found.append((" ".join(tree.tokens[i].text.lower() for i in span).replace(" - ", "-"), span))
    return found


def _beside_known_group(tree: Tree, noun: Token, words: list[Token],
                        named: Callable[[int], bool]) -> list[tuple[str, list[int]]]:
    """'custodial and maintenance workers', 'municipal and library staff': when the last
    modifier and the noun make a group the knowledge base names, the modifiers coordinated
    before it still each name a group with the noun; the known name is read elsewhere."""
    if noun.lemma not in _COLLECTIVES | {"worker", "employee"}:
        return []  # teachers' levels say which union, and are read where unions are
    groups = _shared_noun_groups(tree, noun, words)[:-1]
    return [g for g in groups if not any(named(i) for i in g[1])]


def _shared_noun_groups(tree: Tree, noun: Token, words: list[Token]) -> list[tuple[str, list[int]]]:
    """'custodial and maintenance staff', 'elementary and secondary teachers': two words
    coordinated before one noun name two groups, each with the noun ("custodial staff",
    "maintenance staff"); the noun's token goes with the last."""
    if len(words) != 1 or not tree.children(words[0].i, ("conj",)):
        return []
    modifiers = [m for m in tree.with_conjuncts(words[0]) if m.i < noun.i]
    if len(modifiers) < 2 or any(m.pos not in ("ADJ", "NOUN", "PROPN") for m in modifiers):
        return []
    groups = [(f"{m.text.lower()} {noun.text.lower()}", [m.i]) for m in modifiers]
    groups[-1] = (groups[-1][0], groups[-1][1] + [noun.i])
    return groups


def represented_heads(tree: Tree, verb: Token) -> list[Token]:
    """The head nouns of the groups a representing verb names, each conjunct apart: its
    object ("represents custodians and secretaries"), or the object of its preposition
    ("bargains for the province's Catholic school boards"), or the subject of its passive
    ("public boards are represented by ..."); also the groups set beside them ("Besides
    high school teachers, OSSTF represents ...") and those listed right after them ("about
    55,000 education workers, among them custodians and secretaries")."""
    preposition = REPRESENTING_VERBS.get(verb.lemma)
    if preposition is None:
        return []
    if preposition:
        heads = [o for p in tree.children(verb.i, ("prep",)) if p.text.lower() == preposition
                 for o in tree.children(p.i, ("pobj",))] + _on_behalf_of(tree, verb)
    else:
        heads = tree.children(verb.i, ("dobj", "nsubjpass")) or _object_gap(tree, verb)
    heads += beside_heads(tree, verb)
    nouns = [n for head in heads for n in tree.with_conjuncts(head)]
    return sorted(nouns + listed_after(tree, nouns) + _spelt_out_after_colon(tree, verb, nouns), key=lambda t: t.i)


def _object_gap(tree: Tree, verb: Token) -> list[Token]:
    """'the 55,000 custodians and office staff the union represents': a clause with its own
    subject and no object, set after a noun, has that noun for its object."""
    own_subject = [s for s in tree.subjects(verb.i) if s.lemma not in ("who", "which", "that")]
    if verb.dep != "relcl" or not own_subject or verb.head == verb.i:
        return []
    return [tree.tokens[verb.head]]


def _on_behalf_of(tree: Tree, verb: Token) -> list[Token]:
    """'negotiates on behalf of the Catholic boards': the same as 'negotiates for'."""
    behalf = [b for p in tree.children(verb.i, ("prep",)) if p.text.lower() == "on"
              for b in tree.children(p.i, ("pobj",)) if b.lemma == "behalf"]
    return [o for b in behalf for p in tree.children(b.i, ("prep",)) if p.text.lower() == "of"
            for o in tree.children(p.i, ("pobj",))]


def _in_name(token: Token) -> bool:
    """Whether a word of a group's modifiers belongs in its name: "French-language", not
    "the", nor a word of quantity the tagger calls an adjective ("many office workers")."""
    return (token.pos not in _NOT_NAME or token.tag == "HYPH") and token.lemma.lower() not in membership_words()["quantity_words"]


def _spelt_out_after_colon(tree: Tree, verb: Token, nouns: list[Token]) -> list[Token]:
    """'The union represents the board's teachers, but also many of the people who keep its
    buildings running: school secretaries, custodians and ...', 'OSSTF represents more than
    teachers there: educational assistants and ...': a list after a colon that ends the
    verb's object spells out whom it represents. Only a colon in the verb's own phrase
    after its object, and plural nouns (or "staff") with their conjuncts."""
    colons = [i for i in tree.subtree(verb.i) if i > verb.i and tree.tokens[i].text == ":"]
    if not nouns or not colons or colons[0] < min(n.i for n in nouns):
        return []
    head = tree.first_noun(colons[0] + 1, verb.sentence, _MODIFIERS)
    if head is None or not (head.tag == "NNS" or head.lemma in _COLLECTIVES):
        return []
    return tree.with_conjuncts(head)


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
        for preposition in _settings_of(tree, token):
            if preposition.text.lower() not in ("in", "at"):
                continue
            for setting in tree.children(preposition.i, ("pobj",)):
                if setting.lemma not in _SETTINGS:
                    continue
                modifiers = [m for w in tree.children(setting.i, _MODIFIERS) for m in tree.with_conjuncts(w)]
                words = [w for m in sorted(modifiers, key=lambda m: m.i) for w in _modifier_readings(tree, m)]
                names = [f"{w} {name}" for w in words] + [f"{w} {setting.text.lower().rstrip('s')} {name}" for w in words]
                narrower = next((g for n in names if (g := lookup(n))), "")
                if narrower:
                    found.append((token.i, narrower))
    return found


def _settings_of(tree: Tree, token: Token) -> list[Token]:
    """The prepositions that may say where a group works: its own ("teachers in Catholic
    schools"), the last one of the list it heads ("teachers and support staff in public high
    schools": the place closes the whole list), and, for a list that is a verb's object, the
    verb's own ("represents teachers and education workers in elementary schools", where the
    parser hangs the place on the verb)."""
    root = token
    while root.dep == "conj" and root.head != root.i:
        root = tree.tokens[root.head]
    listed = tree.with_conjuncts(root)
    own = tree.children(token.i, ("prep",))
    closing = tree.children(listed[-1].i, ("prep",)) if len(listed) > 1 and listed[-1].i > token.i else []
    verb = tree.tokens[root.head] if root.dep == "dobj" and root.head != root.i else None
    of_verb = [p for p in tree.children(verb.i, ("prep",)) if p.i > root.i] if verb is not None else []
    return own + closing + of_verb


def _modifier_readings(tree: Tree, modifier: Token) -> list[str]:
    """A modifier's words, then those of its own modifiers: "French-language Catholic"
    also reads as "French-language" (the kind of school a group may be named by)."""
    inner = [_modifier_words(tree, c) for c in tree.children(modifier.i, _MODIFIERS)]
    return [_modifier_words(tree, modifier)] + inner


def _modifier_words(tree: Tree, modifier) -> str:
    """A modifier with its own hyphenated parts: "French-language", not "language"."""
    words = " ".join(tree.tokens[i].text for i in tree.subtree(modifier.i) if tree.tokens[i].dep != "conj" or i == modifier.i)
    return words.replace(" - ", "-") if "-" in words else modifier.text
