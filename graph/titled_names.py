"""People the tagger missed or took for organisations, found by the title written beside their
name (part of the entities stage).

"Shane Restall, president of District 8", "Its chair, Carol Corriveau-Truchon", "The
district's president, J.P. Desilets", "Board chair Doreen Dewar": the statistical tagger often
calls a name it has not seen an organisation, or leaves it out, most of all a name with a
hyphen or initials. A title stands beside a name in three places (after it, before it with a
comma, or right before it), and in each the capitalised words it stands beside name a person;
so does a "who" clause of leading ("Adelina Cecchin, who heads the local").
Without this the person has no title (no ``represents``) and "she said" in the next sentence
finds no one to point back to.
"""

from __future__ import annotations

import re

from .article_entities import ArticleEntities
from .kb import normalise
from .model import Mention

__all__ = ["TitledNameReader"]

#: One word of a person's name: "Carol", "Hélène", "McFadden", "Gellatly" (a hyphenated
#: name is split into words and hyphens by the tokenizer), or initials ("J.P.").
_NAME_WORD = re.compile(r"(?:[A-Z]\.){1,3}|[A-ZÀ-Ý][a-zà-ÿ]+(?:[A-ZÀ-Ý][a-zà-ÿ]+)?(?:[-'’][A-ZÀ-Ý]?[a-zà-ÿ]+)?")
#: The most words a title written right before a name has ("board chair", "vice-president").
_TITLE_WORDS = 3


def _written_as_title(word: str) -> bool:
    """A title word before a name is lower-case ("board chair") or an abbreviation written in
    capitals ("MPP"); a capitalised word there is more likely the name's own first word."""
    return word.islower() or (word.isupper() and len(word) > 1)


class TitledNameReader(ArticleEntities):
    """Makes persons of the capitalised names that a title stands beside."""

    def name_titled_people(self) -> None:
        """Each name beside a title, in any of the three places, becomes a person."""
        for token in self.tokens:
            if token.dep == "appos" and token.pos in ("NOUN", "PROPN") and self._is_title(token.i, token.i):
                self._make_person(self._bare_name(token.head))  # "Shane Restall, president of District 8"
            elif token.dep == "appos" and token.pos == "PROPN" and self._is_title(token.head, token.head):
                self._make_person(self._bare_name(token.i))  # "Its chair, Carol Corriveau-Truchon"
            elif token.pos == "PROPN" and token.dep != "compound" and self._title_right_before(token.i):
                self._make_person(self._bare_name(token.i))  # "Board chair Doreen Dewar"
            elif token.pos == "PROPN" and token.dep != "compound" and self._told_of_with_who(token.i):
                self._make_person(self._bare_name(token.i))  # "Adelina Cecchin, who heads the local"
        self.mentions.sort(key=lambda m: m.start)

    def _told_of_with_who(self, head: int) -> bool:
        """'Adelina Cecchin, who heads the Greater Essex local', 'Rosa Diaz, who has taught for
        20 years': a "who" clause is said of people (bodies take "which"); the name is taken
        for a person when the clause's verb is one of leading (a role's "verbs") or the name's
        first word is a known given name, so "the Parents Union, who ..." stays a body."""
        for clause in self.tree.children(head, ("relcl",)):
            if any(self.lowered[s.i] == "who" for s in self.tree.children(clause.i, ("nsubj",))):
                leading = any(clause.lemma in r.get("verbs", ()) for r in self.lexicon.roles.values())
                return leading or bool(self.lexicon.gender_of(self._text_of(self._name_words(head))))
        return False

    def _is_title(self, title: int, last: int) -> bool:
        """Whether the words of ``title``'s phrase up to ``last`` end in a role's title."""
        words = [i for i in self.tree.subtree(title) if i <= last and self.tokens[i].pos in ("NOUN", "PROPN", "ADJ")]
        return bool(words) and self.lexicon.role_of(" ".join(self.tokens[i].text for i in words)) is not None

    def _title_right_before(self, head: int) -> bool:
        """'Board chair Doreen Dewar': a lower-case title word hung on the name as a compound,
        right before its first word."""
        span = self._name_words(head)
        before = span[0] - 1 if span else -1
        return before >= 0 and self.tokens[before].head == head and self.tokens[before].dep == "compound" \
            and _written_as_title(self.tokens[before].text) and self._is_title(before, before)

    def _name_words(self, head: int) -> list[int]:
        """The tokens of the capitalised name ``head`` ends, hyphens of a hyphenated name
        included; a title word ("President") is no part of it."""
        span = [head]
        while span[0] > 0:
            before = self.tokens[span[0] - 1]
            joined = before.text == "-" and before.start + 1 == self.tokens[span[0]].start
            if before.head != head or not (before.dep == "compound" or joined) or self.lexicon.role_of(before.text) \
                    or before.text.casefold() in self.lexicon.ignore_names:
                break
            span.insert(0, before.i)
        return span

    def _bare_name(self, head: int) -> list[int]:
        """The tokens of a two- or three-word capitalised name headed by ``head`` that no
        known entity covers (an unknown organisation of exactly those words may), or []."""
        span = self._name_words(head)
        words = [i for i in span if self.tokens[i].text != "-"]
        if not 2 <= len(words) <= 3 or self.tokens[span[0]].text == "-" or not all(
                _NAME_WORD.fullmatch(self.tokens[i].text) and self.tokens[i].pos == "PROPN" for i in words):
            return []
        linked = {self.token_entities.get(i) for i in span}
        if linked == {None} or self._surname_a_place(span):
            return span
        entity = self.entities.get(linked.pop() or "") if len(linked) == 1 else None
        if entity is None or entity.id in self.kb.entities or entity.type == "Person" or normalise(entity.name) != normalise(self._text_of(span)):
            return []
        return span

    def _surname_a_place(self, span: list[int]) -> bool:
        """"Mike Hamilton, president of ...", "Lisa Windsor, who chairs ...": a surname that is
        also a town the knowledge base knows is linked to the town, but an unlinked given name
        before it and a title beside the whole name make it a person's."""
        linked = [self.token_entities.get(i) for i in span]
        places = {e for e in linked if e}
        return linked[0] is None and len(places) == 1 and linked[-1] in places \
            and getattr(self.entities.get(linked[-1]), "type", "") == "Region"

    def _text_of(self, span: list[int]) -> str:
        """The name as the article writes it: "J.P. Desilets", "Corriveau-Truchon" keep their
        spacing, which tokens joined by spaces would not."""
        first, last = self.tokens[span[0]], self.tokens[span[-1]]
        return self.parsed.article.text[first.start:last.start + len(last.text)]

    def _make_person(self, span: list[int]) -> None:
        """Link ``span`` to a person of its words, dropping the organisation the tagger guessed."""
        if not span:
            return
        for entity_id in {self.token_entities.pop(i, None) for i in span} - {None} - set(self.token_entities.values()):
            del self.entities[entity_id]
        self._name_person(span)

    def _name_person(self, span: list[int]) -> str:
        """Link ``span`` to the person it names and make it a mention (titles are read off
        mentions, so a name the tagger missed gets its title only as one); the person's id."""
        name = self._text_of(span)
        person = self._link_person(name, span)
        if not any(m.first_token == span[0] for m in self.mentions):
            self.mentions.append(Mention(self.tokens[span[0]].start, self.tokens[span[-1]].start + len(self.tokens[span[-1]].text),
                                         name, "PERSON", self.tokens[span[0]].sentence, span[0], span[-1]))
        return person
