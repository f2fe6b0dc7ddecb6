"""Schemathesis over the real app's OpenAPI schema: whatever a client sends that the schema allows (and a
good deal it does not), the app answers without a 5xx.

In-process through ASGI, with the lifespan run (the warm-up), the API docs on (the schema is the
input), rate limits off (so every generated request reaches the code behind them) and a bounded
number of examples, so it fits in CI.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok

from bot.app.web import create_app
from bot.retrieval.knowledge import Knowledge
from bot.settings import Settings
from handlers.security import CONTENT_SECURITY_POLICY, DOCS_CONTENT_SECURITY_POLICY


@pytest.fixture(scope="module")
def documented_app(bundled: Knowledge, tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    data: Path = tmp_path_factory.mktemp("schema")
    app = create_app(Settings(data_dir=data, knowledge_dir=bundled.settings.knowledge_dir, api_docs=True,
                              api_rate_per_client=0, api_rate_per_user=0), knowledge=bundled)
    with TestClient(app):  # runs the lifespan: warm-up, channels
        yield app


@pytest.fixture(scope="module")
def api_schema(documented_app: FastAPI) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_asgi("/openapi.json", documented_app)


@pytest.mark.parametrize("mode", [schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE],
                         ids=["valid", "invalid"])
def test_no_request_gets_a_server_error(api_schema: schemathesis.BaseSchema,
                                        mode: schemathesis.GenerationMode) -> None:
    """Requests the schema allows, then requests that break it (wrong types, missing fields, strings
    where numbers go), over every operation; a 5xx anywhere fails with the request that caused it.

    (Driven through ``as_strategy`` rather than schemathesis' pytest plugin, whose fixture-based loader
    does not run under pytest 9.)
    """

    operations = []
    for result in api_schema.get_all_operations():
        assert isinstance(result, Ok), result  # an operation the schema describes badly
        operations.append(result.ok())
    assert {op.path for op in operations} >= {"/api/chat", "/api/search"}
    for operation in operations:  # each operation its own budget (one strategy over all of them is lopsided)
        if mode is schemathesis.GenerationMode.NEGATIVE and not operation.get_request_payload_content_types() \
                and not list(operation.iter_parameters()):
            continue  # no input to get wrong (GET /healthz)

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=40, deadline=None, derandomize=True, database=None,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                         HealthCheck.data_too_large])
        def answer_without_a_server_error(case: schemathesis.Case) -> None:
            case.call_and_validate(checks=[not_a_server_error])

        answer_without_a_server_error()


def test_the_documented_api_lists_the_public_routes(documented_app: FastAPI) -> None:
    """With PARKBOT_API_DOCS=1 the schema and the docs pages are served; the docs get the policy their
    CDN scripts need, everything else keeps the strict one."""
    client = TestClient(documented_app)
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/chat", "/api/search", "/healthz"} <= set(paths)
    chat = paths["/api/chat"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert chat["$ref"].endswith("/ChatRequest")
    docs = client.get("/docs")
    assert docs.status_code == 200 and docs.headers["content-security-policy"] == DOCS_CONTENT_SECURITY_POLICY
    assert client.get("/openapi.json").headers["content-security-policy"] == CONTENT_SECURITY_POLICY
