"""The NL API Design Rules 2.1 Spectral ruleset on our OpenAPI document (offline).

Runs when Spectral is installed (`npm install --no-save @stoplight/spectral-cli@6`, as
.ci/run does); skipped with the reason otherwise. See apiplatform/spectral/README.md.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)
RULESET = Path(settings.SHARED_DIR) / "adr" / "spectral-adr-2.1.0.yml"
OVERLAY = ROOT / "apiplatform" / "spectral" / "adr-2.1.0-oas31.yml"


def spectral_command():
    local = ROOT / "node_modules" / ".bin" / "spectral"
    if local.exists():
        return [str(local)]
    if shutil.which("npx"):
        probe = subprocess.run(  # noqa: S603
            ["npx", "--no-install", "spectral", "--version"],  # noqa: S607
            capture_output=True,
            timeout=60,
            cwd=ROOT,
        )
        if probe.returncode == 0:
            return ["npx", "--no-install", "spectral"]
    return None


@pytest.fixture(scope="module")
def spectral():
    command = spectral_command()
    if command is None:
        pytest.skip("Spectral is not installed: npm install --no-save @stoplight/spectral-cli@6")
    if not RULESET.exists():
        pytest.skip(f"ADR ruleset not found at {RULESET}")
    return command


def lint(spectral, document: Path, ruleset: Path) -> list[dict]:
    result = subprocess.run(  # noqa: S603
        [*spectral, "lint", "-r", str(ruleset), "-f", "json", "--quiet", str(document)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    output = result.stdout.strip()
    assert output, result.stderr
    return json.loads(output)


def errors(results):
    return [r for r in results if r["severity"] == 0]


@pytest.fixture
def document(client, tmp_path):
    response = client.get("/api/v1/openapi.json")
    path = tmp_path / "openapi.json"
    path.write_bytes(response.content)
    return path


def test_adr_ruleset_reports_only_the_documented_oas31_deviation(spectral, document):
    found = errors(lint(spectral, document, RULESET))
    assert {r["code"] for r in found} <= {"openapi3"}, json.dumps(found, indent=1)


def test_adr_ruleset_accepting_oas31_reports_no_errors(spectral, document, tmp_path):
    overlay = tmp_path / "ruleset.yml"
    overlay.write_text(OVERLAY.read_text().replace("ADR_RULESET", str(RULESET)))
    found = errors(lint(spectral, document, overlay))
    assert found == [], json.dumps(found, indent=1)


@pytest.fixture
def document_30(client, tmp_path):
    response = client.get("/api/v1/openapi-3.0.json")
    assert response.status_code == 200
    assert response.json()["openapi"] == "3.0.3"
    path = tmp_path / "openapi-3.0.json"
    path.write_bytes(response.content)
    return path


def test_adr_ruleset_unchanged_reports_no_errors_on_the_30_document(spectral, document_30):
    found = errors(lint(spectral, document_30, RULESET))
    assert found == [], json.dumps(found, indent=1)


def test_the_30_document_describes_the_same_api(client):
    """Same paths, operations and parameters; only the 3.1-only schema forms are rewritten."""
    full = client.get("/api/v1/openapi.json").json()
    rewritten = client.get("/api/v1/openapi-3.0.json").json()
    assert full["openapi"].startswith("3.1") and rewritten["openapi"] == "3.0.3"
    assert rewritten["paths"].keys() == full["paths"].keys()
    for path, operations in full["paths"].items():
        for method, operation in operations.items():
            other = rewritten["paths"][path][method]
            assert [p["name"] for p in other.get("parameters", [])] == [
                p["name"] for p in operation.get("parameters", [])
            ]
            assert other["responses"].keys() == operation["responses"].keys()
    text = json.dumps(rewritten)
    assert '{"type": "null"}' not in text
    assert '"const"' not in text
    response = client.get("/api/v1/openapi-3.0.json")
    assert response["API-Version"]
    assert client.post("/api/v1/openapi-3.0.json").status_code == 405


def test_downgrade_rewrites_31_schema_forms():
    from apiplatform.openapi30 import downgrade

    document = {
        "openapi": "3.1.0",
        "paths": {},
        "components": {
            "schemas": {
                "A": {
                    "type": "object",
                    "properties": {
                        "n": {"anyOf": [{"type": "integer"}, {"type": "null"}], "title": "N"},
                        "r": {"exclusiveMinimum": 0, "maximum": 250, "type": "number"},
                        "k": {"const": "x"},
                        "t": {"type": ["string", "null"], "examples": ["a", "b"]},
                        "ref": {"anyOf": [{"$ref": "#/components/schemas/B"}, {"type": "null"}]},
                    },
                }
            }
        },
    }
    properties = downgrade(document)["components"]["schemas"]["A"]["properties"]
    assert properties["n"] == {"type": "integer", "nullable": True, "title": "N"}
    assert properties["r"] == {
        "exclusiveMinimum": True, "minimum": 0, "maximum": 250, "type": "number",
    }  # fmt: skip
    assert properties["k"] == {"enum": ["x"]}
    assert properties["t"] == {"type": "string", "nullable": True, "example": "a"}
    assert properties["ref"] == {"allOf": [{"$ref": "#/components/schemas/B"}], "nullable": True}
    assert document["openapi"] == "3.1.0"  # the original is untouched
