"""PostgreSQL's tsquery text, parsed into a tree the in-memory postings can evaluate.

Why parse PostgreSQL's output rather than build the tree ourselves: `to_tsquery('dutch', ...)`
stems every word (prefixes too), drops its own stop words and simplifies what is left. Asking
PostgreSQL for the normalised query and evaluating exactly that keeps its `dutch` configuration
the only stemmer of PostgreSQL text, and the in-memory answer equal to `vector @@ tsquery`.

The text form is what `tsqueryout` prints: quoted lexemes (`'tal'`, a quote doubled inside),
optionally `:` followed by `*` (prefix) and weight letters, the operators `!`, `<->` / `<N>`
(phrase), `&` and `|` in that order of precedence, and parentheses. An empty text is the empty
query, which matches nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN_RE = re.compile(r"\s*(?:'((?:[^']|'')*)'(?::([*A-D]+))?|(<->|<\d+>|[!&|()]))")


@dataclass(frozen=True)
class Lexeme:
    text: str
    prefix: bool = False
    weights: str = ""


@dataclass(frozen=True)
class Not:
    operand: object


@dataclass(frozen=True)
class Operator:
    """`&`, `|` or a phrase (`<N>`, distance N) over two operands."""

    op: str
    left: object
    right: object
    distance: int = 0


class TsqueryParseError(ValueError):
    pass


def _tokens(text: str):
    position = 0
    text = text.rstrip()
    while position < len(text):
        match = _TOKEN_RE.match(text, position)
        if not match:
            raise TsqueryParseError(f"Unexpected tsquery text at {position}: {text!r}")
        position = match.end()
        lexeme, flags, operator = match.groups()
        if operator is None:
            flags = flags or ""
            yield Lexeme(
                text=lexeme.replace("''", "'"),
                prefix="*" in flags,
                weights="".join(sorted(set(flags.replace("*", "")))),
            )
        else:
            yield operator


def parse(text: str):
    """The tree of a tsquery's text output (None for the empty query)."""
    tokens = list(_tokens(text))
    if not tokens:
        return None
    position = 0

    def peek():
        return tokens[position] if position < len(tokens) else None

    def take():
        nonlocal position
        item = peek()
        position += 1
        return item

    def primary():
        item = take()
        if isinstance(item, Lexeme):
            return item
        if item == "!":
            return Not(primary())
        if item == "(":
            node = disjunction()
            if take() != ")":
                raise TsqueryParseError(f"Unbalanced parentheses: {text!r}")
            return node
        raise TsqueryParseError(f"Unexpected {item!r} in {text!r}")

    def phrase():
        node = primary()
        while isinstance(peek(), str) and peek().startswith("<"):
            operator = take()
            distance = 1 if operator == "<->" else int(operator[1:-1])
            node = Operator("<>", node, primary(), distance)
        return node

    def conjunction():
        node = phrase()
        while peek() == "&":
            take()
            node = Operator("&", node, phrase())
        return node

    def disjunction():
        node = conjunction()
        while peek() == "|":
            take()
            node = Operator("|", node, conjunction())
        return node

    tree = disjunction()
    if position != len(tokens):
        raise TsqueryParseError(f"Trailing tokens in {text!r}")
    return tree
