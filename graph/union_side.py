"""Union side names (part of the facts stage): when a noun means the unions taken together.

"union leaders", "the toll of union escalation", "the other unions": a response or a
statement aimed at such a noun answers the unions' side as a whole (the knowledge base's
"the unions"), not one union. Split out of :mod:`.responses` so the finder stays readable.
"""

from __future__ import annotations

from .context import ArticleContext
from .deeds import DeedReader
from .model import Token

__all__ = ["UnionSideNames"]

#: Plural heads that, with "union" and no union's name, mean the unions' side taken together:
#: "union leaders", "union bosses" ("the unions" is an alias of that group in the knowledge base).
_COLLECTIVE_HEADS = frozenset({"leader", "boss", "head"})


class UnionSideNames:
    """Reads which actor a noun names, counting nouns for the unions taken together."""

    def __init__(self, context: ArticleContext, deeds: DeedReader):
        self.context, self.tree, self.deeds = context, context.tree, deeds

    def named_by(self, token: Token) -> str:
        """The actor a noun names, or the unions taken together (``_names_union_side``)."""
        named, collective = self.context.token_entity(token), self.context.kb.lookup("the unions")
        return collective.id if collective and self._names_union_side(token, named) else named

    def _names_union_side(self, token: Token, named: str) -> bool:
        """Whether a noun means the unions' side taken together: "union leaders", or a bare
        "union" naming whose deed it is ("the toll of union escalation", ``DeedReader.by_bare_union``),
        unless the paragraph has just named the union meant ("Lecce answered OECTA within
        hours. Union leaders had once again shown ..."); or "the other unions" (``_unnamed_unions``).
        A noun that names an actor itself is that actor, except "union leaders"."""
        words = [token] + self.tree.children(token.i, ("compound", "amod"))
        leaders = token.tag == "NNS" and token.lemma in _COLLECTIVE_HEADS and any(w.lemma == "union" for w in words) \
            and not any(w.pos == "PROPN" for w in words)
        if (leaders or (not named and self.deeds.by_bare_union(token))) and not self._union_named_before(token):
            return True
        return not named and self._unnamed_unions(token)

    def _unnamed_unions(self, token: Token) -> bool:
        """'urged the remaining unions to reach deals', 'answered that the four unions had
        made an irresponsible choice': plural "unions" with a determiner and no union's name
        ("the other unions", "the four unions") are the unions' side taken together, like
        "the unions" itself; "two unions" or "its unions" count out some, not the side."""
        if token.tag != "NNS" or token.lemma != "union":
            return False
        kids = self.tree.children(token.i, ("det", "compound", "amod", "nummod", "poss"))
        return any(k.lemma == "the" for k in kids) and not any(k.pos == "PROPN" or k.dep == "poss" for k in kids)

    def _union_named_before(self, token: Token) -> bool:
        """Whether the paragraph named a union before ``token`` (then "union leaders" are its)."""
        paragraph = self.context.paragraphs[token.sentence]
        earlier = [i for i in self.context.entity_of if i < token.i and self.context.paragraphs[self.tree.tokens[i].sentence] == paragraph]
        return bool(self.context.entities_in(earlier, {"Union"}))
