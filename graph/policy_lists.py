"""Policies named as items of one list, read from the words between commas (facts stage).

The parse of a list of harms often breaks where an item carries a modifier or a tail of its
own ("bigger classes, forced e-learning for high school students and funding cuts"), and the
entity-by-entity list reader (``ArticleContext.listed_with``) stops at the first word that is
neither glue nor a plain modifier. A reader sees the list in its separators instead: each
stretch between two commas (or a comma and "and") is one item, and an item that names a
policy near its edge is that policy, however it is modified.
"""

from __future__ import annotations

from .context import ArticleContext

__all__ = ["policy_list_items"]

#: Words that separate the items of a list.
_SEPARATORS = frozenset({",", "and", "or"})
#: Words that end a list: a clause or an aside begins.
_ENDS = frozenset({";", ":", ".", "(", ")", "—", "--", "that", "which", "who", "while", "but", "because"})
_BREAKS = _SEPARATORS | _ENDS
#: The longest stretch read as one item (a modifier, a policy of up to four words, a short tail).
_LONGEST_ITEM = 8
#: How far into an item its policy may begin (a modifier or two before it).
_EDGE = 3
#: How near the end of a list's first item its policy must be (a short tail after it).
_TAIL = 5


def policy_list_items(context: ArticleContext, first: int, last: int) -> list[str]:
    """The policies named in the items listed before and after the span ``first..last``
    (itself one item of a list): 'bigger classes, forced e-learning for high school students
    and funding cuts' gives the class sizes and e-learning read from the cuts."""
    return _side(context, last, +1) + _side(context, first, -1)


def _side(context: ArticleContext, edge: int, step: int) -> list[str]:
    """The policies of the items on one side of ``edge`` (step +1 after it, -1 before it),
    item by item until one names none, is too long, or the list ends."""
    tree = context.tree
    words = {t.i: t.text.lower() for t in tree.sentence_tokens(tree.tokens[edge].sentence)}
    own = _run(words, edge + step, step)  # the rest of the span's own item: 'deep cuts to student services'
    if len(own) > _LONGEST_ITEM:
        return []
    i, found = edge + step * (len(own) + 1), []
    while True:
        glue = 0
        while words.get(i) in _SEPARATORS:
            i, glue = i + step, glue + 1
        if not glue:
            return found
        item = _run(words, i, step)
        i += step * len(item)
        closed = words.get(i) in _SEPARATORS
        named = _item_policies(context, item if step > 0 else item[::-1], closed or step > 0)
        if not named:
            return found
        found += named
        if not closed:
            return found


def _run(words: dict[int, str], i: int, step: int) -> list[int]:
    """The tokens from ``i`` on (by ``step``) up to the next separator or the list's end
    (``words``: the sentence's lowered words by token index)."""
    run = []
    while i in words and words[i] not in _BREAKS:
        run.append(i)
        i += step
    return run


def _item_policies(context: ArticleContext, item: list[int], whole: bool) -> list[str]:
    """The policy an item names: one beginning within its first words (a list item read
    whole, 'forced e-learning for high school students'), or, when the list's first item is
    not closed off ('the minister's agenda of bigger classes in high school'), the last one
    named in its last few words."""
    if not item or (whole and len(item) > _LONGEST_ITEM):
        return []
    kinds = ("Policy", "PolicyVersion")
    if whole:
        edge = [context.entity_of.get(i) for i in item[:_EDGE]]
    else:
        edge = [e for i in item[-_TAIL:] if (e := context.entity_of.get(i))][-1:]
    return [e for e in dict.fromkeys(edge) if e and context.type_of(e) in kinds]
