"""Representation (part of the facts stage): who speaks for whom, from titles and from
"represents" clauses.

"OSSTF President Harvey Bischof" (a title the entities stage read), "teachers represented by
the OSSTF", "OPSBA, which bargains for public boards", "the union representing
French-language teachers". Unions represent the groups named around the verb; trustees'
associations (Organisation), the boards they bargain for. Who speaks for a union also
decides whose a stance is when its officer tells it ("His union will fight it, Hammond
said": Hammond's), see ``officers_speaking``.
"""

from __future__ import annotations

import re

from .context import ArticleContext
from .groups import represented_heads
from .kb import KnowledgeBase
from .lexicon import slugify
from .local_units import own_unit
from .memberships import memberships_in
from .model import Entity, Fact, Token
from .sector_unions import own_sector, sector_owner

__all__ = ["RepresentationFinder", "officers_speaking"]

#: "the public, Catholic and French Catholic boards": a list of kinds of board, read off the
#: words (the parser makes the kinds conjuncts of "boards").
_SEVERAL_KINDS_OF_BOARDS = re.compile(r"(?i)^(?:the\s+|its\s+|the\s+province['’]s\s+)?[\w-]+(?:\s+[\w-]+)?(?:\s*,\s*[\w-]+(?:\s+[\w-]+)?)*"
                                      r"\s*,?\s+and\s+[\w-]+(?:\s+[\w-]+)?\s+(?:school\s+)?boards$")
#: Prepositions whose phrase places a group ("students in public boards"), no group itself.
_SETTING_PREPOSITIONS = frozenset({"in", "at", "across", "throughout", "from", "within"})

#: Kinds of organisation that speak for a group ("the association, which speaks for the
#: province's students"); a person "speaking for the union" is a title, read elsewhere.
_SPEAKING_FOR = frozenset({"Union", "Organisation", "StudentGroup", "ParentGroup"})


def officers_speaking(context: ArticleContext, token: int, agents: list[str]) -> list[str]:
    """'His union will fight the class-size increases, Hammond said', 'Hammond said the
    negotiators tabled options ETFO could not accept': a union's stance told in the words of
    its own titled officer is the officer's statement, and careful readers credit the speaker
    (the union's name there is how the speaker refers to their side). Only a reporting verb
    above the stance (or set into it) whose subject is an officer of that very union."""
    tree = context.tree
    above = {a.i for a in tree.ancestors(token)}
    verbs = [v for v in tree.reporting_verbs(tree.tokens[token].sentence) if v.i in above or (v.dep == "parataxis" and v.head == token)]
    speakers = {e for v in verbs for s in tree.subjects(v.i) if (e := context.token_entity(s))}
    officers = {org: p for p in speakers if context.type_of(org := context.title_orgs.get(p, "")) == "Union"}
    return list(dict.fromkeys(officers.get(agent, agent) for agent in agents))


