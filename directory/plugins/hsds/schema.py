"""Offline validation against the Open Referral HSDS 3.0 JSON schemas in ``SHARED_DIR``.

The schema files refer to each other by relative ``$ref`` and the OpenAPI document by absolute
GitHub URLs. Every file is registered in a local ``referencing.Registry`` under both URL forms
(modular and ``compiled/``), so nothing is ever fetched. Validation uses draft 2020-12 with a
format checker: ids must be UUIDs, e-mail addresses and URIs must be well formed.
"""

import functools
import json
from pathlib import Path

from django.conf import settings
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

SCHEMA_BASE = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
COMPILED_BASE = SCHEMA_BASE + "compiled/"


def schema_dir() -> Path:
    """Where the HSDS 3.0 schema files are (shipped beside the repository)."""
    return Path(settings.SHARED_DIR) / "hsds-3.0"


@functools.cache
def registry() -> Registry:
    """A registry holding every schema file under its modular and compiled URLs."""
    resources = []
    directory = schema_dir()
    for path in sorted(directory.glob("*.json")):
        if path.name == "openapi.json":
            continue
        resource = DRAFT202012.create_resource(json.loads(path.read_text(encoding="utf-8")))
        resources.append((SCHEMA_BASE + path.name, resource))
        resources.append((COMPILED_BASE + path.name, resource))
    for path in sorted((directory / "compiled").glob("*.json")):
        resource = DRAFT202012.create_resource(json.loads(path.read_text(encoding="utf-8")))
        resources.append((COMPILED_BASE + path.name, resource))
    return Registry().with_resources(resources)


@functools.cache
def validator(name: str) -> Draft202012Validator:
    """A format-checking validator for one HSDS object (``organization``, ``service``, ...)."""
    modular = (schema_dir() / f"{name}.json").is_file()
    schema = {"$ref": (SCHEMA_BASE if modular else COMPILED_BASE) + f"{name}.json"}
    return Draft202012Validator(
        schema, registry=registry(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def errors(name: str, document) -> list[str]:
    """Every validation error of a document as readable ``path: message`` lines."""
    result = []
    for error in sorted(validator(name).iter_errors(document), key=lambda e: list(e.path)):
        path = "/".join(str(p) for p in error.absolute_path) or "(root)"
        result.append(f"{path}: {error.message}")
    return result


def is_valid(name: str, document) -> bool:
    """True when the document validates against the named HSDS schema."""
    return not errors(name, document)
