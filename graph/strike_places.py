"""Places that only say where, part of the facts stage: names beside a strike that are no target.

A sentence about a strike names many places that are not struck: the board offices pickets
stood outside ("picketed outside the head offices of the Lakehead board"), the towns a board
serves ("the Halton board, which serves Burlington and Oakville"), the town a speaker spoke
in ("In Windsor, the local's president said ...") and the town a headline uses for its
board ("Strikes reach Oakville" over a story about the Halton board). ``graph.strike_targets``
leaves these out.
"""

from __future__ import annotations

from .syntax import REPORTING_LEMMAS

__all__ = ["board_building", "describes_board", "doers_board", "headline_place", "members_clause", "strike_clause_verb",
           "where_said"]

#: Buildings a board has: pickets outside a board's offices stand there; the board is not struck by it.
_BUILDINGS = frozenset({"office", "headquarters", "building", "centre", "center"})
#: Verbs that say whom a union or local counts ('whose members include', 'which represents').
_MEMBERSHIP_VERBS = frozenset({"include", "represent", "cover", "employ", "count"})
#: Entities whose words name who strikes, not where: 'Catholic teachers', 'ETFO members'.
_DOER_TYPES = frozenset({"Union", "Group", "Person", "Organisation"})
#: How a headline may end: with no full stop (a sentence of the body ends with one).
_SENTENCE_ENDS = ".!?\"”'’"


def board_building(context, i: int) -> bool:
    """'picketed outside the head offices of the Lakehead board', 'a rally at the board's
    headquarters': a board named for one of its buildings only says where people stood."""
    tree = context.tree
    if context.type_of(context.entity_of.get(i, "")) != "SchoolBoard":
        return False
    for ancestor in tree.ancestors(i)[:5]:
        if ancestor.pos in ("VERB", "AUX"):
            return False
        if ancestor.lemma in _BUILDINGS and context.entity_of.get(ancestor.i) != context.entity_of.get(i):
            return True
    return False


def describes_board(context, i: int) -> bool:
    """'The Halton District School Board, which serves Burlington, Oakville and Milton, shut
    its schools': a town in a clause that describes a board says where the board is."""
    tree = context.tree
    if _region(context, i) is None:
        return False
    for ancestor in tree.ancestors(i)[:6]:
        if ancestor.dep == "relcl" and context.type_of(context.entity_of.get(ancestor.head, "")) == "SchoolBoard":
            return True
    return False


def members_clause(context, i: int) -> bool:
    """'Glen Hodgson, president of District 4, whose members include teachers at the Near
    North board': a board in a clause saying whom a local or person counts or represents
    tells who they are, not where a strike is."""
    tree = context.tree
    if context.type_of(context.entity_of.get(i, "")) != "SchoolBoard":
        return False
    for ancestor in tree.ancestors(i)[:6]:
        if ancestor.dep == "relcl" and ancestor.lemma in _MEMBERSHIP_VERBS:
            return context.type_of(context.entity_of.get(ancestor.head, "")) != "SchoolBoard"
    return False


def where_said(context, i: int) -> bool:
    """'In Windsor, the local's president said the deal eases tension while schools stay
    closed': a town that sets where someone spoke is no place struck."""
    tree = context.tree
    if _region(context, i) is None:
        return False
    prep = tree.tokens[tree.tokens[i].head]
    return prep.dep == "prep" and prep.lemma == "in" and tree.tokens[prep.head].lemma in REPORTING_LEMMAS


def headline_place(context, target: str, sentence: int) -> bool:
    """'Strikes reach Oakville', 'High schools shut in London': a town in the headline (the
    article's first line, with no full stop) stands for the board the story names."""
    text = context.resolved.parsed.sentences[sentence].text.strip()
    return (sentence == 0 and _region(context, None, target) is not None
            and bool(text) and text[-1] not in _SENTENCE_ENDS)


def _region(context, i: int | None, entity_id: str | None = None) -> str | None:
    """The town or region a token (or entity id) names, if it is one (not the province)."""
    entity_id = entity_id if entity_id is not None else context.entity_of.get(i, "")
    return entity_id if context.type_of(entity_id) == "Region" and entity_id != "province-wide" else None


def doers_board(context, token: int) -> str | None:
    """'Greater Essex teachers will hold another one-day strike', 'Durham Catholic teachers
    walked out': strikers named by the start of their board's name strike at that board
    (the one board of the knowledge base whose name starts with those words). Words that
    only name the strikers ('Catholic teachers', 'ETFO members') are not enough."""
    tree = context.tree
    for subject in tree.subjects(token):
        if context.type_of(context.entity_of.get(subject.i, "")) != "Group":
            continue  # 'Catholic schools close', 'Niagara high schools dark': places, not strikers
        before = sorted(i for i in tree.subtree(subject.i) if i < subject.i and tree.tokens[i].dep != "det")
        words = []
        for i in before:
            if not tree.tokens[i].text[:1].isupper() or context.entity_of.get(i) in ("province-wide", "ontario"):
                break
            words.append(i)
        if not words or all(context.type_of(context.entity_of.get(i, "")) in _DOER_TYPES for i in words):
            continue
        if _kinds_of_worker(tree, words):
            continue
        name = " ".join(tree.tokens[i].text for i in words)
        boards = [e.id for e in context.kb.entities.values() if e.type == "SchoolBoard" and e.name.startswith(name + " ")
                  and ("Catholic" in name or "Catholic" not in e.name)]  # 'Durham teachers': the public board
        if len(boards) == 1:
            return boards[0]
    return None


def _kinds_of_worker(tree, words: list[int]) -> bool:
    """'Catholic and French-language teachers walk out': capitalised words that only say what
    kind of teachers strike (adjectives, or one of a list of kinds joined by 'and') name no
    place, so no board whose name happens to start with them ('Catholic District School
    Board of ...')."""
    listed = any(tree.children(i, ("conj", "cc")) for i in words)
    return listed or not any(tree.tokens[i].pos == "PROPN" for i in words)


def strike_clause_verb(tree, token: int) -> int:
    """The verb whose clause tells of the strike word at ``token``: its own clause's, climbed
    past a participle the strike completes for the boards ('the boards hit by the strike')
    and past verbs it completes ('are scheduled to walk out')."""
    return _clause_top(tree, _past_the_board(tree, tree.clause_verb(token).i))


def _clause_top(tree, verb: int) -> int:
    """'the union's members at the Peel board are scheduled to walk out': a verb that
    completes another (xcomp) shares that verb's clause, its subject and places."""
    while tree.tokens[verb].dep == "xcomp" and tree.tokens[verb].head != verb:
        verb = tree.tokens[verb].head
    return verb


def _past_the_board(tree, verb: int) -> int:
    """'Rainbow was among the boards hit by the strike': a strike that is what a participle
    tells of the boards ('the boards hit by the strike') shares the clause of the boards."""
    word = tree.tokens[verb]
    if word.dep == "acl" and tree.tokens[word.head].lemma in ("board", "school"):
        return tree.clause_verb(word.head).i
    return verb
