"""Who strikes, part of the facts stage: a strike trigger -> the unions (or groups) doing it.

A strike's doers are named in many ways: the union ("OSSTF will strike"), a union officer
who announces it ("Bischof announced that ..."), or a group of workers ("Teachers and
education workers will be participating in information pickets"). A group stands for the
union the same article says it belongs to ("teachers ... represented by the OSSTF", or a
strike of the group announced by that union's officer); a group no union is named for
("coinciding with one by elementary teachers", "Thousands of Ontario students walked out")
strikes as itself. Groups joined by the strikers ("join their elementary school
counterparts") strike too.
"""

from __future__ import annotations

from collections.abc import Sequence

from .model import Fact
from .rules import Rules, Trigger
from .sector_unions import sector_named, sector_owner
from .strike_next_doers import NextSentenceDoers
from .strike_scope import SPREADING_PREPOSITIONS
from .strike_unions import counted_members, parent_union, union_named_for

__all__ = ["StrikeAgents"]

#: Object dependencies under a "join"/"coincide" word that name the companions of a strike.
_COMPANION_DEPS = ("dobj", "prep", "pobj")
#: "Ontario high school teachers", "teachers across the province".
_PROVINCE = frozenset({"ontario", "province", "Ontario"})
#: How many sentences back the union of bare 'members' may be named.
_MEMBERS_REACH = 3


