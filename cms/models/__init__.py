"""Page types and snippets of the editorial site."""

from .pages import HomePage

__all__ = ["HomePage"]
