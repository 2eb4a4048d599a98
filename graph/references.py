"""Pronouns, descriptions ("the union") and titles used as names ("the minister"), part of
the entities stage: each points back to an entity already named in the article with a
fitting type or title, or, failing that, just ahead (a title to its holder: ``title_names``).
"""

from __future__ import annotations

from .description_targets import DescriptionTargets
from .kb import normalise
from .model import Token
from .pronoun_binding import PronounBinding
from .speech_tags import SpeechTags
from .syntax import REPORTING_LEMMAS
from .title_names import TitlesAsNames
from .union_descriptions import UnionDescriptions

__all__ = ["ReferenceResolver"]

#: Kinds whose description keeps pointing back with words between "the" and its noun.
_MODIFIABLE = frozenset({"Union", "SchoolBoard"})


class ReferenceResolver(SpeechTags, TitlesAsNames, DescriptionTargets, PronounBinding, UnionDescriptions):
    """Links reference tokens to entities in ``self.token_entities``."""

    def resolve_references(self, titles: bool) -> None:
        """Point pronouns and "the union"-style descriptions back (first pass), then
        "the minister"-style titles to the person last given that title (second pass)."""
        for token in self.tokens:
            if token.i in self.token_entities:
                continue
            if titles:
                for phrase, role in self.lexicon.title_phrases_ending(self.lowered[token.i]):
                    if self._phrase_ends_at(phrase, token.i):
                        self._link(token, self._titled_person(role, token.i) or self._titled_just_named(role, token.i))
                if token.i not in self.token_entities:
                    self._link(token, self._leader_of_body(token) or self._titled_by_owner(token))
                continue
            self._resolve_pronoun(token)
            if generic := self._bodies_generically(token):
                self._link(token, generic)
                continue
            if self._union_of_sector(token):
                continue
            for phrase, types in self.lexicon.descriptions_ending(self.lowered[token.i]):
                if self._phrase_ends_at(phrase, token.i) or self._modified_description(phrase, types, token):
                    if not types:
                        continue  # "the district": a union's part (``link_union_parts``) or nothing, for it is also a place
                    self._link(token, self._union_known_for(token) or self._owner_most_named(token, phrase, types)
                               or self._named_kind_before(token.i, phrase, types)
                               or self._nearest_before(token.i, types) or self._first_after(token.i, types)
                               or self._salient_before(token.i, types) or self._named_with_word(token.i, phrase))
        if titles:
            self._speaking_for_owners()
            self._persons_own_bodies()

    def _resolve_pronoun(self, token: Token) -> None:
        """Point a pronoun back to the reporter of its clause, the speaker its speech tag
        keeps, or the nearest fitting entity before it (for "it", "they", "its": in its own
        sentence, else the previous sentence's subject)."""
        lowered = self.lowered[token.i]
        same_sentence = lowered in self.lexicon.same_sentence_pronouns
        if lowered not in self.lexicon.pronouns or token.pos != "PRON" or (same_sentence and token.dep not in ("nsubj", "nsubjpass", "poss")) \
                or self._expletive(token):
            return
        reach = 0 if same_sentence else 3
        types = self.lexicon.pronouns[lowered]
        gender = self.lexicon.pronoun_genders.get(lowered, "")
        reporter = self._reporter(token, types)
        self._link(token, (reporter if self._fits_gender(reporter, gender) else "")
                   or self._tagged_speaker(token, types, reach, gender)
                   or self._nearest_before(token.i, types, reach, gender)
                   or (self._previous_subject(token, types) if same_sentence else ""))

    def resolve_pronouns_after_titles(self) -> None:
        """'"Enough is enough," the minister said. He urged the unions to call off the
        strikes': a "he" or "she" whose only person nearby is a title used as a name ("the
        minister", "the premier") finds no one in the first pass, which runs before titles
        are read; once titles and office holders name their people, each personal pronoun
        still unlinked is resolved again the same way."""
        for token in self.tokens:
            if token.i not in self.token_entities and self.lowered[token.i] in self.lexicon.pronoun_genders:
                self._resolve_pronoun(token)

    def _bodies_generically(self, token: Token) -> str:
        """'He called on the union leaders to end the strikes', 'union presidents met the
        minister': a plural of officers named by the kind of body alone ("union" before it),
        owned by no one and narrowed by no modifier, speaks of such bodies as a whole, the
        entity the plural of that kind names ("the unions"), not of the one last named.
        "its union leaders", "local union leaders", "OSSTF union leaders" stay descriptions, and
        so do they just after a union named on its own ("Lecce answered the federation, saying
        union leaders should negotiate": that federation's leaders)."""
        if token.tag != "NNS" or token.dep == "compound" or not self.lexicon.role_of(token.lemma) \
                or self._body_of_kind_before(token):
            return ""
        children = self.tree.children(token.i, ("det", "poss", "amod", "compound", "nmod", "nummod"))
        kinds = [c for c in children if c.dep == "compound" and c.pos == "NOUN" and c.tag == "NN" and c.i == token.i - 1]
        if len(kinds) != 1 or any(c.dep != "det" and c not in kinds for c in children) \
                or any(self.lowered[c.i] != "the" for c in children if c.dep == "det"):
            return ""
        body = self.kb.lookup(f"the {kinds[0].lemma}s")
        if not body:
            return ""
        self.entities.setdefault(body.id, body)
        return body.id

    def _body_of_kind_before(self, token: Token) -> bool:
        """Whether a union stands on its own (not as a word naming a person's or a thing's
        union: "ETFO president Sam Hammond", "union escalation") in ``token``'s sentence before
        the phrase ``token`` heads, or in the sentence before ("Lecce answered OSSTF. Union
        leaders had put their pay first, he said": that union's leaders)."""
        for j in range(min(self.tree.subtree(token.i)) - 1, -1, -1):
            if self.tokens[j].sentence < token.sentence - 1:
                return False
            if (e := self.token_entities.get(j)) in self.entities and self.entities[e].type == "Union" \
                    and self.tokens[j].dep != "compound":
                return True
        return False

    def _owner_most_named(self, token: Token, phrase: str, types: tuple[str, ...], reach: int = 3) -> str:
        """'OECTA held the vote. OECTA is not yet in a strike position, and talks with the
        trustees' association go on. "...," said Liz Stuart, the association's president': a
        description owning a title ("the association's president", "the board's director")
        names the body the last sentences are about (``_most_named_before``), not the one
        named last in passing (the other side of a table, a partner in a list)."""
        head = self.tokens[token.head]
        if token.dep != "poss" or head.i == token.i or not self.lexicon.role_of(head.text):
            return ""
        word = phrase.split()[-1]
        return self._most_named_before(token.i, lambda entity: entity.type in types and (
            word not in self.lexicon.name_words or word in normalise(entity.name).split()), reach)

    def _modified_description(self, phrase: str, types: tuple[str, ...], token: Token) -> bool:
        """'The province's largest teachers' union has taken the government to the labour
        board', 'their union warned': "the union" or "the board" with words between its
        determiner and its noun, or with a possessor for determiner, is still a description
        of that noun (not when a capitalised word names which one: "the Peel board" is a
        name). Only for unions and boards: "the hardest-hit group", "the governing party",
        "the employers' council" are seldom the last group, party or council named."""
        words = phrase.split()
        if not types or not set(types) <= _MODIFIABLE or len(words) != 2 or words[0] != "the" or token.pos != "NOUN" or token.dep == "compound" or self.lowered[token.i] != words[1]:
            return False
        children = self.tree.children(token.i, ("det", "poss", "amod", "compound", "nmod"))
        definite = any(c.dep == "poss" or self.lowered[c.i] == "the" for c in children)
        modified = any(c.dep != "det" for c in children)
        named = any(self.tokens[i].text[:1].isupper() for c in children if c.dep in ("amod", "compound", "nmod") for i in self.tree.subtree(c.i))
        return definite and modified and not named

    def _leader_of_body(self, token: Token) -> str:
        """'The head of Ontario's public high school teachers says ...', 'the head of the
        province's public high school teachers' union': a leader's title "of" a body (named,
        described, or a group whose union the knowledge base knows) stands for the one person
        the article gives a leader's title in that body, often only paragraphs later."""
        role = self.lexicon.role_of(token.text)
        if not role or role["role"] not in self.lexicon.leading_roles or token.pos != "NOUN" or token.dep == "compound" \
                or not any(c.dep in ("det", "poss") for c in self.tree.children(token.i, ("det", "poss"))):
            return ""
        bodies = [o for p in self.tree.children(token.i, ("prep",)) if self.lowered[p.i] == "of" for o in self.tree.children(p.i, ("pobj",))]
        for body in bodies:
            organisation = self._union_of_group(body.i) or self.token_entities.get(body.i, "")
            leaders = {who for who, held, org, _, _ in self.titles if org == organisation and held in self.lexicon.leading_roles}
            if organisation and len(leaders) == 1:
                return leaders.pop()
        return ""

    def link_union_parts(self) -> None:
        """Point "the district", "the local", "the unit" at the union's part of that kind
        named before (after the parts are named, see ``local_units``), over the whole union
        the first pass may have linked them to."""
        for token in self.tokens:
            linked = self.entities.get(self.token_entities.get(token.i, ""))
            if linked is not None and linked.type != "Union":
                continue
            for phrase, _ in self.lexicon.descriptions_ending(self.lowered[token.i]):
                if self._phrase_ends_at(phrase, token.i):
                    self._link(token, self._union_part_before(token.i, phrase))

    def _union_part_before(self, i: int, phrase: str) -> str:
        """'André Dumais, president of units in OSSTF District 1 ... The district's president,
        J.P. Desilets': "the district", "the local" or "the unit" is the part of a union of that
        kind named last in the article, not the whole union named since; a
        part is of that kind when the kind is the last such word of its name ("District 1
        bargaining units" is a unit, not the district)."""
        kind = phrase.split()[-1]
        if kind not in self.lexicon.local_units:
            return ""
        for j in range(i - 1, -1, -1):
            entity = self.entities.get(self.token_entities.get(j, ""))
            kinds = [w.rstrip("s") for w in normalise(entity.name).split() if w.rstrip("s") in self.lexicon.local_units] if entity else []
            if entity and entity.type == "Union" and kinds and kinds[-1] == kind:
                return entity.id
        return ""

    def _expletive(self, token: Token) -> bool:
        """'it is time for the premier to pay', 'it is clear that ...': an "it" before a form
        of "be" whose complement holds the clause really spoken of points back to no one
        ("it is ready to return" still does: that is no clause of its own)."""
        verb = self.tokens[token.head]
        if token.text.lower() != "it" or token.dep != "nsubj" or verb.lemma != "be":
            return False
        complements = self.tree.children(verb.i, ("attr", "acomp"))
        return any(c.lemma == "time" or self.tree.children(c.i, ("ccomp",)) for c in complements)

    def _persons_own_bodies(self) -> None:
        """'Harvey Bischof, president of OSSTF ... His union, which represents teachers': a
        description owned by a person ("his union", "her board") is the body of its kind
        the text gave that person a title with (after titles, so the titles are known)."""
        for token in self.tokens:
            if token.i in self.token_entities or token.pos != "NOUN":
                continue
            types = next((t for phrase, t in self.lexicon.descriptions_ending(self.lowered[token.i])
                          if phrase == f"the {self.lowered[token.i]}"), ())
            owners = [self.token_entities.get(c.i, "") for c in self.tree.children(token.i, ("poss",)) if c.pos == "PRON"]
            person = next((o for o in owners if o and self.entities[o].type == "Person"), "")
            held = [org for who, _, org, _, _ in self.titles if who == person and org in self.entities
                    and self.entities[org].type in types]
            if types and person and len(set(held)) == 1:
                self.token_entities[token.i] = held[0]

    def _speaking_for_owners(self) -> None:
        """'In a statement, Lecce's office said ...', 'a spokesperson for the union said':
        an office or a spokesperson who says or does something stands for whose it is (after
        titles, so "the minister's office" is the minister's)."""
        for token in self.tokens:
            if token.i in self.token_entities or self.lowered[token.i] not in self.lexicon.mouthpieces \
                    or token.dep not in ("nsubj", "nsubjpass"):
                continue
            owners = self.tree.children(token.i, ("poss",))
            owners += [o for p in self.tree.children(token.i, ("prep",)) if p.text.lower() in ("for", "of")
                       for o in self.tree.children(p.i, ("pobj",))]
            owner = next((e for o in owners if (e := self._entity_near(o.i))), "")
            if owner and self.entities[owner].type not in ("Region", "SchoolBoard", "Media"):
                self.token_entities[token.i] = owner

    def _reporter(self, token: Token, types: tuple[str, ...]) -> str:
        """'The parents' network, formed to resist the government's cuts, says it stands with
        teachers': the subject of reported words is whoever reports them, when it fits."""
        clause = self.tokens[token.head]
        if token.dep not in ("nsubj", "nsubjpass") or clause.dep != "ccomp":
            return ""
        verb = self.tokens[clause.head]
        if verb.lemma not in REPORTING_LEMMAS:
            return ""
        reporters = [e for s in self.tree.subjects(verb.i) if (e := self._entity_near(s.i))]
        return reporters[0] if reporters and self.entities[reporters[0]].type in types else ""

    def _previous_subject(self, token: Token, types: tuple[str, ...]) -> str:
        """'OECTA announced a strike. Its members walked off the job last Tuesday': an "it",
        "its" or "they" opening the subject of a sentence, with nothing before it in its own
        sentence, is whom the previous sentence was about (its main subject)."""
        subject = token if token.dep in ("nsubj", "nsubjpass") else self.tokens[token.head]
        if subject.dep not in ("nsubj", "nsubjpass") or self.tokens[subject.head].dep != "ROOT" or token.sentence == 0:
            return ""
        roots = [t for t in self.tree.sentence_tokens(token.sentence - 1) if t.dep == "ROOT"]
        for root in roots:
            for candidate in self.tree.subjects(root.i):
                entity_id = self._entity_near(candidate.i)
                if entity_id and self.entities[entity_id].type in types:
                    return entity_id
        return ""