class StrikeAgents(NextSentenceDoers):
    """The doers of each strike trigger of one article, with the article's group -> union map."""

    def __init__(self, context, rules: Rules, triggers: Sequence[Trigger], facts: Sequence[Fact] = ()):
        self.context, self.rules = context, rules
        self.triggers = triggers
        self._named: dict[int, list[str]] = {}
        self.group_unions = self._group_unions(triggers, facts)
        self.representing = [f for f in facts if f.relation == "represents" and context.type_of(f.agent) == "Union"]
        #: The unions the article names as doers of a strike.
        self.strikers = frozenset(u for t in triggers for u in self._named_unions(t))

    def unions(self, trigger: Trigger) -> list[str]:
        """Unions that strike: the trigger's subjects, unions named in its sentence, the union
        of a union officer who announces it ("Bischof announced that ..."), else the unions of
        the groups that are its subjects ("Teachers ... will be participating in pickets")."""
        named = self._named_unions(trigger)
        if named:
            return named
        grouped = list(dict.fromkeys(self.group_unions[g] for g in self.subject_groups(trigger) if g in self.group_unions))
        return grouped or self.sector_doers(trigger)

    def sector_doers(self, trigger: Trigger) -> list[str]:
        """'Public elementary teachers begin rotating strikes on Monday', 'high school
        teachers walked out': a group of teachers named by the one sector a federation
        speaks for (``sector_groups.json``) strikes as that federation, even when the
        article named another union paragraphs before and no union for the group. Words
        naming two sectors ("Catholic elementary teachers") name none."""
        tree, context, sectors = self.context.tree, self.context, dict(self.rules.sector_groups)
        owners = {group: federation for federation, group in sectors.items()}
        if tree.tokens[trigger.token].dep == "compound":
            return []  # 'casting strike ballots', 'strike days': the word only modifies another
        found = []
        for word in self.doer_words(trigger.token):
            entity = context.token_entity(word)
            # only the sector's own teachers: 'elementary students' or 'parents' strike for no one
            if entity in owners and entity not in self.group_unions:
                found += [sector_named(tree, word, sectors) or owners[entity]]
        return list(dict.fromkeys(found))

    def _described(self, token, union: str) -> str:
        """'The high school teachers' federation already struck ...': a union told by a
        description whose sector words name another federation (the text's last union was
        the Catholic one) is that federation (``sector_unions.sector_owner``)."""
        if self.context.type_of(union) != "Union" or not token.text.islower():
            return union
        return sector_owner(self.context.tree, token, union, [], dict(self.rules.sector_groups))

    def doer_words(self, token: int) -> list:
        """The subjects of a strike word. 'Teachers will stage their second strike next
        Tuesday': a possessive pronoun on a strike noun that is a verb's object names no one
        by itself; the verb's subject is who strikes."""
        tree = self.context.tree
        found = [counted_members(tree, t) for t in tree.subjects(token)]
        word = tree.tokens[token]
        if found and word.dep == "dobj" and all(t.pos == "PRON" and t.dep == "poss" for t in found):
            return tree.subjects(word.head) or found
        return found

    def subject_groups(self, trigger: Trigger) -> list[str]:
        """Groups of workers that are the trigger's subjects ("Ontario high school teachers
        ... they will start a work-to-rule campaign")."""
        subjects = [self.context.token_entity(t) for t in self.doer_words(trigger.token)]
        return [s for s in dict.fromkeys(subjects) if self._is_striking_group(s)]

    def as_doers(self, groups: list[str]) -> list[str]:
        """Each group as the union the article gives it, else as itself."""
        return list(dict.fromkeys(self.group_unions.get(g, g) for g in groups))

    def group_doers(self, trigger: Trigger) -> list[str]:
        """The doers of a strike whose subject is a group no union is given for in the
        article: the one union the next sentence is about ("Catholic teachers across Ontario
        were back on the picket lines today. Members of the OECTA closed ..."), else the one
        union the article tells of striking, else the group itself ("Thousands of Ontario
        students walked out of class")."""
        groups = self.subject_groups(trigger)
        if not groups or any(g in self.group_unions for g in groups):
            return self.as_doers(groups)
        told_next = self._union_told_next(self.context.tree.tokens[trigger.token].sentence)
        if len(told_next) == 1:
            return told_next
        return list(self.strikers) if len(self.strikers) == 1 else groups

    def members_doers(self, trigger: Trigger) -> list[str]:
        """'The union had never struck ... Its president has promised one strike a week.
        Members have been working to rule since Jan. 16': a strike whose subject is the bare
        word 'members' (no 'of' phrase, no owner) is by the one union the sentences just
        before name."""
        tree, context = self.context.tree, self.context
        bare = [t for t in tree.subjects(trigger.token) if t.lemma == "member" and t.i not in context.entity_of
                and not tree.children(t.i, ("poss", "prep", "compound"))]
        if not bare:
            return []
        sentence = tree.tokens[trigger.token].sentence
        for before in range(sentence - 1, max(-1, sentence - _MEMBERS_REACH - 1), -1):
            words = [t.i for t in tree.sentence_tokens(before)]
            unions = [u for u in dict.fromkeys(context.entities_in(words)) if context.type_of(u) == "Union"]
            if unions:
                return unions if len(unions) == 1 else []
        return []

    def definite_doers(self, trigger: Trigger) -> list[str]:
        """'ETFO's campaign continues this week. The rotating strikes will reach the Peel
        board on Thursday': a strike noun told with 'the' and no owner points back to the one
        union the sentence just before (in its paragraph) names."""
        tree, context = self.context.tree, self.context
        word = tree.tokens[trigger.token]
        if word.pos != "NOUN" or not any(c.lemma == "the" for c in tree.children(word.i, ("det",))) or tree.children(word.i, ("poss",)):
            return []
        before = word.sentence - 1
        if before < 0 or context.paragraphs[before] != context.paragraphs[word.sentence]:
            return []
        unions = [u for u in dict.fromkeys(context.entities_in([t.i for t in tree.sentence_tokens(before)])) if context.type_of(u) == "Union"]
        return unions if len(unions) == 1 else []

    def companions(self, trigger: Trigger) -> list[str]:
        """Unions and groups the strikers join or act with ("join their elementary school
        counterparts in starting a job action", "coinciding with one by elementary teachers"):
        they strike too."""
        tree = self.context.tree
        token = tree.tokens[trigger.token]
        clause = tree.clause_verb(trigger.token).i
        above = {a.i for a in tree.ancestors(trigger.token)}
        found = []
        for word in tree.sentence_tokens(token.sentence):
            if word.lemma not in self.rules.companion_lemmas or not (word.i in above or word.head == clause):
                continue
            for child in tree.children(word.i, _COMPANION_DEPS):
                words = [i for i in tree.subtree(child.i) if i != trigger.token and i not in above]
                found += [e for e in self.context.entities_in(words) if self.context.type_of(e) == "Union" or self._is_striking_group(e)]
        return self.as_doers(found)

    def province_wide_doers(self, trigger: Trigger) -> bool:
        """'Ontario high school teachers announced they will start a work-to-rule campaign',
        'Catholic teachers across Ontario': a group named as the whole province's strikes
        across it."""
        tree = self.context.tree
        groups = set(self.subject_groups(trigger))
        for token in tree.sentence_tokens(tree.tokens[trigger.token].sentence):
            if self.context.entity_of.get(token.i) not in groups:
                continue
            for child in tree.children(token.i):
                if child.lemma in _PROVINCE and child.dep in ("nmod", "compound", "poss", "amod", "npadvmod"):
                    return True
                if child.dep == "prep" and child.lemma in SPREADING_PREPOSITIONS and any(o.lemma in _PROVINCE for o in tree.children(child.i, ("pobj",))):
                    return True
        return False

    def _named_unions(self, trigger: Trigger) -> list[str]:
        """The unions named as the doers of a strike word, read once per word (each is asked
        three times: for the group map, the strikers and its own unions)."""
        if trigger.token not in self._named:
            self._named[trigger.token] = self._find_named_unions(trigger)
        return list(self._named[trigger.token])

    def _find_named_unions(self, trigger: Trigger) -> list[str]:
        context, tree = self.context, self.context.tree
        sentence = tree.tokens[trigger.token].sentence
        described = self._relative_doers(trigger)
        if described:
            return described
        candidates = [self._described(t, e) for t in self.doer_words(trigger.token) if (e := context.token_entity(t))]
        candidates += [self._described(t, context.entity_of[t.i]) for t in tree.sentence_tokens(sentence)
                       if context.type_of(context.entity_of.get(t.i, "")) == "Union" and not tree.is_negated(t.i)]
        candidates += [context.title_orgs.get(s, "") for s in context.speakers.get(sentence, [])]
        candidates += [context.title_orgs.get(e, "") for e in candidates]
        others = self._doers_of_other_strikes(trigger) | self._doers_of_other_clauses(trigger)
        unions = [c for c in dict.fromkeys(candidates) if c and context.type_of(c) == "Union" and c not in others]
        return list(dict.fromkeys(parent_union(self.context, u) for u in unions))

    def _relative_doers(self, trigger: Trigger) -> list[str]:
        """'... their teachers belong to ETFO, which began a work-to-rule campaign on Nov. 26':
        a strike whose subject is 'which' or 'who' is by the union(s) the relative clause
        describes, not by every union its sentence names."""
        tree, context = self.context.tree, self.context
        found = []
        for word in self.doer_words(trigger.token):
            noun = tree.relative_antecedent(word)
            if noun.i != word.i:
                found += [e for t in tree.with_conjuncts(noun) if (e := context.token_entity(t))]
        unions = [e for e in dict.fromkeys(found) if context.type_of(e) == "Union"]
        return list(dict.fromkeys(parent_union(context, u) for u in unions))

    def names_own_union(self, trigger: Trigger) -> bool:
        """Does the strike word name its union itself, as its subject or in its own phrase
        ('OECTA held a walkout', 'the rotating strikes of ETFO'), rather than only somewhere
        else in the sentence ('The rotating strikes continue Thursday ..., and next Monday
        the union will strike ...')?"""
        context, tree = self.context, self.context.tree
        words = [i for s in self.doer_words(trigger.token) for i in tree.subtree(s.i)]
        if tree.tokens[trigger.token].pos not in ("VERB", "AUX"):
            words += tree.subtree(trigger.token)
        return any(context.type_of(e) == "Union" for e in context.entities_in(words)) or bool(self.sector_doers(trigger))

    def named_by_description(self, trigger: Trigger) -> bool:
        """Is the strike's union named only by a description as its subject ('the union
        will strike', 'the federation walked out'), not by its name?"""
        subjects = [t for t in self.context.tree.subjects(trigger.token)
                    if self.context.type_of(self.context.token_entity(t)) == "Union"]
        return bool(subjects) and all(t.pos != "PROPN" and t.text.islower() for t in subjects)

    def _doers_of_other_strikes(self, trigger: Trigger) -> set[str]:
        """'OECTA holds a walkout on Tuesday, and on Thursday all ETFO members will strike': in
        a sentence that tells of several strikes, each with its own union as subject, a union
        that is the subject of another strike is that strike's doer, not this one's."""
        tree = self.context.tree
        own = self._subject_entities(trigger.token)
        if not any(self.context.type_of(e) == "Union" for e in own):
            return set()
        sentence = tree.tokens[trigger.token].sentence
        others = {e for other in self.triggers if other.token != trigger.token
                  and tree.tokens[other.token].sentence == sentence for e in self._subject_entities(other.token)}
        return others - own

    def _doers_of_other_clauses(self, trigger: Trigger) -> set[str]:
        """'Huron-Superior stayed open because OSSTF speaks only for its aides, but Nouvelon
        closed as AEFO held its strike': when a strike has a union of its own as subject, a
        union that is the subject of another clause of the sentence (not one the strike's
        clause hangs under, as 'OSSTF said' over 'ETFO will strike') does something else."""
        tree = self.context.tree
        own = self._subject_entities(trigger.token)
        if not any(self.context.type_of(e) == "Union" for e in own):
            return set()
        token = tree.tokens[trigger.token]
        above = {a.i for a in tree.ancestors(trigger.token)} | {token.i}
        found = set()
        for word in tree.sentence_tokens(token.sentence):
            verb = tree.tokens[word.head]
            # a 'verb' inside a name ('... des enseignants franco-ontariens') is no clause
            if (word.dep in ("nsubj", "nsubjpass") and verb.i not in above and verb.pos in ("VERB", "AUX")
                    and verb.dep != "aux" and verb.i not in self.context.entity_of):
                found |= {e for t in tree.with_conjuncts(word) if (e := self.context.token_entity(t))}
        return found - own

    def _subject_entities(self, token: int) -> set[str]:
        """The entities named as subjects of a strike word's clause (every subject the
        parse hangs on its verb: a long sentence can give it two)."""
        tree, entity = self.context.tree, self.context.token_entity
        verb = tree.clause_verb(token).i
        subjects = [*tree.subjects(token), *tree.children(verb, ("nsubj", "nsubjpass"))]
        return {self._described(t, e) for t in subjects if (e := entity(t))}

    def _is_striking_group(self, entity_id: str) -> bool:
        return self.context.type_of(entity_id) == "Group" and entity_id not in self.rules.non_striking_groups

    def _group_unions(self, triggers: Sequence[Trigger], facts: Sequence[Fact]) -> dict[str, str]:
        """The one union each group belongs to in this article: from a represents fact
        ("teachers represented by the OSSTF"), or from a strike told with the group as its
        doers and one union named ("Bischof [OSSTF's president] announced that high school
        teachers will start a job action"). A group two unions claim is left alone."""
        claims: dict[str, set[str]] = {}
        for fact in facts:
            if fact.relation == "represents" and self.context.type_of(fact.agent) == "Union" and self._is_striking_group(fact.object):
                claims.setdefault(fact.object, set()).add(fact.agent)
        for trigger in triggers:
            named = self._named_unions(trigger)
            for group in self.subject_groups(trigger) if len(named) == 1 else ():
                claims.setdefault(group, set()).add(named[0])
        for trigger in triggers:
            for group in self.subject_groups(trigger):
                if group not in claims:
                    claims[group] = union_named_for(self.context, group)
        return {group: parent_union(self.context, next(iter(unions))) for group, unions in claims.items() if len(unions) == 1}
