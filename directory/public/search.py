"""The one place the public directory asks for organisations.

Swapping the ORM stand-in for the real search interface is the import line below.
"""

from .fallback import DirectoryQuery, QueryError, get_backend  # noqa: F401


def run(params: dict):
    """Build the typed query from keyword arguments and run it on the configured backend."""
    query = DirectoryQuery(**params)
    return query, get_backend().search(query)
