"""Which URL prefixes are public APIs, and the conventions each follows.

cms/api.py registers the scopes when it composes the APIs; the middleware looks them up.
"""

import re
from dataclasses import dataclass, field

DATA_CACHE_CONTROL = "public, no-cache"
DOCS_CACHE_CONTROL = "public, max-age=300"


@dataclass(frozen=True)
class ApiScope:
    """One API mounted under `prefix` (no trailing slash), e.g. "/api/v1".

    strict_slashes: a path ending in "/" is a 404 (NL API Design Rules /core/no-trailing-slash).
    Wagtail's page API v2 fixes its own URLs with slashes, so its scope does not enforce it.
    slash_roots: paths that are allowed to end in "/" (HSDS names its root "/").
    cache_control: (regex on the path below the prefix, Cache-Control value); first match wins,
    DATA_CACHE_CONTROL otherwise.
    html_paths: regexes of paths serving HTML (interactive docs) that need a looser CSP.
    """

    prefix: str
    version: str
    strict_slashes: bool = True
    slash_roots: tuple[str, ...] = ()
    cache_control: tuple[tuple[str, str], ...] = ()
    html_paths: tuple[str, ...] = ()
    _compiled: list = field(default_factory=list, compare=False, repr=False)

    def matches(self, path: str) -> bool:
        return path == self.prefix or path.startswith(self.prefix + "/")

    def cache_control_for(self, path: str) -> str:
        rest = path[len(self.prefix) :]
        for pattern, value in self.cache_control:
            if re.fullmatch(pattern, rest):
                return value
        return DATA_CACHE_CONTROL

    def is_html(self, path: str) -> bool:
        rest = path[len(self.prefix) :]
        return any(re.fullmatch(pattern, rest) for pattern in self.html_paths)


_SCOPES: list[ApiScope] = []


def register(scope: ApiScope) -> None:
    """Register (or replace) the scope for a prefix."""
    _SCOPES[:] = [s for s in _SCOPES if s.prefix != scope.prefix]
    _SCOPES.append(scope)
    _SCOPES.sort(key=lambda s: len(s.prefix), reverse=True)


def find(path: str) -> ApiScope | None:
    for scope in _SCOPES:
        if scope.matches(path):
            return scope
    return None
