"""Shared by the editor tests. CI sets E2E_REQUIRE=1: a missing editor then fails its test
instead of skipping it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "fixtures" / "editor_pair"
REQUIRE = os.environ.get("E2E_REQUIRE") == "1"


def missing(reason: str) -> None:
    if REQUIRE:
        pytest.fail(reason)
    pytest.skip(reason)
