"""Titles the text gives people, part of the entities stage: "OSSTF President Harvey Bischof",
"Harvey Bischof, the union's president", "Marit Stiles, the NDP's education critic",
"Harvey Bischof, who leads OSSTF", "the association, which Liz Stuart leads". Each is kept
with the organisation it names, and the facts stage turns it into ``represents``.
"""

from __future__ import annotations

import re

from .article_entities import ArticleEntities
from .kb import normalise
from .lexicon import slugify
from .model import Entity, Mention, Token

__all__ = ["TitleReader"]

_PLACE = r"[A-Z][\w.'’]*(?:(?:-|\s)[A-Z][\w.'’]*){0,3}"
#: "Huron-Bruce MPP Lisa Thompson", "Simcoe North's MPP, Jill Dunlop" (the words before the
#: title, read off the text: the tagger cuts hyphenated ridings apart) and "Stephen Lecce, the MPP for King-Vaughan".
#: Courtesy titles between a title and a name ("chief coroner Dr. Dirk Huyer").
_HONORIFICS = frozenset({"dr.", "dr", "mr.", "ms.", "mrs.", "prof."})
_RIDING_BEFORE = re.compile(rf"({_PLACE})\s+MPP,?\s+$")
_RIDING_AFTER = re.compile(rf"^,\s+(?:the\s+)?(?:[\w'’.-]+\s+){{0,5}}?MPP\s+for\s+({_PLACE})")
#: The riding as the person's own, with no title: "Lecce's own riding of King-Vaughan",
#: "Fedeli, whose Nipissing riding lies inside the board", "Lecce, who represents the York
#: Region riding of King-Vaughan", and "Jill Dunlop, who represents Simcoe North at Queen's
#: Park" (a bare place ending the clause: a place followed by a noun, "who represents
#: Toronto trustees", is no riding; a union's or board's name is turned away as a party's is).
_RIDING_OWNED = re.compile(rf"^(?:['’]s\s+(?:own\s+|home\s+)?riding\s+of\s+({_PLACE})|,\s+whose\s+(?:own\s+|home\s+)?({_PLACE})\s+riding\b"
                           rf"|,\s+who\s+represents\s+(?:the\s+)?(?:[\w'’.-]+\s+){{0,3}}?riding\s+of\s+({_PLACE})"
                           rf"|,\s+who\s+(?:represents|sits\s+for)\s+({_PLACE})(?=\s*[,.;)]|\s+(?:at|in)\s+(?:Queen|the\s+[Ll]egislature)))")


