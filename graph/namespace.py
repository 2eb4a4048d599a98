"""The strikegraph vocabulary as a Python namespace, mirroring ``data/ontology.ttl``.

``SG.Opposition`` exists because the ontology declares it; a misspelt term fails at import
time rather than producing a silently wrong triple. A test keeps this list and the ontology
equal.
"""

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

__all__ = ["ENTITIES_GRAPH", "ID", "ONTOLOGY_IRI", "SG"]

ONTOLOGY_IRI = "https://w3id.org/strikegraph/ontology"
#: Where minted resources live: ``ID["union/osstf"]``.
ID = Namespace("https://w3id.org/strikegraph/id/")
#: The named graph that holds every entity's type, name and aliases once.
ENTITIES_GRAPH = URIRef(ID["graph/entities"])


class SG(DefinedNamespace):
    """Terms of the strikegraph ontology."""

    _NS = Namespace(ONTOLOGY_IRI + "#")
    _fail = True

    # actors and places
    Actor: URIRef
    Person: URIRef
    Organisation: URIRef
    Union: URIRef
    Government: URIRef
    Ministry: URIRef
    SchoolBoard: URIRef
    PoliticalParty: URIRef
    StudentGroup: URIRef
    ParentGroup: URIRef
    Media: URIRef
    Group: URIRef
    Region: URIRef
    # policies
    Policy: URIRef
    PolicyVersion: URIRef
    versionOf: URIRef
    # articles
    Article: URIRef
    fileName: URIRef
    contentHash: URIRef
    alsoKnownAs: URIRef
    # facts
    Fact: URIRef
    Representation: URIRef
    Proposal: URIRef
    Stance: URIRef
    Opposition: URIRef
    Support: URIRef
    Response: URIRef
    StrikeAction: URIRef
    # kinds of action and event
    JobAction: URIRef
    Strike: URIRef
    OneDayStrike: URIRef
    Walkout: URIRef
    RotatingStrike: URIRef
    FullStrike: URIRef
    WorkToRule: URIRef
    InformationPicket: URIRef
    Announcement: URIRef
    Bargaining: URIRef
    Mediation: URIRef
    # fact properties
    agent: URIRef
    object: URIRef
    date: URIRef
    dateUnknown: URIRef
    targetUnknown: URIRef
    dateText: URIRef
    article: URIRef
    evidence: URIRef
    evidenceStart: URIRef
    evidenceEnd: URIRef
    rule: URIRef
    role: URIRef
    action: URIRef
    # plain relations
    represents: URIRef
    proposes: URIRef
    opposes: URIRef
    supports: URIRef
    respondsTo: URIRef
    strikesAt: URIRef
