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

from .kb import normalise
from .lexicon import slugify
from .loose_units import LooseUnits
from .model import Entity, Token

__all__ = ["LocalUnitNamer", "own_unit"]

#: "9", "27", "6A", "1022": what numbers a district or a local.
_UNIT_NUMBER = re.compile(r"\d{1,5}[A-Za-z]?")


class LocalUnitNamer(LooseUnits):
    """Names the local units of unions an article speaks of."""

    def name_local_units(self) -> None:
        """Give each unit noun ("district", "local", "unit") that is named by words or a number
        and belongs to a union an entity of its own, replacing the tagger's guess at it."""
        for token in self.tokens:
            if token.lemma.lower() not in self.lexicon.local_units:
                continue
            guess = self.entities.get(self.token_entities.get(token.i, ""))
            if self._is_bargaining_unit(token) or self._possessed_unit(token, guess):
                continue
            words, number = self._unit_name_words(token.i), self._unit_number(token.i)
            union = self._unit_owner(token) or self._unit_owner(self._unit_head(token))
            union = None if union is guess or (union and guess and union.id == guess.id) else union
            if not words and number is None:
                if not (union and (self._unit_for_board(token, union) or self._unit_beside_place(token, union, guess))):
                    self._name_pattern_unit(token, guess, union)
                continue
            place = self._unit_place_words(number) if number is not None else []
            span = words + [token.i] + ([number] if number is not None else []) + place
            own = [self.tokens[i].text for i in words] + [token.text.capitalize()] + ([self.tokens[number].text] if number is not None else [])
            tail = " ".join(own + [self.tokens[i].text for i in place])
            if guess and (guess.id in self.kb.entities or not normalise(guess.name).endswith(normalise(" ".join(own)))):
                continue  # named already, and not just the tagger's "District 16"
            entity = self._unit_entity(union, tail) if union else self._unit_named_before(tail) or self._unit_named_earlier(token, tail) or self._numbered_local(token, tail, number)
            if entity is not None:
                self._give(entity, span, guess)
        for token in self.tokens:
            if self._is_bargaining_unit(token):
                self._bargaining_unit(token)

    def _is_bargaining_unit(self, token: Token) -> bool:
        """'bargaining unit(s)': named after the districts around it are (see _bargaining_unit)."""
        return token.lemma.lower() == "unit" and token.i > 0 and self.lowered[token.i - 1] == "bargaining"

    def _possessed_unit(self, unit: Token, guess: Entity | None) -> bool:
        """"ETFO's Upper Canada local", "OSSTF's District 3 Rainbow local" (or "the ETFO Upper
        Canada local"): the words between a union's possessive (or name) and a unit noun (capitalised words, a district and its number) are
        the unit's own name, whatever the parser hung them on; the unit is named in full, the
        parent's name, those words and the noun as written, and known by its numbered part."""
        kind = self._member_kind_words(unit)
        run, j = [], (kind[0] if kind else unit.i) - 1
        while j >= 0 and self.tokens[j].sentence == unit.sentence and (
                (self.tokens[j].pos == "PROPN" and self.tokens[j].text[:1].isupper()) or _UNIT_NUMBER.fullmatch(self.tokens[j].text)
                or self.tokens[j].lemma.lower() in self.lexicon.local_units and self.tokens[j].text[:1].isupper()
                or self._hyphen_in_name(j, run) or self._capitalised_name_word(j)):
            run.insert(0, j)
            j -= 1
        owner = j - 1 if j >= 1 and self.lowered[j] in ("'s", "'") else self._union_opening(run, unit)
        if not run or owner < 0 or self.lexicon.role_of(self.tokens[run[-1]].text):
            return False
        union = self.entities.get(self.token_entities.get(owner, ""))
        if not union or union.type != "Union" or any(self._named_person(i) for i in run):
            return False
        own = re.sub(r"\s+(['’])", r"\1", " ".join(self.tokens[i].text for i in run + kind + [unit.i]).replace(" - ", "-"))
        numbered = re.search(rf"\b(?:{'|'.join(self.lexicon.local_units)})\s+\d{{1,5}}[A-Za-z]?\b", own, re.IGNORECASE)
        name = f"{union.name} {own}"
        entity = self.kb.lookup(name) or Entity(slugify(name), "Union", name, (numbered.group(0),) if numbered else ())
        self._give(entity, run + kind + [unit.i], guess)
        return True

    def _member_kind_words(self, unit: Token) -> list[int]:
        """"ETFO's Grand Erie teacher local", "OECTA's Bruce-Grey elementary unit", "the OSSTF
        Algoma teachers' unit": up to two lower-case words right before a unit noun say what
        members it holds; they belong to its name, so the place words before them are still read
        as the unit's own (not a role, not "bargaining", which is named elsewhere)."""
        kind, j = [], unit.i - 1
        while j > 0 and len([i for i in kind if self.tokens[i].text not in ("'", "’")]) < 2 and self.tokens[j].sentence == unit.sentence:
            token = self.tokens[j]
            possessive = token.text in ("'", "’") and self.tokens[j - 1].text.endswith("s")
            if not (possessive or token.pos in ("NOUN", "ADJ") and token.text.isalpha() and token.text.islower()) \
                    or self.lexicon.role_of(token.text) or self.lowered[j] == "bargaining":
                break
            kind.insert(0, j)
            j -= 1
        return kind if kind and self.tokens[kind[0]].text not in ("'", "’") else []

    def _union_opening(self, run: list[int], unit: Token) -> int:
        """'ETFO Greater Essex local president Jane Roe', 'the OSSTF Upper Grand local': a
        union's name written right before a unit's own words, with no possessive, owns the
        unit as "ETFO's" would; taken off the run, its token is returned (else -1). A unit
        noun written with a capital ("OSSTF Halton District 20") is a name read elsewhere."""
        if len(run) > 1 and unit.text[:1].islower() and (union := self.entities.get(self.token_entities.get(run[0], ""))) and union.type == "Union" \
                and union.id in self.kb.entities:
            return run.pop(0)
        return -1

    def _named_person(self, i: int) -> bool:
        """Whether a word between a union's possessive and a unit noun is a person's name: a
        person the knowledge base knows, or a tagger's guess with a common given name. Place
        names of locals ("ETFO's Trillium Lakelands local") are often guessed to be people;
        a unit noun right after them says they are not, unless a given name says otherwise."""
        entity = self.entities.get(self.token_entities.get(i, ""))
        if entity is None or entity.type != "Person":
            return False
        return entity.id in self.kb.entities or bool(self.lexicon.gender_of(entity.name))

    def _bargaining_unit(self, unit: Token) -> bool:
        """"president of the OSSTF teachers' bargaining unit in the Hamilton-Wentworth district",
        "the District 3 teacher bargaining unit": a bargaining unit is named as readers write
        it, its union, the district or place it is in (named before it or after its "in"), the
        members it bargains for, "bargaining unit"; "the same bargaining units" is the one
        named before. With no district or place, it is left alone (its name would be a guess)."""
        before = [i for i in self.tree.subtree(unit.i) if i < unit.i - 1 and self.tokens[i].dep not in ("det", "punct") or i < unit.i - 1 and self.tokens[i].text in ("'", "’")]
        unions = {i: e for i in before if (e := self.kb.lookup(self.tokens[i].text)) and e.type == "Union"}
        union = next(iter(unions.values()), None)
        place = [i for i in before if i not in unions and (self.tokens[i].text[:1].isupper()
                                                           or _UNIT_NUMBER.fullmatch(self.tokens[i].text) and i - 1 in before and self.tokens[i - 1].text[:1].isupper())]
        kind = [i for i in before if i not in place and i not in unions and self.lowered[i] != "same"]
        inside = self._unit_in(unit, union)
        if not place and inside:
            union, place_words = inside
        else:
            place_words = " ".join(self.tokens[i].text for i in place)
        if not place_words:
            return bool([i for i in before if self.lowered[i] == "same"]) and self._same_unit(unit)
        union = union or self._union_before(unit)
        if union is None:
            return False
        kind_words = re.sub(r"\s+(['’])", r"\1", " ".join(self.tokens[i].text for i in kind))
        name = re.sub(r"\s+", " ", f"{union.name} {place_words} {kind_words} bargaining {unit.text}").replace(" - ", "-")
        self._give(self.kb.lookup(name) or Entity(slugify(name), "Union", name), sorted(before + [unit.i - 1, unit.i]), None)
        return True

    def _unit_in(self, unit: Token, union: Entity | None) -> tuple[Entity, str] | None:
        """The union and district a bargaining unit is "in": a named local ("in OSSTF District
        1") or a place's district ("in the Hamilton-Wentworth district")."""
        for place in (o for p in self.tree.children(unit.i, ("prep",)) if self.lowered[p.i] == "in" for o in self.tree.children(p.i, ("pobj",))):
            for i in self.tree.subtree(place.i):
                local = self.entities.get(self.token_entities.get(i, ""))
                if local and local.type == "Union" and local.id not in self.kb.entities and local.aliases:
                    parent = next((e for e in self.kb.entities.values() if e.type == "Union" and local.name.startswith(e.name + " ")), None)
                    if parent:
                        return parent, local.aliases[0]
            words = [i for i in self.tree.subtree(place.i) if i < place.i and (self.tokens[i].text[:1].isupper() or self.tokens[i].text == "-")]
            if place.lemma == "district" and words and self.tokens[words[0]].text[:1].isupper():
                union = union or self._union_before(unit)
                return (union, " ".join(self.tokens[i].text for i in words).replace(" - ", "-")) if union else None
        return None

    def _union_before(self, unit: Token) -> Entity | None:
        """The union (one the knowledge base knows) named last before a token."""
        before = [self.entities.get(self.token_entities[i]) for i in sorted(self.token_entities) if i < unit.i]
        unions = [e for e in before if e and e.type == "Union" and e.id in self.kb.entities]
        return unions[-1] if unions else None

    def _same_unit(self, unit: Token) -> bool:
        """"vice-president of the same bargaining units": the bargaining unit named last."""
        named = [self.entities.get(self.token_entities[i]) for i in sorted(self.token_entities) if i < unit.i]
        earlier = [e for e in named if e and e.type == "Union" and normalise(e.name).endswith("bargaining " + unit.text.lower())]
        if earlier:
            self._give(earlier[-1], [unit.i - 1, unit.i], None)
        return bool(earlier)

    def _hyphen_in_name(self, j: int, run: list[int]) -> bool:
        """"the federation's Lambton-Kent unit": a hyphen between two capitalised words joins
        a two-place name (the tagger splits it in three), so the run of name words goes on
        past it."""
        return self.tokens[j].text == "-" and bool(run) and j > 0 and self.tokens[j - 1].text[:1].isupper() \
            and self.tokens[j - 1].sentence == self.tokens[j].sentence

    def _unit_for_board(self, unit: Token, union: Entity) -> bool:
        """'president of the ETFO local for the Trillium Lakelands District School Board': a
        union's unit said to be "for" (or "at") a board is named after the board's own words,
        as readers write it ("... Trillium Lakelands local")."""
        boards = [e for p in self.tree.children(unit.i, ("prep",)) if self.lowered[p.i] in ("for", "at")
                  for o in self.tree.children(p.i, ("pobj",)) if (e := self.entities.get(self._entity_near(o.i)))
                  and e.type == "SchoolBoard"]
        own = self._board_own_words(boards[0]) if boards else ""
        if not own:
            return False
        self._give(self._unit_entity(union, f"{own} {unit.text}"), [unit.i], None)
        return True

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
        while j >= 0 and (self.tokens[j].pos == "PROPN" and self.tokens[j].text[:1].isupper() or self._capitalised_name_word(j)) \
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


def own_unit(tree, entity_of: dict[int, str], entities: dict[str, Entity], organisation: str, title: int) -> str:
    """'president of ETFO's Greater Essex local', 'ETFO Greater Essex local president Jane
    Roe', 'the OECTA Peel secondary unit's president': a union a title names gives way to
    its own local (a union whose name is the union's and more) named in the title's own
    phrase (up to its first comma or clause): the person holds the local's office. Read
    once every name is resolved, as a local written "the Greater Essex local" is named late."""
    union = entities.get(organisation)
    if not union or union.type != "Union":
        return organisation
    units = set()
    for i in (i for i in tree.subtree(title) if i > title):
        if tree.tokens[i].text in (",", ";", "(", "--", "—") or tree.tokens[i].lemma in ("which", "who", "that"):
            break
        units.add(entity_of.get(i, organisation))
    units.update(entity_of.get(i, organisation) for i in tree.subtree(title) if i < title)
    units = {e for e in units if e != organisation and e in entities and entities[e].type == "Union"
             and entities[e].name.startswith(union.name + " ")}
    return units.pop() if len(units) == 1 else organisation
