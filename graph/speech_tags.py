"""Who "he said" is (part of the entities stage): the speaker of a speech tag's pronoun.

A pronoun that is the subject of a reporting verb ("..., he said") tags words someone
speaks. News prose keeps one speaker across such tags, while the people the speaker talks
about are named inside the reported words or as objects: "Hammond said Lecce has given his
negotiators no mandate. That is why talks stalled, he said" is Hammond speaking twice, not
Lecce. The nearest earlier person is therefore passed over when it was only spoken of, in
favour of the nearest one heard speaking or told of as a main subject.
"""

from __future__ import annotations

from .model import Token
from .syntax import REPORTING_LEMMAS

__all__ = ["SpeechTags"]


class SpeechTags:
    """Mixin for ``ReferenceResolver``: reads ``tokens``, ``tree``, ``token_entities``,
    ``entities`` and ``_fits_gender`` of the article's entity resolver."""

    def _tagged_speaker(self, token: Token, types: tuple[str, ...], reach: int, gender: str) -> str:
        """The person a speech tag's "he" or "she" stands for, or "" to resolve it as any
        pronoun (not a speech tag, or the nearest person is named in the narrator's own
        words: "For Pouti-Fletcher the return to talks was a hopeful sign. She said ...")."""
        if token.dep not in ("nsubj", "nsubjpass") or self.tokens[token.head].lemma not in REPORTING_LEMMAS or "Person" not in types:
            return ""
        for j in range(token.i - 1, -1, -1):
            if self.tokens[j].sentence < token.sentence - reach:
                break
            entity_id = self.token_entities.get(j)
            if not entity_id or self.entities[entity_id].type != "Person" or not self._fits_gender(entity_id, gender):
                continue
            if self._speaks_or_leads(j):
                return entity_id
            if self.tokens[j].sentence != token.sentence and not self._has_source(self.tokens[j].sentence):
                return ""
        return ""

    def _speaks_or_leads(self, i: int) -> bool:
        """Whether the name at token ``i`` is the subject of a reporting verb or of its
        sentence's main verb, or the source of an "according to"."""
        head = self.tree.name_head(i)
        governor = self.tokens[head.head]
        if head.dep == "pobj" and governor.lemma == "to" and self.tokens[governor.head].lemma == "accord":
            return True
        return head.dep in ("nsubj", "nsubjpass") and (governor.dep == "ROOT" or governor.lemma in REPORTING_LEMMAS)

    def _has_source(self, sentence: int) -> bool:
        """Whether a sentence is someone's words: a reporting verb or an "according to"."""
        words = self.tree.sentence_tokens(sentence)
        return any(t.lemma in REPORTING_LEMMAS and t.pos == "VERB" for t in words) or any(
            t.lemma == "accord" and any(c.lemma == "to" for c in self.tree.children(t.i, ("prep",))) for t in words)