class TitleReader(ArticleEntities):
    """Reads the titles stated next to names into ``self.titles``."""

    def attach_titles(self) -> None:
        """Record the titles the text gives people, each with the organisation it names:
        'OSSTF President Harvey Bischof', 'Harvey Bischof, the union's president', 'Marit
        Stiles, the NDP's education critic', 'Harvey Bischof, who leads OSSTF', 'the
        association, which Liz Stuart leads'."""
        for mention in self.mentions:
            person = self.entities.get(self.token_entities.get(mention.first_token, ""))
            if person and person.type == "Person":
                head = self._head_of(mention)
                for found in (self._title_before(mention, head) or self._title_in_words(mention) or self._office_before(mention),
                              *self._titles_after(head)):
                    if found:
                        self._record_title(person, *found)
                        self._party_of_title(person, found)
                self._riding(mention, person)
            elif person:
                self._leader_clause(self._head_of(mention), person)

    def _party_of_title(self, person: Entity, found: tuple) -> None:
        """'Ross Romano, the Progressive Conservative minister of training': a party named in
        a title held for someone else (the government) makes the person one of its members."""
        role, organisation, token = found[0], found[1], found[2]
        party = next((e for c in self.tree.children(token, ("compound", "amod")) if (e := self.token_entities.get(c.i))
                      and self.entities[e].type == "PoliticalParty"), "")
        member = self.lexicon.roles.get("party-member")
        if party and member and party != organisation and role is not member:
            self._record_title(person, member, party, token, "represents/party-in-title")

    def _riding(self, mention: Mention, person: Entity) -> None:
        """'Huron-Bruce MPP Lisa Thompson', 'Stephen Lecce, the MPP for King-Vaughan': an MPP
        represents the riding named with the title (a party's name there is no riding)."""
        text = self.parsed.article.text
        after = text[mention.end:mention.end + 80]
        start = self.tokens[self._name_start(mention.first_token, person.id)].start
        found = _RIDING_BEFORE.search(text[max(0, start - 60):start]) or _RIDING_AFTER.search(after) \
            or _RIDING_OWNED.search(after)
        if not found:
            return
        name = re.split(r"(?<=\w{4})\.\s+", next(g for g in found.groups() if g))[-1]  # "Ste. Marie" stays; "Bischof. NDP" ends a sentence
        name = re.sub(r"^(?:The|In|At|Of|For)\s+", "", name)
        name = re.sub(r"['’]s$", "", name)  # "Simcoe North's MPP, Jill Dunlop"
        name = re.sub(r"(?<=\w{4})\.$", "", name)  # "the MPP for Barrie-Springwater-Oro-Medonte." ends the sentence
        words = name.split()
        if any((e := self.kb.lookup(" ".join(words[k:]))) and e.type != "Region" for k in range(len(words))):
            return  # "Progressive Conservative MPP": a party, not a riding
        riding = self.kb.lookup(name) or Entity(slugify(name), "Region", name)
        self.entities.setdefault(riding.id, riding)
        self._record_title(person, self.lexicon.roles["mpp"], riding.id, mention.first_token, "represents/riding")

    def _name_start(self, first: int, person: str) -> int:
        """The first word of a person's name as the article links it: the tagger may leave a
        given name out of the mention ("Nickel Belt MPP France Gélinas" tagged "Gélinas")."""
        while first > 0 and self.token_entities.get(first - 1) == person and self.tokens[first - 1].sentence == self.tokens[first].sentence:
            first -= 1
        return first

    def _head_of(self, mention: Mention) -> int:
        span = range(mention.first_token, mention.last_token + 1)
        heads = [i for i in span if self.tokens[i].head not in span or self.tokens[i].head == i]
        return heads[0] if heads else mention.last_token

    def _title_before(self, mention: Mention, head: int) -> tuple | None:
        """'ETFO president Sam Hammond', 'former education minister Lisa Thompson'."""
        words = [i for i in self.tree.subtree(head) if i < mention.first_token]
        words = [i for i in words if self.tokens[i].pos in ("NOUN", "PROPN", "ADJ") or i in self.token_entities
                 or self._inner_of(i, mention.first_token)]
        if not words or words[-1] != mention.first_token - 1:
            return self._possessor(head)
        role = self.lexicon.role_of(" ".join(self.tokens[i].text for i in words if i not in self.token_entities))
        whole = self.lexicon.role_of(" ".join(self.tokens[i].text for i in words))
        if whole and whole is not role and whole.get("default_organisation"):
            role = whole  # "Treasury Board President X": a cabinet post whose name holds a body's name
        if not role:
            return self._possessor(head)
        organisations = [self.token_entities[i] for i in words if i in self.token_entities]
        return role, self._fitting(role, organisations), words[-1], "represents/title-before-name"

    def _inner_of(self, i: int, name_start: int) -> bool:
        """'Director of education Rose Burton Spohn': an "of" inside a title written right
        before a name is part of the title's words (between two of them, the name after)."""
        return self.lowered[i] == "of" and 0 < i < name_start - 1 and self.tokens[i - 1].pos in ("NOUN", "PROPN") \
            and self.tokens[i + 1].pos in ("NOUN", "PROPN")

    def _title_in_words(self, mention: Mention) -> tuple | None:
        """'joined by chief medical officer of health Dr. David Williams': a title that names
        its own body (the province's officials) read off the words right before the name
        ("Dr." passed over), for the parser often hangs such a name on the title's neighbour."""
        i = mention.first_token - 1
        while i >= 0 and self.lowered[i] in _HONORIFICS:
            i -= 1
        run = []
        while i >= 0 and len(run) < 6 and i not in self.token_entities and self.tokens[i].sentence == self.tokens[mention.first_token].sentence \
                and self.tokens[i].pos in ("NOUN", "PROPN", "ADJ", "ADP") and self.tokens[i].text[:1].isalpha():
            run.insert(0, i)
            i -= 1
        for start in range(len(run)):
            role = self.lexicon.role_of(" ".join(self.tokens[k].text for k in run[start:]))
            if role and (role.get("default_organisation") or role.get("preferred_type")) and self.tokens[run[start]].pos != "ADP":
                return role, "", run[-1], "represents/title-words-before-name"
        return None

    def _office_before(self, mention: Mention) -> tuple | None:
        """'Financial Accountability Officer Peter Weltman': the capitalised words right
        before a name that make an office-holder's title (see ``_office_holder``)."""
        i, run = mention.first_token - 1, []
        while i >= 0 and len(run) < 6 and self.tokens[i].sentence == self.tokens[mention.first_token].sentence \
                and self.tokens[i].pos in ("NOUN", "PROPN", "ADJ") and self.tokens[i].text[:1].isupper():
            run.insert(0, i)
            i -= 1
        return self._office_holder(run)

    def _office_holder(self, words: list[int]) -> tuple | None:
        """'Financial Accountability Officer Peter Weltman', 'Peter Weltman, the financial
        accountability officer': a title that is an office's name with its last noun turned
        into its holder's ("Office" -> "Officer", "Commission" -> "Commissioner") makes the
        person speak for that office, when the article or the knowledge base knows it by
        that name. Such officers of the legislature have no title of their own in the roles
        file, and a new one appears with each watchdog the coverage quotes."""
        role = self.lexicon.roles.get("office-holder")
        office_noun = role and len(words) > 1 and role.get("office_nouns", {}).get(self.lowered[words[-1]])
        if not office_noun:
            return None
        wanted = normalise(" ".join(self.tokens[i].text for i in words[:-1]) + " " + office_noun)
        office = self.kb.lookup(wanted) or next((e for e in self.entities.values() if normalise(e.name) == wanted
                                                 or wanted in map(normalise, e.aliases)), None)
        if office is None or office.type not in role["organisation_types"]:
            return None
        return role, office.id, words[-1], "represents/office-holder"

    def _possessor(self, head: int) -> tuple | None:
        """"OECTA's Liz Stuart", "the NDP's Marit Stiles", "Sam Hammond of ETFO": an
        organisation's person speaks for it (its name in an "of" phrase of the person's name
        as well as before it, for the kinds of body one is a member of: "Jane Roe of the
        board" may be any of its staff, ``of_organisation_types`` in roles.jsonl)."""
        role = self.lexicon.roles.get("possessive")
        of_types = role.get("of_organisation_types", ()) if role else ()
        owners = [o for c in self.tree.children(head, ("poss",)) if (o := self._entity_near(c.i))]
        owners += [o for p in self.tree.children(head, ("prep",)) if self.lowered[p.i] == "of" for c in self.tree.children(p.i, ("pobj",))
                   if (o := self._entity_near(c.i)) and (self.entities.get(o) or self.kb.get(o)).type in of_types]
        owner = self._fitting(role, owners) if role else ""
        return (role, owner, head, "represents/possessive-name") if owner else None

    def _titles_after(self, head: int) -> list[tuple | None]:
        """Appositions ('X, the union's president', 'X, president of Y'), 'X, who leads Y' and
        'X, who is (or was) the union's president'."""
        titles = self.tree.children(head, ("appos",))
        if self.tokens[head].dep == "appos":  # "Its president, Liz Stuart": the title heads the name
            titles.append(self.tokens[self.tokens[head].head])
            titles += self._sibling_apposition(head)
        found = [self._apposition_title(title) or self._party_apposition(title) for title in titles]
        for clause in self.tree.children(head, ("relcl",)):
            if clause.lemma == "be":  # "Lisa Thompson, who was education minister until the shuffle"
                found += [self._apposition_title(a) for a in self.tree.children(clause.i, ("attr",))]
            role = self._leading_role(clause.lemma)
            if role:
                organisations = [e for o in self.tree.children(clause.i, ("dobj",)) if (e := self._entity_near(o.i))]
                found.append((role, self._fitting(role, organisations), clause.i, "represents/who-leads") if organisations else None)
        return found

    def _sibling_apposition(self, head: int) -> list[Token]:
        """'Outside the school, Mike Matthews, the union's strike captain, said': the parser
        may hang the name and its title side by side off a third word; a title that opens
        right after the name's comma is still the name's."""
        after = max(self.tree.subtree(head)) + 1
        if after >= len(self.tokens) or self.tokens[after].text != ",":
            return []
        return [t for t in self.tree.children(self.tokens[head].head, ("appos",))
                if t.i > head and min(self.tree.subtree(t.i)) == after + 1]

    def _apposition_title(self, title: Token) -> tuple | None:
        """The role a title noun in apposition names, with the organisation it is of."""
        title_words = [i for i in self.tree.subtree(title.i) if i <= title.i and i not in self.token_entities and self.tokens[i].pos in ("NOUN", "PROPN", "ADJ")]
        role = self.lexicon.role_of(" ".join(self.tokens[i].text for i in title_words))
        inner = [] if role else self._title_of_phrase(title, title_words)
        if inner:
            role = self.lexicon.role_of(" ".join(self.tokens[i].text for i in title_words + inner))
        if not role:
            return self._office_holder(title_words)
        owners = self.tree.children(title.i, ("poss", "compound"))
        owners += [o for p in self.tree.children(title.i, ("prep",)) if p.text.lower() in ("of", "for", "at", "with")
                   for o in self.tree.children(p.i, ("pobj",)) if o.i not in inner]
        organisations = [e for o in owners if (e := self._entity_near(o.i))]
        return role, self._fitting(role, organisations), title.i, "represents/apposition-title"

    def _title_of_phrase(self, title: Token, title_words: list[int]) -> list[int]:
        """'Jane Roe, the board's manager of communications': a title whose own words go on in
        an "of" phrase naming no body ("of communications", "of education") reads that
        phrase as part of the title: its tokens when the whole is a known title, else []."""
        for of in (p for p in self.tree.children(title.i, ("prep",)) if p.text.lower() == "of"):
            for noun in self.tree.children(of.i, ("pobj",)):
                words = [i for i in self.tree.subtree(noun.i) if i <= noun.i and i not in self.token_entities
                         and self.tokens[i].pos in ("NOUN", "PROPN", "ADJ")]
                if noun.i in words and self.lexicon.role_of(" ".join(self.tokens[i].text for i in title_words + [of.i] + words)):
                    return [of.i] + words
        return []

    def _party_apposition(self, title: Token) -> tuple | None:
        """'Dave Smith, a Progressive Conservative': a person set beside a party's name is one
        of its members (and speaks for it)."""
        role = self.lexicon.roles.get("party-member")
        party = self.token_entities.get(title.i, "")
        if role and party and title.dep == "appos" and self.entities[party].type == "PoliticalParty":
            return role, party, title.i, "represents/party-apposition"
        return None

    def _leader_clause(self, head: int, organisation: Entity) -> None:
        """'The association, which Liz Stuart leads': the person in the clause leads it."""
        for clause in self.tree.children(head, ("relcl",)):
            role = self._leading_role(clause.lemma)
            for subject in self.tree.children(clause.i, ("nsubj",)) if role else ():
                person = self.entities.get(self._entity_near(subject.i))
                if person and person.type == "Person":
                    self._record_title(person, role, organisation.id, clause.i, "represents/which-person-leads")

    def _leading_role(self, lemma: str) -> dict | None:
        return next((r for r in self.lexicon.roles.values() if lemma in r.get("verbs", ())), None)

    def _is_former(self, token: int) -> bool:
        """'former education minister', 'the former premier': a title held no longer."""
        near = [self.tokens[i] for i in range(max(0, token - 3), token + 1)]
        return any(t.text.lower() in ("former", "ex", "ex-", "past", "then") for t in near)

    def _record_title(self, person: Entity, role: dict, organisation: str, token: int, rule: str) -> None:
        """Keep a title; with no organisation named, 'president Sally Meseret' belongs to the
        fitting organisation the two sentences before are about (``_most_named_before``: 'OECTA
        said it reached a deal with OCSTA. President Liz Stuart ...'), else the one named just
        before (two sentences at most), else the role's
        default ('Premier' -> the government). A role with a preferred kind ('chair Greg
        Anderson' is a board's) takes the nearest of that kind first, a little further back,
        over a nearer body of another kind (the one the sentences before name most, when one
        does; else the only one the article has named)."""
        if self._place_taken_for_body(organisation, role):
            organisation, role = "", {**role, "preferred_type": "", "organisation_types": ()}  # the body is not known
        if not organisation and role.get("preferred_type"):
            kind = role["preferred_type"]
            organisation = self._most_named_before(token, lambda e: e.type == kind, 2) or self._nearest_before(token, (kind,), reach=4) \
                or self._only_named_before(token, kind)
        if not organisation and not role.get("default_organisation"):
            kinds = tuple(role.get("organisation_types", ()))
            organisation = self._most_named_before(token, lambda e: e.type in kinds, 2) or self._nearest_before(token, kinds, reach=2)
        organisation = "" if self._place_taken_for_body(organisation, role) else organisation
        organisation = organisation or role.get("default_organisation", "")
        if organisation and organisation in self.kb.entities:
            self.entities.setdefault(organisation, self.kb.get(organisation))
        if self._is_former(token):
            rule += "/former"
        self.titles.append((person.id, role["role"], organisation, token, rule))

    def _place_taken_for_body(self, organisation: str, role: dict) -> bool:
        """'Sharon Ciebin, president of the occasional teachers' local' after "the Upper
        Canada, Limestone and Near North boards"; 'district president Scott Marshall' after
        "the union's Victoria Avenue office"; 'chair of the Brant Haldimand Norfolk board':
        the tagger calls a board's area, a street or a town an organisation, and a title
        reaching back for its body must not take it. An organisation the knowledge base does
        not know, whose name has no word of a body (``data/rules/bodies.json``), is such a
        place: no title is held in it, unless the role is held for a place ("Nickel Belt MPP
        France Gélinas": ``held_for_places`` in ``data/rules/roles.jsonl``)."""
        entity = self.entities.get(organisation)
        if not entity or entity.type != "Organisation" or organisation in self.kb.entities or role.get("held_for_places"):
            return False
        words = set(re.findall(r"[\w'’-]+", normalise(entity.name)))
        return not words & self.lexicon.organisation_words
