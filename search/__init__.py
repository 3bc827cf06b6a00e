"""One search interface with backends: the database by default, Elasticsearch at scale.

from search import get_backend
from search.query import DirectoryQuery

result = get_backend().search(DirectoryQuery(text="taalcafé", phases=["inburgering"]))
organisations = result.hydrate(Organisation.objects.listed().select_related(...))
"""


def get_backend():
    """The configured search backend (see search.backends)."""
    from .backends import get_backend as _get_backend

    return _get_backend()
