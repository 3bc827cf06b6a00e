"""Our NinjaAPI: problem+json handlers and an OpenAPI document that states our conventions.

ninja generates the operations and schemas; `KetenkaartAPI.get_openapi_schema` adds what the
NL API Design Rules ask the document to say and the middleware does at run time: servers with
the major version, contact, the API-Version (and caching, rate limit, CORS) response headers,
the problem+json error responses, optional API-key security, and `/openapi.json` itself.
"""

import copy

from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from ninja import NinjaAPI
from ninja.openapi.docs import Swagger

from .keys import API_KEY_HEADER
from .problems import PROBLEM_CONTENT_TYPE, install_exception_handlers

CONTACT = {
    "name": "Sociaal Werk Nederland, Ketenkaart",
    "url": "https://www.sociaalwerknederland.nl/",
    "email": "ketenkaart@sociaalwerknederland.nl",
}

PROBLEM_SCHEMA = {
    "type": "object",
    "description": "Foutmelding volgens RFC 9457 (application/problem+json).",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string", "format": "uri-reference", "examples": ["about:blank"]},
        "title": {"type": "string", "examples": ["Niet gevonden"]},
        "status": {"type": "integer", "minimum": 400, "maximum": 599},
        "detail": {"type": "string"},
        "instance": {"type": "string", "format": "uri-reference"},
        "invalidParams": {
            "type": "array",
            "description": "Elke ongeldige parameter, met plaats en reden.",
            "items": {"$ref": "#/components/schemas/InvalidParam"},
        },
    },
}
INVALID_PARAM_SCHEMA = {
    "type": "object",
    "required": ["name", "in", "reason"],
    "properties": {
        "name": {"type": "string", "examples": ["page"]},
        "in": {"type": "string", "enum": ["query", "path", "body", "header", "cookie", "form"]},
        "reason": {"type": "string"},
        "code": {"type": "string"},
    },
}


def _header(description: str, schema: dict | None = None) -> dict:
    return {"description": description, "schema": schema or {"type": "string"}}


HEADERS = {
    "API-Version": _header("Het volledige versienummer van de API.", {"type": "string"}),
    "ETag": _header("Validator voor voorwaardelijke verzoeken (If-None-Match)."),
    "Last-Modified": _header("Moment van de laatste publicatie die dit antwoord raakt."),
    "Cache-Control": _header("Hoe lang en door wie dit antwoord bewaard mag worden."),
    "access-control-allow-origin": _header("CORS: elke herkomst is toegestaan.", {"const": "*"}),
    "RateLimit-Limit": _header("Verzoeken per minuut voor deze client.", {"type": "integer"}),
    "RateLimit-Remaining": _header("Resterende verzoeken in deze minuut.", {"type": "integer"}),
    "RateLimit-Reset": _header("Seconden tot de teller opnieuw begint.", {"type": "integer"}),
    "Retry-After": _header("Seconden wachten voor een nieuw verzoek.", {"type": "integer"}),
}
SUCCESS_HEADERS = [
    "API-Version",
    "ETag",
    "Last-Modified",
    "Cache-Control",
    "access-control-allow-origin",
    "RateLimit-Limit",
    "RateLimit-Remaining",
    "RateLimit-Reset",
]
ERROR_HEADERS = ["API-Version", "access-control-allow-origin"]


def _header_refs(names):
    return {name: {"$ref": f"#/components/headers/{name}"} for name in names}


