"""Offline behaviour: seals, request ids, status codes, configuration errors."""

from __future__ import annotations

import uuid

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from licit import Client, ClientConfig, InvalidRequestError, StatusCode, new_request_id, verify_seal
from licit.client import _check_request_id


def seal(content: bytes) -> tuple:
    key = Ed25519PrivateKey.generate()
    public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return key.sign(b"licit.seal.v1\x00" + content), public


def test_a_seal_verifies_over_exactly_its_content() -> None:
    content = b"\n\nFR-IA-0001"
    signature, public = seal(content)
    assert verify_seal(content, signature, public)
    assert not verify_seal(content[:-1], signature, public)
    assert not verify_seal(content, signature[:10] + bytes([signature[10] ^ 1]) + signature[11:], public)
    assert not verify_seal(content, b"", public)  # a draft
    assert not verify_seal(content, signature, seal(content)[1])  # another key


def test_request_ids_follow_the_protocol() -> None:
    first, second = new_request_id(), new_request_id()
    assert first != second and len(first) == 36 and first == first.lower()
    made = uuid.UUID(new_request_id(at=1_796_601_600.123))
    assert made.version == 7 and made.variant == uuid.RFC_4122
    assert int.from_bytes(made.bytes[:6], "big") == 1_796_601_600_123
    times = [(1_700_000_000_000 + step + 0.5) / 1000 for step in range(0, 600, 3)]  # mid-millisecond
    ids = [new_request_id(at=moment) for moment in times]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    _check_request_id("a.b_c:d-E9")
    _check_request_id("a" * 64)
    for bad in ("a" * 65, "with space", "é"):
        with pytest.raises(InvalidRequestError):
            _check_request_id(bad)


def test_an_unknown_status_number_reads_as_unknown() -> None:
    assert StatusCode.of(9) is StatusCode.FAILED_PRECONDITION
    assert StatusCode.of(99) is StatusCode.UNKNOWN


def test_every_reason_has_a_known_code_and_a_status_finds_its_entry() -> None:
    from licit import Status
    from licit.reasons import REASONS

    assert all(entry.code in StatusCode.__members__ for entry in REASONS.values())
    over = Status(StatusCode.FAILED_PRECONDITION, "over_estimate")
    assert over.catalogue is not None and over.catalogue.code == "FAILED_PRECONDITION"
    assert "requested_mg" in over.catalogue.details and not over.catalogue.retry_same_id
    assert REASONS["storage_unavailable"].retry_same_id
    assert Status(StatusCode.UNKNOWN, "a_reason_from_the_future").catalogue is None


def test_an_unreadable_certificate_is_explained(tmp_path) -> None:
    missing = str(tmp_path / "missing.pem")
    with pytest.raises(InvalidRequestError, match="missing.pem"):
        Client(ClientConfig("127.0.0.1", 1, missing, missing, missing))
