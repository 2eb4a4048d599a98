"""Titles used as names ("the minister", "the president of the OSSTF"), part of the
entities stage: the person a title stands for, the one last given that title (or, when no
one was, the one person just named). A mixin of ``references.ReferenceResolver``, kept
apart as the one reading that goes by the titles the text gave rather than by kinds.
"""

from __future__ import annotations

__all__ = ["TitlesAsNames"]


class TitlesAsNames:
    """Finds the person a title used as a name stands for (``self.titles``, ``self.lexicon``
    and the token tables come from the article resolver this is mixed into)."""

    def _titled_person(self, role_id: str, i: int) -> str:
        """The person last given the role ``role_id`` before token ``i`` (or at it: "Bischof,
        the union's president"); when no one had it before, the first given it in the next
        two sentences ("The minister, Bischof said, is still set on larger classes. Education
        Minister Stephen Lecce ..."). A title naming its organisation ("the president of
        ETFO") takes only a person given the role for that organisation."""
        role = self.lexicon.roles.get(role_id, {}).get("role")
        organisation = self._title_organisation(i)
        titled = [(token, person) for person, person_role, held, token, _ in self.titles
                  if person_role == role and (not organisation or held == organisation)]
        earlier = [(t, p) for t, p in titled if t <= i]
        if earlier:
            return max(earlier)[1]
        sentence = self.tokens[i].sentence
        later = [(t, p) for t, p in titled if t > i and self.tokens[t].sentence <= sentence + 2]
        return min(later)[1] if later else ""

    def _title_organisation(self, i: int) -> str:
        """The organisation a title used as a name names: 'the president of the OSSTF'."""
        return next((e for p in self.tree.children(i, ("prep",)) if p.text.lower() == "of"
                     for o in self.tree.children(p.i, ("pobj",)) if (e := self._entity_near(o.i))), "")

    def _titled_just_named(self, role_id: str, i: int) -> str:
        """'The concession did not impress Harvey Bischof. Speaking at Queen's Park, the
        president of the OSSTF dismissed it': a title that names its organisation and that
        no one was given stands for the one person named (by name) in the sentence before or
        earlier in its own, unless that person holds a title elsewhere. The title is then
        also his."""
        role = self.lexicon.roles.get(role_id)
        organisation = self._title_organisation(i)
        if not role or not organisation or organisation not in self.entities:
            return ""
        sentence = self.tokens[i].sentence
        named = {e for j in range(i - 1, -1, -1) if self.tokens[j].sentence >= sentence - 1
                 and self.tokens[j].pos == "PROPN" and (e := self.token_entities.get(j))
                 and self.entities[e].type == "Person"}
        if self.tokens[i].sentence == 0 or len(named) != 1:
            return ""
        person = named.pop()
        if any(p == person and held != organisation for p, _, held, _, _ in self.titles):
            return ""
        self.titles.append((person, role["role"], organisation, i, "represents/title-as-name"))
        return person

    def _titled_by_owner(self, token) -> str:
        """'The NDP leader said ...', 'the federation's president told members ...', 'the
        Green leader', 'the party's education critic': a title owned by a body (its possessor
        or a word before it naming the body) stands for the one person the article gives that
        role in that body (a leader's title: the one leader, whatever his title), wherever in
        the article. The body is the entity of the owning word,
        or a titled body whose name begins with that word ("Green" -> Green Party of Ontario)."""
        role = self.lexicon.role_of(token.text)
        if not role or token.dep == "compound" or token.text[:1].isupper():
            return ""
        owners = [c for c in self.tree.children(token.i, ("poss", "compound", "amod", "nmod")) if c.i < token.i]
        if not owners or not any(self.lowered[j] == "the" for j in self.tree.subtree(token.i) if j < token.i):
            return ""  # no owner, no body: the subtree walk only for titles that have one
        bodies = {e for c in owners if (e := self._entity_near(c.i)) and self.entities[e].type != "Person"}
        words = {self.tokens[c.i].text for c in owners if self.tokens[c.i].text[:1].isupper()}
        leading = self.lexicon.leading_roles if role["role"] in self.lexicon.leading_roles else {role["role"]}
        holders = {who for who, held, org, _, _ in self.titles if held in leading and org in self.entities and (
            org in bodies or any(self.entities[org].name.startswith(w + " ") for w in words))}
        return holders.pop() if bodies | words and len(holders) == 1 else ""
