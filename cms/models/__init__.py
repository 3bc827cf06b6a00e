"""Page types, snippets and media models of the editorial site."""

from .media import CustomDocument, CustomImage, CustomRendition
from .pages import HomePage

__all__ = ["CustomDocument", "CustomImage", "CustomRendition", "HomePage"]
