"""Local units of a union (part of the entities stage): "OSSTF District 9", "the federation's
Near North local", "OECTA's Windsor-Essex secondary unit", "Local 1022".

A part of a union named by capitalised words or a number is a union of its own, named as
readers write it: the parent union's full name, then the local's own designation ("Ontario
Secondary School Teachers' Federation District 22 Niagara", "Canadian Union of Public
Employees Local 1022"). Runs after descriptions are resolved, so "the federation's" already
names its union.
"""

from __future__ import annotations

import re

from .article_entities import ArticleEntities
from .kb import normalise
from .lexicon import slugify
from .model import Entity, Token

__all__ = ["LocalUnitNamer"]

#: "9", "27", "6A", "1022": what numbers a district or a local.
_UNIT_NUMBER = re.compile(r"\d{1,5}[A-Za-z]?")


class LocalUnitNamer(ArticleEntities):
    """Names the local units of unions an article speaks of."""

    def name_local_units(self) -> None:
        """Give each unit noun ("district", "local", "unit") that is named by words or a number
        and belongs to a union an entity of its own, replacing the tagger's guess at it."""
        for token in self.tokens:
            if token.lemma.lower() not in self.lexicon.local_units:
                continue
            guess = self.entities.get(self.token_entities.get(token.i, ""))
            words, number = self._unit_name_words(token.i), self._unit_number(token.i)
            union = self._unit_owner(token)
            union = None if union is guess or (union and guess and union.id == guess.id) else union
            if not words and number is None:
                self._name_pattern_unit(token, guess, union)
                continue
            place = self._unit_place_words(number) if number is not None else []
            span = words + [token.i] + ([number] if number is not None else []) + place
            own = [self.tokens[i].text for i in words] + [token.text.capitalize()] + ([self.tokens[number].text] if number is not None else [])
            tail = " ".join(own + [self.tokens[i].text for i in place])
            if guess and (guess.id in self.kb.entities or not normalise(guess.name).endswith(normalise(" ".join(own)))):
                continue  # named already, and not just the tagger's "District 16"
            entity = self._unit_entity(union, tail) if union else self._unit_named_before(tail) or self._numbered_local(token, tail, number)
            if entity is not None:
                self._give(entity, span, guess)

    def _give(self, entity: Entity, span: list[int], guess: Entity | None) -> None:
        self.entities.setdefault(entity.id, entity)
        for i in span:
            self.token_entities[i] = entity.id
        if guess and guess.id != entity.id and guess.id not in self.token_entities.values():
            del self.entities[guess.id]

    def _name_pattern_unit(self, unit: Token, guess: Entity | None, union: Entity | None) -> None:
        """"OECTA's Windsor-Essex secondary unit": the name patterns took "Windsor-Essex
        secondary unit" for a union of its own; owned by a union, it is that union's unit and
        carries the union's name before its own."""
        if not (guess and union and guess.type == "Union" and guess.id not in self.kb.entities) \
                or normalise(guess.name).startswith(normalise(union.name)) \
                or not normalise(guess.name).endswith(unit.text.lower()):
            return
        span = [i for i, e in self.token_entities.items() if e == guess.id]
        self._give(self._unit_entity(union, guess.name), span, guess)

    def _unit_entity(self, union: Entity, tail: str) -> Entity:
        name = f"{union.name} {tail}"
        return self.kb.lookup(name) or Entity(slugify(name), "Union", name, (tail,) if _UNIT_NUMBER.search(tail) else ())

    def _unit_number(self, i: int) -> int | None:
        """The number that names a unit ("District 9", "Local 1734", "District 6A"), or None."""
        j = i + 1
        if j < len(self.tokens) and _UNIT_NUMBER.fullmatch(self.tokens[j].text) and self.tokens[j].sentence == self.tokens[i].sentence:
            return j
        return None

    def _unit_place_words(self, number: int) -> list[int]:
        """'OSSTF District 22 Niagara', 'District 6A Thunder Bay': capitalised place words
        right after a unit's number (no comma, no "in") are part of its name; a person's name
        there is not ("District 9 Erin Roy")."""
        words, j = [], number + 1
        while j < len(self.tokens) and self.tokens[j].sentence == self.tokens[number].sentence \
                and self.tokens[j].pos == "PROPN" and self.tokens[j].text[:1].isupper() \
                and not self.lexicon.role_of(self.tokens[j].text):
            entity = self.entities.get(self.token_entities.get(j, ""))
            if entity and entity.type not in ("Region", "SchoolBoard"):
                break
            words.append(j)
            j += 1
        return words

    def _unit_named_before(self, tail: str) -> Entity | None:
        """'District 9 president Erin Roy', after "OSSTF District 9" was named: a numbered
        unit with no union beside it is the one of that number the article already named."""
        if not _UNIT_NUMBER.search(tail.split()[-1]):
            return None
        key = normalise(tail)
        return next((e for e in self.entities.values() if e.type == "Union" and any(normalise(a) == key for a in e.aliases)), None)

    def _numbered_local(self, unit: Token, tail: str, number: int | None) -> Entity | None:
        """'Jo-Anne White, president of Local 1022', in a story about CUPE: a numbered local
        with no union beside it and none of that number named before belongs to the union
        (one the knowledge base knows) the article named last before it."""
        if number is None:
            return None
        before = [self.entities.get(self.token_entities[i]) for i in sorted(self.token_entities) if i < unit.i]
        unions = [e for e in before if e and e.type == "Union" and e.id in self.kb.entities]
        return self._unit_entity(unions[-1], tail) if unions else None

    def _unit_name_words(self, i: int) -> list[int]:
        """The capitalised words just before a unit noun that name it ("Near North", "Thames
        Valley"), no organisation's name among them (a board's or a place's may be)."""
        words = []
        j = i - 1
        while j >= 0 and self.tokens[j].pos == "PROPN" and self.tokens[j].text[:1].isupper() \
                and self.tokens[j].sentence == self.tokens[i].sentence:
            entity = self.entities.get(self.token_entities.get(j, ""))
            if entity and entity.id in self.kb.entities and entity.type != "Region":
                break  # a place ("Algoma") or a name the tagger guessed at, not a known union or person
            words.insert(0, j)
            j -= 1
        return words

    def _unit_owner(self, unit: Token) -> Entity | None:
        """The union a unit belongs to: its possessor, the union named before it ("OSSTF
        District 9"), or the object of its 'of'."""
        owners = self.tree.children(unit.i, ("poss", "compound"))
        owners += [o for p in self.tree.children(unit.i, ("prep",)) if p.text.lower() == "of" for o in self.tree.children(p.i, ("pobj",))]
        for owner in owners:
            entity = self.entities.get(self._entity_near(owner.i))
            if entity and entity.type == "Union":
                return entity
        return None
