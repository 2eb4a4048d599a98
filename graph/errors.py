"""The exception tree: every error strikegraph raises on purpose.

::

    GraphError                  anything strikegraph refuses to do, with a message for people
    ├── ArticleError            an article cannot be read (empty, binary, missing, bad metadata)
    ├── KnowledgeBaseError      a knowledge-base or rule data file is malformed
    ├── RuleError               a relation rule names an unknown relation, role or trigger
    ├── StoreError              the built graph is missing, incomplete or cannot be opened
    ├── QueryError              a canned query is unknown, a parameter is missing or a query is invalid
    ├── EndpointError           a SPARQL endpoint cannot be reached, refused a request, or answered nonsense
    └── ServerError             the SPARQL server cannot start (port taken, no oxigraph) or stopped by itself

The command line turns each into ``Error: <message>`` and an exit status (see ``graph.cli``);
library callers catch ``GraphError`` to handle all of them.
"""

__all__ = [
    "ArticleError",
    "EndpointError",
    "GraphError",
    "KnowledgeBaseError",
    "QueryError",
    "RuleError",
    "ServerError",
    "StoreError",
]


class GraphError(Exception):
    """Base class: a problem the user can act on, stated in words they understand."""


class ArticleError(GraphError):
    """An article (or its metadata row) cannot be used; other articles still build."""


class KnowledgeBaseError(GraphError):
    """A knowledge-base data file is malformed: the build cannot trust its entity names."""


class RuleError(GraphError):
    """A relation rule file is malformed or refers to something undeclared."""


class StoreError(GraphError):
    """The built graph cannot be found or opened: build it first, or point --graph at it."""


class QueryError(GraphError):
    """A query cannot run: unknown name, missing parameter, or a syntax error in the text."""


class EndpointError(GraphError):
    """A remote SPARQL endpoint failed: unreachable, refused the request, or its answer is unreadable."""


class ServerError(GraphError):
    """``strikegraph serve`` cannot start or keep running: the port is taken, or oxigraph is missing or died."""
