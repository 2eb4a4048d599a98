"""Groups a union speaks for, told by membership rather than by a verb of representing
(part of the entities stage's syntax helpers, also read by the facts stage).

News copy often says whom a union bargains for without "represents": "CUPE, whose 55,000
members include custodians and secretaries", "the board's early childhood educators are
OSSTF members", "its noon-hour aides, who belong to OSSTF", "ETFO, the union for 83,000
elementary teachers". Each shape gives the tokens that may name the union (its holders) and
the head nouns of the groups; the entities stage makes groups of the nouns the knowledge
base does not list, and the facts stage keeps the pairs whose holder is a union and whose
groups are groups. The vocabulary is in ``data/rules/memberships.json``.
"""

from __future__ import annotations

from dataclasses import dataclass

from .date_words import PLURAL_POINTERS
from .group_lists import beside_heads, membership_words
from .model import Token
from .syntax import Tree

__all__ = ["Membership", "memberships_at", "memberships_in"]

_RELATIVE = frozenset({"who", "that", "which"})


@dataclass(frozen=True)
class Membership:
    """One membership phrasing: the tokens that may name the union, nearest first, and
    the head nouns of the groups it speaks for (each conjunct apart)."""

    holders: tuple[Token, ...]
    groups: tuple[Token, ...]


def memberships_in(tree: Tree) -> dict[int, Membership]:
    """Every membership phrasing of an article, by the index of the token that heads it, in
    text order: asked once per article, of the tokens whose lemma can head one."""
    words = membership_words()
    heads = words["listing_words"] | words["include_verbs"] | words["belong_verbs"] | words["member_nouns"] | words["union_nouns"]
    return {t.i: m for t in tree.tokens if t.lemma in heads and (m := memberships_at(tree, t))}


def memberships_at(tree: Tree, token: Token) -> Membership | None:
    """The membership phrasing ``token`` heads, if any: an include verb, a copula's
    "members" (its complement or its subject), a belong verb, or a union noun followed by
    "for"."""
    words = membership_words()
    if token.lemma in words["listing_words"] and token.i + 1 < len(tree.tokens) and tree.tokens[token.i + 1].lemma in ("they", "them"):
        return _among_them(tree, token, words)
    if token.pos in ("VERB", "AUX") and token.lemma in words["include_verbs"]:
        return _members_include(tree, token, words["member_nouns"]) or _pointed_include(tree, token, words)
    if token.pos in ("VERB", "AUX") and token.lemma in words["belong_verbs"]:
        return _belong_to(tree, token)
    if token.pos == "NOUN" and token.lemma in words["member_nouns"] and token.dep == "attr":
        return _are_members(tree, token)
    if token.pos == "NOUN" and token.lemma in words["member_nouns"] and token.dep == "nsubj":
        return _members_are(tree, token, words["work_verbs"])
    if token.pos == "NOUN" and token.lemma in words["union_nouns"]:
        return _union_for(tree, token) or _their_union(tree, token)
    return None


def _members_include(tree: Tree, verb: Token, member_nouns: frozenset[str]) -> Membership | None:
    """'CUPE, whose 55,000 school-board members include custodians and educational
    assistants', 'its members include teachers and occasional teachers', 'the union's
    members, who include teachers and support staff', 'Besides teachers, its members
    include ...' (the groups set beside the list are members too: ``group_lists.beside_heads``)."""
    subjects = tree.children(verb.i, ("nsubj",))
    if verb.dep == "relcl" and any(s.lemma in _RELATIVE for s in subjects):
        subjects = [tree.tokens[verb.head]]  # "the union's 83,000 members, who include teachers"
    subjects = [s for s in subjects if s.lemma in member_nouns]
    groups = _listed(tree, tree.children(verb.i, ("dobj",)) + beside_heads(tree, verb))
    if not subjects or not groups:
        return None
    holders = []
    for owner in tree.children(subjects[0].i, ("poss",)):
        holders += _whose_holders(tree, owner, verb) if owner.lemma == "whose" else [owner]
    holders += [o for p in tree.children(subjects[0].i, ("prep",)) if p.lemma == "of" for o in tree.children(p.i, ("pobj",))]
    return Membership(tuple(holders), groups) if holders else None


def _pointed_include(tree: Tree, verb: Token, words: dict[str, frozenset[str]]) -> Membership | None:
    """'CUPE represents 1,100 of the board's staff. Those workers include educational
    assistants, ...', 'OSSTF speaks for the support staff at the board. They include
    secretaries and ...': workers pointed back to ("those workers", "these employees",
    "they") are the ones the sentence before says a body represents, and the groups they
    include are that body's."""
    subjects = [s for s in tree.children(verb.i, ("nsubj",)) if _points_back(tree, s, words)]
    groups = _listed(tree, tree.children(verb.i, ("dobj",)))
    holders = _representers_before(tree, verb.sentence, words) if subjects and groups else []
    return Membership(tuple(holders), groups) if holders else None