def problem_response(description: str, extra_headers=()) -> dict:
    return {
        "description": description,
        "headers": _header_refs([*ERROR_HEADERS, *extra_headers]),
        "content": {PROBLEM_CONTENT_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }


ERROR_RESPONSES = {
    "400": lambda: problem_response("Ongeldige invoer: elke ongeldige parameter wordt genoemd."),
    "401": lambda: problem_response("Onbekende of ingetrokken sleutel of token."),
    "404": lambda: problem_response("Niet gevonden."),
    "429": lambda: problem_response("Te veel verzoeken.", ["Retry-After"]),
    "500": lambda: problem_response("Interne serverfout."),
}


def decorate_schema(schema: dict, *, version: str, server_url: str) -> dict:
    """Add our conventions to an OpenAPI document (see the module docstring)."""
    schema = copy.deepcopy(dict(schema))
    schema["info"] = {
        **schema.get("info", {}),
        "version": version,
        "contact": CONTACT,
        "license": {"name": "EUPL-1.2", "url": "https://eupl.eu/1.2/nl/"},
    }
    schema["servers"] = [{"url": server_url, "description": str(_("Deze server"))}]
    components = schema.setdefault("components", {})
    components.setdefault("schemas", {})
    components["schemas"]["Problem"] = PROBLEM_SCHEMA
    components["schemas"]["InvalidParam"] = INVALID_PARAM_SCHEMA
    components["headers"] = {**HEADERS, **components.get("headers", {})}
    components.setdefault("securitySchemes", {})["ApiKey"] = {
        "type": "apiKey",
        "in": "header",
        "name": API_KEY_HEADER,
        "description": str(
            _("Optioneel: met een sleutel geldt een hogere limiet dan anoniem (per IP-adres).")
        ),
    }
    for operations in schema.get("paths", {}).values():
        for method, operation in operations.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            _decorate_operation(operation, method)
    schema["paths"]["/openapi.json"] = {
        "get": {
            "operationId": "getOpenapiDocument",
            "summary": str(_("Dit OpenAPI-document")),
            "description": str(_("Zonder authenticatie en met CORS voor elke herkomst.")),
            "tags": ["documentatie"],
            "security": [{}],
            "responses": {
                "200": {
                    "description": "OpenAPI 3.1",
                    "headers": _header_refs(SUCCESS_HEADERS),
                    "content": {"application/json": {"schema": {"type": "object"}}},
                },
                "304": _not_modified(),
                "429": ERROR_RESPONSES["429"](),
            },
        }
    }
    tags = {
        tag for ops in schema["paths"].values() for op in ops.values() for tag in op.get("tags", [])
    }
    known = {tag["name"] for tag in schema.get("tags", [])}
    schema["tags"] = schema.get("tags", []) + [{"name": tag} for tag in sorted(tags - known)]
    return schema


def _not_modified() -> dict:
    return {
        "description": "Niet gewijzigd sinds de meegestuurde ETag.",
        "headers": _header_refs(
            [
                "API-Version",
                "ETag",
                "Last-Modified",
                "Cache-Control",
                "access-control-allow-origin",
            ]
        ),
    }


def _decorate_operation(operation: dict, method: str) -> None:
    # ninja keys responses by int, openapi_extra by str: merge them (the str entry refines).
    responses = {}
    for status, response in operation.get("responses", {}).items():
        responses.setdefault(str(status), {}).update(response)
    operation["responses"] = responses
    for status, response in responses.items():
        if str(status)[0] in "23":
            headers = response.setdefault("headers", {})
            for name, ref in _header_refs(SUCCESS_HEADERS).items():
                headers.setdefault(name, ref)
        elif str(status)[0] in "45":
            content = response.get("content") or {}
            schema = next(iter(content.values()), {}).get("schema")
            response["content"] = {
                PROBLEM_CONTENT_TYPE: {"schema": schema or {"$ref": "#/components/schemas/Problem"}}
            }
            response.setdefault("headers", _header_refs(ERROR_HEADERS))
    if method == "get":
        responses.setdefault("304", _not_modified())
    wanted = ["400", "404", "429", "500"]
    if operation.get("security") or method != "get":
        wanted.insert(1, "401")
    for status in wanted:
        responses.setdefault(status, ERROR_RESPONSES[status]())
    operation.setdefault("security", [{}, {"ApiKey": []}])


class KetenkaartAPI(NinjaAPI):
    """NinjaAPI with problem+json errors, locally served docs and a decorated document."""

    def __init__(self, *, server_url: str, **kwargs):
        kwargs.setdefault("docs", Swagger(settings={"persistAuthorization": False}))
        # The document and the docs answer GET (and HEAD) only; other methods get a 405.
        kwargs.setdefault("docs_decorator", require_safe)
        super().__init__(**kwargs)
        self.server_url = server_url
        self._schema = None
        install_exception_handlers(self)

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        # Routers are fixed once the URLconf is loaded, so the document is built once.
        if self._schema is None:
            schema = super().get_openapi_schema(path_prefix="", path_params=path_params)
            self._schema = decorate_schema(schema, version=self.version, server_url=self.server_url)
        return self._schema