class RepresentationFinder:
    """Finds the represents facts of one article."""

    def __init__(self, context: ArticleContext, kb: KnowledgeBase, sectors: dict[str, str] | None = None):
        self.context, self.tree, self.kb = context, context.tree, kb
        self.sectors = sectors or {}
        #: Asked of every token (``members_represented``), so read once per article: the
        #: membership phrasings by head token, and the tokens a number counts ("its 55,000 ...").
        self.memberships = memberships_in(self.tree)
        self.counted = frozenset(t.head for t in self.tree.tokens if t.dep == "nummod" and t.head != t.i)

    def represents_from_titles(self) -> list[Fact]:
        """'OSSTF President Harvey Bischof' -> Bischof represents OSSTF, role president (a local named in it wins: ``own_unit``)."""
        facts = []
        titles = self.context.resolved.titles
        current = {person for person, _, _, _, rule in titles if not rule.endswith("/former")}
        titled = {(person, organisation) for person, _, organisation, _, rule in titles if rule != "represents/possessive-name"}
        for person, role, organisation, token, rule in titles:
            if rule.endswith("/former") and person in current:
                continue
            if rule == "represents/possessive-name" and (person, organisation) in titled:
                continue  # "OECTA's Liz Stuart" adds nothing to "OECTA president Liz Stuart"
            if (organisation := own_unit(self.tree, self.context.entity_of, self.context.entities, organisation, token)) and organisation != person:
                facts.append(Fact("represents", person, organisation, self.context.evidence_at(token), rule, role=role))
        return facts

    def union_represents(self, trigger_token: Token) -> list[Fact]:
        """'teachers represented by the OSSTF', 'the OSSTF also represents education workers'."""
        facts = []
        agent_phrase = [c for p in self.tree.children(trigger_token.i, ("agent",)) for c in self.tree.children(p.i, ("pobj",))]
        described = self._listed_with_head(trigger_token) if trigger_token.dep in ("acl", "relcl") else []
        if agent_phrase:
            unions = [self.context.token_entity(t) for t in agent_phrase]
            groups = self._groups_of(described if trigger_token.dep == "acl" else represented_heads(self.tree, trigger_token))
        else:
            unions = self._name_just_before(trigger_token) or [self.context.token_entity(t) for t in self.tree.subjects(trigger_token.i)]
            unions += self._described_by(trigger_token, described)
            words = [t.text for t in self.tree.tokens[max(0, trigger_token.i - 2):trigger_token.i]]
            if not any(unions) and trigger_token.dep == "relcl" and words == [",", "which"]:
                unions = [self.context.entity_of.get(trigger_token.i - 3, "")]  # "... and OCSTA, which bargains": hung elsewhere
            groups = self._groups_of(represented_heads(self.tree, trigger_token))
        single = len(set(filter(None, unions))) == 1
        if single:
            holders = self.tree.subjects(trigger_token.i) + ([self.tree.tokens[trigger_token.head]] if trigger_token.dep == "relcl" else [])
            unions = [self._sector_owner(holders, next(filter(None, unions)), groups)]
        for union in filter(None, unions):
            if self.context.type_of(union) not in _SPEAKING_FOR:
                continue  # unions represent workers; trustees' associations, the boards; students' ones, students
            for group in (own_sector(union, groups, self.sectors) if single else groups):
                facts.append(Fact("represents", union, group, self.context.evidence_at(trigger_token.i),
                                  "represents/union-represents-group", role="bargaining agent"))
        return facts

    def members_represented(self, token: Token) -> list[Fact]:
        """'CUPE, whose members include custodians', 'the board's educators are OSSTF
        members', 'aides who belong to OSSTF', 'ETFO, the union for elementary teachers': a
        union speaks for the groups told as its members (the first holder that is a union)."""
        membership = self.memberships.get(token.i)
        if membership is None:
            return self._counted_members(token)
        union = next((e for t in membership.holders if (e := self.context.token_entity(t))
                      and self.context.type_of(e) in _SPEAKING_FOR), "")
        if not union:
            return []
        groups = [g for t in membership.groups if (g := self._group_named_by(t)) and g != union]
        union = self._sector_owner(membership.holders, union, groups)
        groups = own_sector(union, [g for g in groups if g != union], self.sectors)
        return [Fact("represents", union, group, self.context.evidence_at(token.i), "represents/members-are-group",
                     role="bargaining agent") for group in groups]

    def _counted_members(self, token: Token) -> list[Fact]:
        """'CUPE gave notice that its 55,000 education workers would strike', 'OSSTF's 60,000
        teachers and occasional teachers', 'ETFO said 97 per cent of its teachers voted yes':
        a union's own groups (counted or not) are groups it speaks for (each item of the list,
        read from the words too, as the parser often breaks a list of long group names). Only
        groups the text already names (a count of schools or boards is no membership) and a
        union or like body as the possessor (see ``_owning_union``)."""
        if not self.tree.children(token.i, ("poss",)):
            return []
        listed = self.tree.with_conjuncts(token)
        groups = [g for t in listed if (g := self.context.token_entity(t)) and self.context.type_of(g) == "Group"]
        groups += self.context.listed_with(listed) if groups else []  # deduplicated below
        unions = [e for o in self.tree.children(token.i, ("poss",)) if (e := self._owning_union(o, token))]
        groups = own_sector(unions[0], list(dict.fromkeys(groups)), self.sectors) if unions else []
        return [Fact("represents", unions[0], group, self.context.evidence_at(token.i), "represents/counted-members",
                     role="bargaining agent") for group in groups if group != unions[0]]

    def _owning_union(self, owner: Token, owned: Token) -> str:
        """The union (or like body) an owner of a group stands for. A name or description
        ("ETFO's", "the federation's") counts as written; an uncounted group's pronoun
        owner ("its teachers") only when its union is a subject of the same sentence or the
        pronoun opens the sentence's subject: elsewhere "its" often points at the wrong one of
        several bodies named ("agreements with the boards' association and, for its support
        staff, the council"), and a count is what makes a reporter's "its" a membership. Without
        a count only a union owns its groups."""
        union, counted = self.context.token_entity(owner), owned.i in self.counted
        if self.context.type_of(union) not in (_SPEAKING_FOR if counted else ("Union",)):
            return ""  # a trustees' association's "its early childhood educators" are the boards' staff
        if owner.pos != "PRON" or counted:
            return union
        sentence = self.tree.sentence_tokens(owner.sentence)
        subjects = {self.context.token_entity(t) for t in sentence if t.dep in ("nsubj", "nsubjpass") and t.i != owned.i}
        opening = owned.dep in ("nsubj", "nsubjpass") and owner.i == sentence[0].i
        return union if union in subjects or opening else ""

    def _sector_owner(self, holders: list[Token], union: str, groups: list[str]) -> str:
        """``sector_owner`` for the first of ``holders`` that names the union: a represents
        clause's subject or the noun a "which represents" clause describes, a membership's holder."""
        holder = next((t for t in holders if self.context.token_entity(t) == union), None)
        return sector_owner(self.tree, holder, union, groups, self.sectors) if holder else union

    def _group_named_by(self, head: Token) -> str:
        """The group a head noun names: its own entity, or, when the words belong to a longer
        name ("the province's high school teachers' union" is the union's alias), the group
        the knowledge base knows by the head's words (the longest ending that is one)."""
        named = self.context.entities_in([head.i], {"Group"})
        if named:
            return named[0]
        words = [self.tree.tokens[i].text for i in self.tree.subtree(head.i)
                 if i == head.i or (i < head.i and self.tree.tokens[i].dep not in ("det", "poss", "case", "nummod", "punct")
                                    and i not in self._possessors(head))]
        for start in range(len(words)):
            known = self.kb.lookup(" ".join(words[start:]))
            if known and known.type == "Group":
                self.context.entities.setdefault(known.id, known)
                return known.id
        return ""

    def _possessors(self, head: Token) -> set[int]:
        return {i for c in self.tree.children(head.i, ("poss",)) for i in self.tree.subtree(c.i)}

    def _name_just_before(self, verb: Token) -> list[str]:
        """'..., and the Association franco-ontarienne des conseils scolaires catholiques
        represents the eight French-language Catholic boards': a union's or association's
        name ending right before the verb is its subject, whatever subject the parse gives
        (long French names are parsed as clauses of their own)."""
        named = self.context.entity_of.get(verb.i - 1, "")
        return [named] if self.context.type_of(named) in ("Union", "Organisation") else []

    def named_as_representing(self, token: Token) -> list[Fact]:
        """'the union representing French-language teachers': when the whole phrase is the
        union's name, the words after 'representing' still say whom it represents."""
        union = self.context.entity_of.get(token.i, "")
        if self.context.type_of(union) != "Union":
            return []
        sentence = self.context.resolved.parsed.sentences[token.sentence]
        rest = sentence.text[token.end - sentence.start:].split(",")[0].split(" will ")[0]
        words = rest.split()
        for size in range(min(4, len(words)), 0, -1):
            group = self.kb.lookup(" ".join(words[:size]).strip(".,;"))
            if group and group.type == "Group":
                self.context.entities.setdefault(group.id, group)
                return [Fact("represents", union, group.id, self.context.evidence_at(token.i),
                             "represents/union-representing-group", role="bargaining agent")]
        return []

    def _listed_with_head(self, clause: Token) -> list[Token]:
        """The nouns a clause describes, when it hangs off a list: 'the teachers, assistants
        and other staff represented by OSSTF' (all of them), 'the province and the Council
        of Trustees' Associations, which represents the boards' (the last is nearest)."""
        root = self.tree.tokens[clause.head]
        while root.dep == "conj" and root.head != root.i:
            root = self.tree.tokens[root.head]
        return sorted((t for t in self.tree.with_conjuncts(root) if t.i < clause.i), key=lambda t: t.i)

    def _described_by(self, verb: Token, described: list[Token]) -> list[Token]:
        """Which names of a list a "which represents" clause tells of: the nearest ("the
        province and the Council of Trustees' Associations, which represents the boards"),
        but all of them when the verb is plural or says "together" ("ETFO, OSSTF and OECTA,
        which together represent 190,000 teachers")."""
        together = any(c.lemma in ("together", "jointly", "collectively") for c in self.tree.children(verb.i, ("advmod",)))
        if together or verb.tag == "VBP":
            listed = self._names_listed_before(verb)
            if len(listed) > 1:
                return listed
        return [self.context.token_entity(t) or self._apposed_to(t) for t in described[-1:]]

    def _apposed_to(self, noun: Token) -> str:
        """'All 83,000 members of ETFO, a union that represents elementary teachers': a bare
        noun set beside a name stands for it, or for the body whose members the name before
        is ("members of ETFO")."""
        if noun.dep != "appos" or noun.head == noun.i:
            return ""
        before = self.tree.tokens[noun.head]
        owners = [before] + [o for p in self.tree.children(before.i, ("prep",)) if p.text.lower() == "of"
                             for o in self.tree.children(p.i, ("pobj",))]
        return next((e for o in owners if (e := self.context.token_entity(o)) and self.context.type_of(e) in _SPEAKING_FOR), "")

    def _names_listed_before(self, verb: Token) -> list[str]:
        """The names of the list that ends right before ", which": read from the words, as
        long French names break the parse of a list apart."""
        relative = [c.i for c in self.tree.children(verb.i, ("nsubj",)) if c.lemma in ("which", "that", "who")]
        names, i = [], (relative[0] if relative else verb.i) - 1
        first = self.tree.sentences[verb.sentence].first_token
        while i >= first and (i in self.context.entity_of or self.tree.tokens[i].lemma in (",", "and", "the", "'", "’")):
            named = self.context.entity_of.get(i, "")
            if named and named not in names:
                names.insert(0, named)
            i -= 1
        return [n for n in names if self.context.type_of(n) in _SPEAKING_FOR]

    def _groups_of(self, heads: list[Token]) -> list[str]:
        mixed = self._boards_of_several_kinds(heads)
        if mixed:
            return [mixed]
        groups = []
        for head in heads:
            span = self._without_setting(head)
            named = self.context.entities_in(span, {"Group"})
            groups += [g for g in named if g not in groups]
            text = " ".join(self.tree.tokens[i].text for i in span if self.tree.tokens[i].pos != "DET")
            known = self.kb.lookup(text) or self._all_boards(text)
            if known and known.type == "Group" and known.id not in groups and not named:
                groups.append(known.id)
        return groups

    def _all_boards(self, text: str) -> Entity | None:
        """'the body that speaks for the school boards at the table': boards of no named kind
        are school boards as a whole (the group several kinds of board also make)."""
        if text.lower() not in ("boards", "school boards", "the boards", "the school boards"):
            return None
        return self._school_boards()

    def _without_setting(self, head: Token) -> list[int]:
        """A group's words without the phrase that says where it works: "about two million
        students in public and Catholic boards" speaks for the students, not the boards."""
        setting = {i for p in self.tree.children(head.i, ("prep",)) if p.text.lower() in _SETTING_PREPOSITIONS
                   for i in self.tree.subtree(p.i)}
        return [i for i in self.tree.subtree(head.i) if i not in setting]

    def _boards_of_several_kinds(self, heads: list[Token]) -> str:
        """'bargains for the public, Catholic and French Catholic boards': a body that speaks
        for several kinds of board at once speaks for school boards as a whole."""
        if not heads or heads[-1].lemma.lower() != "board":
            return ""
        span = sorted({i for h in heads for i in self.tree.subtree(h.i)})
        text = " ".join(self.tree.tokens[i].text for i in span).replace(" 's", "'s").replace(" ,", ",").replace(" - ", "-")
        if not _SEVERAL_KINDS_OF_BOARDS.match(text):
            return ""
        return self._school_boards().id

    def _school_boards(self) -> Entity:
        """The group of school boards as a whole, added to the article's entities (a fact's
        entity need not be named in the text)."""
        group = self.kb.lookup("school boards") or Entity(slugify("school boards"), "Group", "school boards")
        self.context.entities.setdefault(group.id, group)
        return group
