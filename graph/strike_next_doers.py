"""Doers named in the next sentence, part of the facts stage (mixed into ``StrikeAgents``).

'Teachers in French-language schools started a work-to-rule campaign this morning. Members
of AEFO have stopped ...': a strike whose doers are only a group or a pronoun can take its
union from the sentence after it. Kept apart from ``graph.strike_agents`` because it reads
a neighbouring sentence, not the trigger's own. The mixing class provides ``context``,
``rules``, ``triggers``, ``representing`` and ``_named_unions``.
"""

from __future__ import annotations

__all__ = ["NextSentenceDoers"]


class NextSentenceDoers:
    """The unions a following sentence names as a strike's doers (see the module)."""

    def named_next(self, sentence: int) -> list[str]:
        """'Teachers in French-language schools started a work-to-rule campaign this morning.
        Members of AEFO have stopped ...': a strike whose doers are named only in the next
        sentence of the paragraph belongs to the union that sentence is about."""
        context = self.context
        if sentence + 1 >= len(context.paragraphs):
            return []
        if context.paragraphs[sentence + 1] != context.paragraphs[sentence]:
            # "Teachers picketed on Tuesday. // The local walkout was part of a strike by
            # OECTA": across a paragraph break only a strike the next sentence names the doers of.
            return self._strike_by(sentence + 1) or self._undated_strikers(sentence + 1)
        return self._union_told_next(sentence)

    def _union_told_next(self, sentence: int) -> list[str]:
        """The unions that are the subjects of the sentence after ``sentence``."""
        context = self.context
        if sentence + 1 >= len(context.resolved.parsed.sentences):
            return []
        roots = [t for t in context.tree.sentence_tokens(sentence + 1) if t.dep == "ROOT"]
        subjects = [e for r in roots for s in context.tree.subjects(r.i) if (e := context.token_entity(s))]
        told = [e for e in dict.fromkeys(subjects) if context.type_of(e) == "Union"]
        # "... the teachers and other staff represented by the OSSTF": the union the next
        # sentence says represents the workers.
        start = context.evidence(sentence + 1).start
        told = told or list(dict.fromkeys(f.agent for f in self.representing if f.evidence.start == start))
        return told or self._strike_by(sentence + 1)

    def _undated_strikers(self, sentence: int) -> list[str]:
        """'... held a joint one-day strike today. // Across Ontario, members of ETFO, OSSTF
        and OECTA stayed off the job.': the unions a sentence names as doing a strike that
        has no day of its own are the doers of the strike told just before."""
        tree, context = self.context.tree, self.context
        told = [t for t in self.triggers if tree.tokens[t.token].sentence == sentence - 1]
        doers = [i for t in told for s in tree.subjects(t.token) for i in tree.subtree(s.i)]
        if not any(context.type_of(e) == "Group" for e in context.entities_in(doers)):
            return []  # only a strike told of a group ('the unions', 'teachers') looks ahead
        found = [u for t in self.triggers if tree.tokens[t.token].sentence == sentence
                 and not self.context.fact_date(t.token, "strikes-at")[1] for u in self._named_unions(t)]
        return list(dict.fromkeys(found))

    def _strike_by(self, sentence: int) -> list[str]:
        """'The local walkout was part of a one-day strike by OECTA': the unions a sentence
        names as the doers of a strike noun ('by' them)."""
        tree = self.context.tree
        found = [e for t in tree.sentence_tokens(sentence) if t.lemma in self.rules.strike_words
                 for by in tree.children(t.i, ("prep",)) if by.lemma == "by"
                 for o in tree.children(by.i, ("pobj",)) if (e := self.context.token_entity(o))]
        return [e for e in dict.fromkeys(found) if self.context.type_of(e) == "Union"]
