"""The one place the public directory asks for organisations: the search interface."""

from search import get_backend
from search.query import DirectoryQuery, QueryError

__all__ = ["QueryError", "run"]


def run(params: dict):
    """Build the typed query from keyword arguments and run it on the configured backend."""
    query = DirectoryQuery(**params)
    return query, get_backend().search(query)
