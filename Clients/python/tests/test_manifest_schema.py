"""The sandbox manifest a new `licitd sandbox` writes matches its published JSON Schema
(Proto/sandbox-manifest.schema.json, PROTOCOL.md §18), checked by a real validator."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

SCHEMA = Path(__file__).resolve().parents[3] / "Proto" / "sandbox-manifest.schema.json"

jsonschema = pytest.importorskip("jsonschema") if os.environ.get("CI") != "true" else __import__("jsonschema")


def test_the_manifest_matches_its_schema(sandbox) -> None:
    schema = json.loads(SCHEMA.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    manifest = json.loads((Path(sandbox.directory) / "manifest.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(manifest)
    assert {account["role"] for account in manifest["accounts"]} >= {"board_admin", "signer"}


def test_the_schema_catches_a_broken_manifest(sandbox) -> None:
    schema = json.loads(SCHEMA.read_text())
    manifest = json.loads((Path(sandbox.directory) / "manifest.json").read_text())
    manifest["port"] = "7443"
    del manifest["accounts"][0]["identity"]
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(manifest))
    assert {tuple(error.absolute_path) for error in errors} >= {("port",), ("accounts", 0)}