def _among_them(tree: Tree, among: Token, words: dict[str, frozenset[str]]) -> Membership | None:
    """'The federation has about 60,000 members, among them high school teachers and ...',
    'CUPE members make up 40 per cent of the staff, roughly 250 people, among them its
    educational assistants', 'About 1,000 of those workers are at the board, among them
    secretaries and custodians': a list opened by "among them" (or "including them") in a
    clause about a union's members names groups the union speaks for. The union is the
    members' possessor or modifier, the subject of "have" whose object they are, or, for
    workers pointed back to, the body the sentence before says represents them. The list is
    read from the words (the parser hangs it anywhere): the first head noun after "them"
    with its conjuncts."""
    first = tree.sentences[among.sentence].first_token
    members = [t for t in tree.tokens[first:among.i] if t.lemma in words["member_nouns"] and t.pos == "NOUN"]
    if not members:
        return None
    member = members[0]
    holders = tree.children(member.i, ("poss", "compound"))
    holders += [s for s in tree.subjects(member.head) if tree.tokens[member.head].lemma == "have" and member.dep == "dobj"]
    if not holders and _points_back(tree, member, words):
        holders = _representers_before(tree, among.sentence, words)
    head = tree.first_noun(among.i + 2, among.sentence, ("compound", "amod", "nmod", "poss"))
    groups = _listed(tree, [head]) if head is not None else ()
    return Membership(tuple(holders), groups) if holders and groups else None


def _points_back(tree: Tree, noun: Token, words: dict[str, frozenset[str]]) -> bool:
    """'those workers', 'these employees', 'they': a subject that stands for people named
    before (``date_words.PLURAL_POINTERS``), with no owner of its own (an owned "its members" is read by its owner)."""
    if noun.lemma == "they":
        return True
    pointers = [d for d in tree.children(noun.i, ("det",)) if d.lemma in PLURAL_POINTERS]
    pointers += [d for p in tree.children(noun.i, ("prep",)) if p.lemma == "of" for o in tree.children(p.i, ("pobj",))
                 for d in tree.children(o.i, ("det",)) if d.lemma in PLURAL_POINTERS]  # "1,000 of those workers"
    return bool(pointers) and not tree.children(noun.i, ("poss",))


def _representers_before(tree: Tree, sentence: int, words: dict[str, frozenset[str]]) -> list[Token]:
    """Who the sentence before says represents workers: the subject of its representing
    verb ("CUPE represents ..."; the noun a ", which represents" clause hangs on) or the
    agent of its passive ("workers represented by CUPE")."""
    if sentence == 0:
        return []
    holders = []
    for verb in tree.sentence_tokens(sentence - 1):
        if verb.lemma not in words["representing_verbs"] or verb.pos != "VERB":
            continue
        subjects = tree.children(verb.i, ("nsubj",))
        if verb.dep == "relcl" and any(s.lemma in _RELATIVE for s in subjects):
            subjects = [tree.tokens[verb.head]]
        holders += subjects + [o for p in tree.children(verb.i, ("agent",)) for o in tree.children(p.i, ("pobj",))]
    return holders


def _whose_holders(tree: Tree, whose: Token, verb: Token) -> list[Token]:
    """'Glen Hodgson, president of OSSTF District 4, whose members include ...': the name
    right before ", whose" comes first (the parser may hang the clause on the person), then
    the noun the clause describes."""
    before = tree.tokens[whose.i - 2] if whose.i >= 2 and tree.tokens[whose.i - 1].text == "," else None
    described = tree.tokens[verb.head] if verb.dep == "relcl" else None
    return [t for t in (before, described) if t is not None]


def _belong_to(tree: Tree, verb: Token) -> Membership | None:
    """'about 25 of its noon-hour aides, who belong to OSSTF, were off the job'."""
    holders = [o for p in tree.children(verb.i, ("prep",)) if p.lemma == "to" for o in tree.children(p.i, ("pobj",))]
    subjects = tree.children(verb.i, ("nsubj",))
    if subjects and subjects[0].lemma in _RELATIVE and verb.dep == "relcl":
        subjects = [tree.tokens[verb.head]]
    groups = _listed(tree, subjects)
    return Membership(tuple(holders), groups) if holders and groups else None


def _are_members(tree: Tree, noun: Token) -> Membership | None:
    """'the board's early childhood educators are OSSTF members', 'secretaries are all
    members of the federation'."""
    copula = tree.tokens[noun.head]
    if copula.lemma != "be":
        return None
    holders = tree.children(noun.i, ("compound", "poss"))
    holders += [o for p in tree.children(noun.i, ("prep",)) if p.lemma == "of" for o in tree.children(p.i, ("pobj",))]
    groups = _listed(tree, tree.children(copula.i, ("nsubj",)))
    return Membership(tuple(holders), groups) if holders and groups else None


