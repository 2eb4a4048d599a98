"""strikegraph: knowledge graphs of who opposed which policy, and when, from news articles.

The stages, each a module, data flowing one way::

    articles -> mentions -> entities -> facts -> rdf -> store -> queries / render / analysis

``graph.pipeline`` strings them together; ``graph.cli`` is a thin command line over it.
"""

__version__ = "0.1.0"
