"""schemathesis against /api/openapi.json: no generated request may produce a 5xx.

Examples per operation default to 50 so the suite stays fast; the release check runs
500 (STEPPE_FUZZ_EXAMPLES=500, see docs/benchmarks.md).
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

from steppe.store import open_store
from steppe.web.app import create_app
from webdesk import build_desk

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is not installed")
from schemathesis.checks import not_a_server_error  # noqa: E402

EXAMPLES = int(os.environ.get("STEPPE_FUZZ_EXAMPLES", "50"))


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory):
    store = open_store(str(tmp_path_factory.mktemp("fuzz") / "demo.db"))
    build_desk(store)
    yield schemathesis.openapi.from_asgi("/api/openapi.json", create_app(store))
    store.close()


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_request_makes_a_server_error(case):
    case.call_and_validate(checks=[not_a_server_error])
