"""The OpenAPI 3.1 schema, its documentation page, and the property-based run over the schema:
every request the schema allows gets a 2xx or a 4xx JSON error, never a 5xx, and every answer
matches the schema (schemathesis, from its own virtualenv: `make api-check`)."""

import json
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

SCHEMATHESIS = Path(settings.BASE_DIR) / ".venv-schemathesis" / "bin" / "st"
CHECKS = (
    "not_a_server_error,status_code_conformance,content_type_conformance,"
    "response_schema_conformance,negative_data_rejection"
)
EXAMPLES_PER_OPERATION = 10


def test_the_schema_is_openapi_3_1_and_names_every_endpoint(client, db):
    schema = client.get("/api/v1/schema/").json()
    assert schema["openapi"] == "3.1.0"
    assert set(schema["paths"]) == {
        "/api/v1/recaps/",
        "/api/v1/recaps/{slug}/",
        "/api/v1/shows/",
        "/api/v1/shows/{slug}/",
        "/api/v1/episodes/",
        "/api/v1/people/",
        "/api/v1/people/{slug}/",
        "/api/v1/tags/",
    }


def test_the_documentation_page_loads_our_own_files_under_our_csp(client, db):
    response = client.get("/api/v1/docs/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn." not in page and "unpkg" not in page
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "<script>" not in page  # no inline script: the settings are a JSON data block


@pytest.mark.skipif(not SCHEMATHESIS.exists(), reason="make api-check installs schemathesis")
def test_every_request_the_schema_allows_is_answered_as_the_schema_says(
    transactional_db, series, live_server, settings, tmp_path
):
    settings.API_ANONYMOUS_PER_MINUTE = 0  # thousands of requests from one address
    report = tmp_path / "schemathesis.json"
    done = subprocess.run(
        [
            str(SCHEMATHESIS),
            "run",
            f"{live_server.url}/api/v1/schema/",
            "--checks",
            CHECKS,
            "--max-examples",
            str(EXAMPLES_PER_OPERATION),
            "--phases",
            "examples,coverage,fuzzing",
            "--seed",
            "20231206",
            "--no-color",
            "--report",
            "json",
            "--report-json-path",
            str(report),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    summary = json.loads(report.read_text())
    # What the run did, for the record (pytest -s, or `make api-check`).
    print(  # noqa: T201
        f"schemathesis: {summary['test_cases']['generated']} requests over "
        f"{summary['operations']['tested']} operations, {len(summary['failures'])} failures "
        f"({CHECKS}), exit code {summary['exit_code']}"
    )
    assert done.returncode == 0, done.stdout[-4000:]
    assert summary["failures"] == [] and summary["errors"] == []
    assert summary["operations"]["tested"] == 8
    assert summary["test_cases"]["generated"] >= 200
