"""The OpenAPI 3.1 document rewritten as OpenAPI 3.0, for tools that only read 3.0.

Why: the NL API Design Rules 2.1 Spectral ruleset checks `openapi` against `^3.0.*`, while our
document is 3.1 (what django-ninja writes, and what the product asks for). Both are served:
`/api/v1/openapi.json` (3.1) and `/api/v1/openapi-3.0.json` (this rewrite), and the ADR ruleset
reports no errors on the latter without any change to the ruleset.

The rewrite covers what 3.1 (JSON Schema 2020-12) adds over 3.0 in documents like ours: `null`
in `anyOf`/`oneOf`/`type` lists becomes `nullable`, numeric `exclusiveMinimum`/`Maximum`
become the boolean form, `const` becomes a one-value `enum`, `examples` becomes `example`, and
keywords 3.0 does not know are dropped.
"""

from __future__ import annotations

import copy

OPENAPI_30 = "3.0.3"
_DROP = {"$schema", "$id", "contentMediaType", "contentEncoding", "unevaluatedProperties"}


def _schema(node):
    """Rewrite one JSON Schema object (recursively) from 2020-12 to OpenAPI 3.0's dialect."""
    if isinstance(node, list):
        return [_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _schema(value) for key, value in node.items() if key not in _DROP}
    for keyword in ("anyOf", "oneOf"):
        options = node.get(keyword)
        if isinstance(options, list) and any(option == {"type": "null"} for option in options):
            rest = [option for option in options if option != {"type": "null"}]
            del node[keyword]
            node["nullable"] = True
            if len(rest) == 1:
                merged = {**rest[0], **node}
                node = merged
            else:
                node[keyword] = rest
    kind = node.get("type")
    if isinstance(kind, list):
        kinds = [k for k in kind if k != "null"]
        if len(kinds) < len(kind):
            node["nullable"] = True
        node["type"] = kinds[0] if len(kinds) == 1 else kinds
    for bound, limit in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
        value = node.get(bound)
        if isinstance(value, int | float) and not isinstance(value, bool):
            node[limit] = value
            node[bound] = True
    if "const" in node:
        node["enum"] = [node.pop("const")]
    if "examples" in node and isinstance(node["examples"], list):
        examples = node.pop("examples")
        if examples:
            node.setdefault("example", examples[0])
    if node.get("nullable") and "$ref" in node:
        # 3.0 ignores siblings of $ref: wrap it.
        node = {"allOf": [{"$ref": node.pop("$ref")}], **node}
    return node


def _parameters_and_bodies(operation: dict) -> None:
    for parameter in operation.get("parameters", []):
        if "schema" in parameter:
            parameter["schema"] = _schema(parameter["schema"])
    for holder in [operation.get("requestBody", {}), *operation.get("responses", {}).values()]:
        for media in (holder.get("content") or {}).values():
            if "schema" in media:
                media["schema"] = _schema(media["schema"])
        for header in (holder.get("headers") or {}).values():
            if isinstance(header, dict) and "schema" in header:
                header["schema"] = _schema(header["schema"])


def downgrade(document: dict) -> dict:
    """A 3.0 copy of a 3.1 document (the original is not changed)."""
    result = copy.deepcopy(document)
    result["openapi"] = OPENAPI_30
    result.pop("jsonSchemaDialect", None)
    result.pop("webhooks", None)
    info = result.get("info", {})
    license_ = info.get("license")
    if isinstance(license_, dict) and "identifier" in license_ and "url" not in license_:
        license_.pop("identifier")
    for path_item in result.get("paths", {}).values():
        for key, operation in path_item.items():
            if key == "parameters":
                for parameter in operation:
                    if "schema" in parameter:
                        parameter["schema"] = _schema(parameter["schema"])
            elif isinstance(operation, dict):
                _parameters_and_bodies(operation)
    components = result.get("components", {})
    if "schemas" in components:
        components["schemas"] = {
            name: _schema(schema) for name, schema in components["schemas"].items()
        }
    for kind in ("parameters", "headers"):
        for item in components.get(kind, {}).values():
            if "schema" in item:
                item["schema"] = _schema(item["schema"])
    for kind in ("responses", "requestBodies"):
        for item in components.get(kind, {}).values():
            _parameters_and_bodies({"responses": {"x": item}})
    return result
