"""Where a description ("the federation", "the board's chair", "the union") points when
no entity of its kind is the nearest before it, part of the entities stage: a body whose own
name holds the description's noun, the story's main body of its kind, or one named just after.
"""

from __future__ import annotations

from collections.abc import Callable

from .kb import normalise
from .model import Entity

__all__ = ["DescriptionTargets"]


class DescriptionTargets:
    """Fallback targets of descriptions, mixed into the references resolver (which has
    ``tokens``, ``token_entities``, ``entities`` and ``lexicon``)."""

    def _named_kind_before(self, i: int, phrase: str, types: tuple[str, ...]) -> str:
        """'... the deal CUPE signed. The federation's president said': "the federation" or
        "the association" is a word of the body's own name, so it points to the nearest earlier
        body of its types whose name holds that word, passing over closer bodies that lack it."""
        word = phrase.split()[-1]
        if word not in self.lexicon.name_words:
            return ""
        return self._last_before(i, lambda entity: entity.type in types and word in normalise(entity.name).split())

    def _named_with_word(self, i: int, phrase: str) -> str:
        """'the board's chair' in a story of the Ontario Labour Relations Board and no school
        board: a description no entity of its usual type answers names the last organisation
        whose own name holds its noun."""
        word = phrase.split()[-1]
        return self._last_before(i, lambda entity: entity.type not in ("Person", "Region", "Group") and word in entity.name.lower().split())

    def _last_before(self, i: int, fits: Callable[[Entity], bool]) -> str:
        """The entity of the nearest token before ``i`` whose entity ``fits``, else ""."""
        for j in range(i - 1, -1, -1):
            entity = self.entities.get(self.token_entities.get(j, ""))
            if entity and fits(entity):
                return entity.id
        return ""

    def _salient_before(self, i: int, types: tuple[str, ...]) -> str:
        """'... urged the union to cancel it', many sentences after the OSSTF was last named:
        a description with nothing fitting nearby is the story's main entity of its kind,
        the one named most often so far (none when two are named equally often)."""
        counts: dict[str, int] = {}
        for j in range(i):
            entity_id = self.token_entities.get(j)
            if entity_id and self.token_entities.get(j - 1) != entity_id and self.entities[entity_id].type in types:
                counts[entity_id] = counts.get(entity_id, 0) + 1
        ranked = sorted(counts.items(), key=lambda item: -item[1])
        if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
            return ""
        return ranked[0][0]

    def _first_after(self, i: int, types: tuple[str, ...], reach: int = 2) -> str:
        """'The union for about 55,000 school support staff reached a deal. The Canadian Union
        of Public Employees ...': a description no entity of its kind came before points
        ahead, to the first one named within ``reach`` sentences."""
        if any(self.entities[e].type in types for j, e in self.token_entities.items() if j < i):
            return ""
        sentence = self.tokens[i].sentence
        for j in range(i + 1, len(self.tokens)):
            if self.tokens[j].sentence > sentence + reach:
                break
            entity_id = self.token_entities.get(j)
            if entity_id and self.entities[entity_id].type in types:
                return entity_id
        return ""
