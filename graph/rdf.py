"""RDF stage: ``ArticleResult`` values -> rdflib graphs (the one place IRIs are minted).

Each article becomes one named graph holding the article node, its facts as n-ary nodes
(kind, agent, object, date or an explicit "date unknown", evidence sentence and offsets, rule
id) and the plain triple of each fact (``actor sg:opposes policy``) so simple SPARQL stays
simple. Entities (type, name, aliases, policy versions) go once into a shared entities graph,
so labels are not repeated per article and joins do not multiply rows.

IRIs are readable and stable: ``id/<type>/<slug>`` for entities, ``id/article/<slug>`` for
articles, ``id/fact/<hash>`` for facts, where the hash covers everything that makes the fact
what it is. No blank nodes.
"""

from __future__ import annotations

import hashlib
import re

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import SDO, SKOS

from .model import ArticleResult, Entity, Fact
from .namespace import ENTITIES_GRAPH, ID, SG

__all__ = [
    "ACTION_CLASSES",
    "METADATA_TERMS",
    "RELATION_TERMS",
    "article_graph",
    "article_iri",
    "entities_graph",
    "entity_iri",
    "fact_iri",
]

#: relation -> (fact class, plain property)
RELATION_TERMS = {
    "represents": (SG.Representation, SG.represents),
    "proposes": (SG.Proposal, SG.proposes),
    "opposes": (SG.Opposition, SG.opposes),
    "supports": (SG.Support, SG.supports),
    "responds-to": (SG.Response, SG.respondsTo),
    "strikes-at": (SG.StrikeAction, SG.strikesAt),
}
ACTION_CLASSES = {
    "one-day strike": SG.OneDayStrike, "walkout": SG.Walkout, "rotating strike": SG.RotatingStrike,
    "full strike": SG.FullStrike, "work-to-rule": SG.WorkToRule, "information picket": SG.InformationPicket,
    "job action": SG.JobAction, "strike": SG.Strike,
}
#: metadata.csv columns with a schema.org property of their own; any other column becomes a
#: schema:PropertyValue (name, value), so the graph never uses an undeclared sg: term.
METADATA_TERMS = {
    "title": SDO.headline, "source": SDO.publisher, "url": SDO.url, "author": SDO.author,
    "dateline": SDO.locationCreated,
}
_TYPE_PATHS = {
    "Person": "person", "Union": "union", "Government": "government", "Ministry": "ministry",
    "SchoolBoard": "school-board", "PoliticalParty": "party", "StudentGroup": "student-group",
    "ParentGroup": "parent-group", "Media": "media", "Organisation": "organisation", "Group": "group",
    "Region": "region", "Policy": "policy", "PolicyVersion": "policy",
}


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-") or "x"


def entity_iri(entity: Entity) -> URIRef:
    """``id/<type>/<id>``: the entity id is already a readable ASCII slug.

    >>> str(entity_iri(Entity("osstf", "Union", "OSSTF")))
    'https://w3id.org/strikegraph/id/union/osstf'
    """
    return URIRef(ID[f"{_TYPE_PATHS.get(entity.type, 'entity')}/{_slug(entity.id)}"])


def article_iri(name: str) -> URIRef:
    """The article node, which is also the IRI of the article's named graph."""
    return URIRef(ID[f"article/{_slug(name)}"])


def fact_iri(fact: Fact) -> URIRef:
    """Stable across builds: a hash of the article, relation, arguments, date and evidence."""
    key = "|".join(str(part) for part in (
        fact.evidence.article, fact.relation, fact.agent, fact.object, fact.date, fact.role,
        fact.action, fact.evidence.start, fact.rule))
    return URIRef(ID[f"fact/{hashlib.sha256(key.encode('utf-8')).hexdigest()[:20]}"])


def article_graph(result: ArticleResult, entity_iris: dict[str, URIRef], content_hash: str = "") -> Graph:
    """The named graph of one article: the article node, its facts and their plain triples."""
    article = result.article
    graph = Graph(identifier=article_iri(article.name))
    node = article_iri(article.name)
    graph.add((node, RDF.type, SG.Article))
    graph.add((node, SG.fileName, Literal(article.name)))
    if article.date:
        graph.add((node, SDO.datePublished, Literal(article.date.isoformat(), datatype=XSD.date)))
    for alias in article.also_known_as:
        graph.add((node, SG.alsoKnownAs, Literal(alias)))
    if content_hash:
        graph.add((node, SG.contentHash, Literal(content_hash)))
    for key, value in article.metadata:
        _add_metadata(graph, node, key, value)
    for fact in result.facts:
        _add_fact(graph, fact, node, entity_iris)
    return graph


def _add_metadata(graph: Graph, article_node: URIRef, key: str, value: str) -> None:
    term = METADATA_TERMS.get(key.casefold())
    if term is not None:
        graph.add((article_node, term, Literal(value)))
        return
    item = URIRef(f"{article_node}/meta/{_slug(key)}")
    graph.add((article_node, SDO.additionalProperty, item))
    graph.add((item, RDF.type, SDO.PropertyValue))
    graph.add((item, SDO.name, Literal(key)))
    graph.add((item, SDO.value, Literal(value)))


def _add_fact(graph: Graph, fact: Fact, article_node: URIRef, entity_iris: dict[str, URIRef]) -> None:
    fact_class, plain = RELATION_TERMS[fact.relation]
    node = fact_iri(fact)
    agent, target = entity_iris[fact.agent], entity_iris.get(fact.object)
    graph.add((node, RDF.type, fact_class))
    graph.add((node, SG.agent, agent))
    if target is None:
        graph.add((node, SG.targetUnknown, Literal(True)))
    else:
        graph.add((node, SG.object, target))
    graph.add((node, SG.article, article_node))
    graph.add((node, SG.evidence, Literal(fact.evidence.sentence)))
    graph.add((node, SG.evidenceStart, Literal(fact.evidence.start, datatype=XSD.integer)))
    graph.add((node, SG.evidenceEnd, Literal(fact.evidence.end, datatype=XSD.integer)))
    graph.add((node, SG.rule, Literal(fact.rule)))
    if fact.date:
        graph.add((node, SG.date, Literal(fact.date.isoformat(), datatype=XSD.date)))
    else:
        graph.add((node, SG.dateUnknown, Literal(True)))
    if fact.date_text:
        graph.add((node, SG.dateText, Literal(fact.date_text)))
    if fact.role:
        graph.add((node, SG.role, Literal(fact.role)))
    if fact.action:
        graph.add((node, SG.action, Literal(fact.action)))
        graph.add((node, RDF.type, ACTION_CLASSES.get(fact.action, SG.Strike)))
    if target is not None:
        graph.add((agent, plain, target))


def entities_graph(entities: list[Entity], known: dict[str, Entity]) -> Graph:
    """The shared graph of entity types, names, aliases and policy versions."""
    graph = Graph(identifier=ENTITIES_GRAPH)
    for entity in entities:
        node = entity_iri(entity)
        graph.add((node, RDF.type, getattr(SG, entity.type)))
        graph.add((node, RDFS.label, Literal(entity.name)))
        for alias in sorted(set(entity.aliases) - {entity.name}):
            graph.add((node, SKOS.altLabel, Literal(alias)))
        if entity.comment:
            graph.add((node, RDFS.comment, Literal(entity.comment)))
        if entity.parent and entity.parent in known:
            graph.add((node, SG.versionOf, entity_iri(known[entity.parent])))
    return graph
