"""Elasticsearch 9 (the official client's own DSL; `elasticsearch` 9.x installed)."""

from elasticsearch import Elasticsearch

from .elasticsearch import ElasticsearchSearchBackend


class Elasticsearch9SearchBackend(ElasticsearchSearchBackend):
    name = "elasticsearch9"
    client_class = Elasticsearch


SearchBackend = Elasticsearch9SearchBackend