def _members_are(tree: Tree, noun: Token, work_verbs: frozenset[str]) -> Membership | None:
    """'The federation's 675 members there are teachers, educational assistants and support
    staff', 'the OSSTF members it employs are psychologists and speech pathologists', 'Its
    440 employees represented by CUPE work as custodians, office staff and library workers':
    a union's people said to be (or to work as) kinds of worker are the groups it speaks
    for. The union is the subject's possessor or modifier, the body after "of", or the agent
    of "represented by"; without one ("Those workers are critical") nothing is told."""
    verb = tree.tokens[noun.head]
    if verb.lemma == "be":
        heads = tree.children(verb.i, ("attr",)) or _noun_right_after(tree, verb)
    elif verb.lemma in work_verbs:
        heads = [o for p in tree.children(verb.i, ("prep",)) if p.lemma == "as" for o in tree.children(p.i, ("pobj",))]
    else:
        return None
    holders = tree.children(noun.i, ("poss", "compound"))
    holders += [o for p in tree.children(noun.i, ("prep",)) if p.lemma == "of" for o in tree.children(p.i, ("pobj",))]
    holders += [o for a in tree.children(noun.i, ("acl",)) for p in tree.children(a.i, ("agent",))
                for o in tree.children(p.i, ("pobj",))]
    groups = _listed(tree, heads)
    return Membership(tuple(holders), groups) if holders and groups else None


def _noun_right_after(tree: Tree, verb: Token) -> list[Token]:
    """The plural noun right after a copula the parser left without its complement ("the
    members it employs are psychologists, ..., the director told parents" makes the list
    the subject of "told")."""
    after = verb.i + 1
    return [tree.tokens[after]] if after < len(tree.tokens) and tree.tokens[after].tag == "NNS" else []


def _union_for(tree: Tree, noun: Token) -> Membership | None:
    """'ETFO, the union for 83,000 public elementary teachers and education workers', 'The
    union for Ontario's school custodians, secretaries and educational assistants says',
    'AEFO, the union of the province's French-language teachers'. A
    group's own union ("the French-language teachers' union") is left out: such a phrase is
    mostly a name for the union, which readers do not count as a statement of whom it
    represents."""
    prepositions = membership_words()["union_prepositions"]
    groups = _listed(tree, [o for p in tree.children(noun.i, ("prep",)) if p.lemma in prepositions
                            for o in tree.children(p.i, ("pobj",))])
    return Membership((noun,), groups) if groups else None


def _their_union(tree: Tree, noun: Token) -> Membership | None:
    """'Ontario's Catholic teachers will strike again, their union said', 'Custodians and
    secretaries start working to rule after talks between their union and the province
    broke down': the workers a sentence is about (the plural subjects before "their union")
    belong to that union, which a lead seldom names until the next sentence. Holders: the
    noun itself, then the tokens of this sentence and the two after it, nearest first (the
    facts stage takes the first that names a union)."""
    if noun.tag != "NN" or not any(o.lemma in ("their", "they") for o in tree.children(noun.i, ("poss",))):
        return None  # "both of their unions" names no one union
    first = tree.sentences[noun.sentence].first_token
    subjects = [t for t in tree.tokens[first:noun.i] if t.dep in ("nsubj", "nsubjpass") and t.tag in ("NNS", "NNPS")
                and _main_clause(tree, tree.tokens[t.head]) and not _placed(tree, t)]
    groups = _listed(tree, subjects[:1] + [a for s in subjects[:1] for a in tree.children(s.i, ("appos",))])
    if not groups:
        return None
    here = sorted(tree.sentence_tokens(noun.sentence), key=lambda t: abs(t.i - noun.i))
    after = [t for s in range(noun.sentence + 1, min(noun.sentence + 3, len(tree.sentences))) for t in tree.sentence_tokens(s)]
    return Membership(tuple([noun] + here + after), groups)


def _placed(tree: Tree, noun: Token) -> bool:
    """'occasional teachers with the Greater Essex board', 'teachers in Thunder Bay': workers
    placed by a named place other than the province (or by an owner such as "Haliburton
    County's") belong to a local whose name the provincial union does not stand for;
    'workers in Ontario's schools' are the whole union's."""
    nouns = tree.with_conjuncts(noun)  # "1,600 teachers and 400 occasional teachers with the board"
    placing = [p for n in nouns for p in tree.children(n.i, ("prep",)) if p.lemma in ("in", "with", "at", "from")]
    placing += [o for n in nouns for o in tree.children(n.i, ("poss",))]
    names = [tree.tokens[i] for p in placing for i in tree.subtree(p.i)]
    return any(t.pos == "PROPN" and t.text != "Ontario" for t in names)


def _main_clause(tree: Tree, verb: Token) -> bool:
    """The sentence's own clause (its root, or a clause the root reports or joins: 'Teachers
    will strike, their union said'), not a clause about someone else's view ('many teachers
    he meets apologize for the way their union acts')."""
    return verb.dep == "ROOT" or (verb.dep in ("ccomp", "conj") and tree.tokens[verb.head].dep == "ROOT")


def _listed(tree: Tree, heads: list[Token]) -> tuple[Token, ...]:
    """The heads with their conjuncts, in text order (no pronouns)."""
    nouns = {n.i: n for head in heads for n in tree.with_conjuncts(head) if n.pos in ("NOUN", "PROPN")}
    return tuple(nouns[i] for i in sorted(nouns))
