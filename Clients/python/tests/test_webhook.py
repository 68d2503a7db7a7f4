"""Offline: checking a webhook delivery's Licit-Signature (PROTOCOL.md §15.10) with verify_webhook."""

from __future__ import annotations

import hashlib
import hmac
import time

import pytest

import licit
from licit import verify_webhook

SECRET = "whsec-test-0123456789abcdef"
T = 1767225600  # 2026-01-01T00:00:00Z
BODY = (
    '{"target":"FR-ANSM-1","inbox":"FR-ANSM","events":[{"sequence":42,"kind":"notification_registered",'
    '"at":"2026-01-01T00:00:00.000Z","at_ms":1767225600000,"subject":"notification/FR-ANSM-1","status":"active",'
    '"summary":"fr-admin a enregistré https://récepteur.example.org/licit"}]}'
).encode("utf-8")
# Computed apart from the library, with `openssl dgst -sha256 -hmac SECRET` over "1767225600." + BODY;
# tests/unit_test.c of the C client checks the same vector.
KNOWN_V1 = "d1928f1d0dee01900aa6191fdae29616439176ad7a47718db61907339736eda1"


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """The header as the exchange makes it: t=SECONDS,v1=lowercase hex HMAC-SHA256 of "SECONDS." + body."""
    digest = hmac.new(secret.encode("utf-8"), str(timestamp).encode("ascii") + b"." + body, hashlib.sha256)
    return f"t={timestamp},v1={digest.hexdigest()}"


def test_the_known_vector_verifies() -> None:
    assert sign(SECRET, T, BODY) == f"t={T},v1={KNOWN_V1}"
    assert verify_webhook(SECRET, f"t={T},v1={KNOWN_V1}", BODY, now=T)
    assert licit.verify_webhook is verify_webhook
    assert verify_webhook(SECRET, f"t={T},v1={KNOWN_V1}", bytearray(BODY), now=T + 0.5)
    assert verify_webhook(SECRET, f"t={T},v1={KNOWN_V1}", memoryview(BODY), now=T)
    assert verify_webhook(SECRET, f"t={T},v1={KNOWN_V1.upper()}", BODY, now=T), "hex in either case"
    assert verify_webhook(SECRET, f" t={T} , v1={KNOWN_V1} ", BODY, now=T), "spaces around the fields"
    assert verify_webhook(SECRET, f"v1={KNOWN_V1},t={T}", BODY, now=T), "fields in any order"
    assert verify_webhook(SECRET, f"t={T},v0=abc,v1={KNOWN_V1}", BODY, now=T), "unknown fields are ignored"
    assert verify_webhook(SECRET, f"t={T},v1={'0' * 64},v1={KNOWN_V1}", BODY, now=T), "any v1 may match"


def test_a_fresh_signature_verifies_on_this_machines_clock() -> None:
    now = int(time.time())
    assert verify_webhook(SECRET, sign(SECRET, now, b""), b"")  # an empty body is still signed
    assert verify_webhook(SECRET, sign(SECRET, now, BODY), BODY)
    assert not verify_webhook(SECRET, sign(SECRET, now - 3600, BODY), BODY)


def test_a_tampered_body_is_refused() -> None:
    header = f"t={T},v1={KNOWN_V1}"
    assert not verify_webhook(SECRET, header, BODY.replace(b'"sequence":42', b'"sequence":43'), now=T)
    assert not verify_webhook(SECRET, header, BODY + b"\n", now=T)
    assert not verify_webhook(SECRET, header, BODY[:-1], now=T)
    assert not verify_webhook(SECRET, header, b"", now=T)


def test_a_tampered_timestamp_or_signature_is_refused() -> None:
    assert not verify_webhook(SECRET, f"t={T + 1},v1={KNOWN_V1}", BODY, now=T)
    flipped = KNOWN_V1[:10] + ("0" if KNOWN_V1[10] != "0" else "1") + KNOWN_V1[11:]
    assert not verify_webhook(SECRET, f"t={T},v1={flipped}", BODY, now=T)


def test_another_secret_is_refused() -> None:
    assert not verify_webhook(SECRET + "x", f"t={T},v1={KNOWN_V1}", BODY, now=T)
    assert not verify_webhook("another-secret-of-16+", f"t={T},v1={KNOWN_V1}", BODY, now=T)
    assert not verify_webhook(SECRET, sign("another-secret-of-16+", T, BODY), BODY, now=T)


def test_a_timestamp_outside_the_tolerance_is_refused() -> None:
    header = f"t={T},v1={KNOWN_V1}"
    assert verify_webhook(SECRET, header, BODY, now=T + 300), "300 s old: the default tolerance"
    assert not verify_webhook(SECRET, header, BODY, now=T + 301), "stale"
    assert verify_webhook(SECRET, header, BODY, now=T - 300)
    assert not verify_webhook(SECRET, header, BODY, now=T - 301), "from the future"
    assert verify_webhook(SECRET, header, BODY, now=T + 3600, tolerance=3600)
    assert not verify_webhook(SECRET, header, BODY, now=T + 11, tolerance=10)
    assert verify_webhook(SECRET, header, BODY, now=T, tolerance=0)
    assert not verify_webhook(SECRET, header, BODY, now=T + 1, tolerance=0)


@pytest.mark.parametrize(
    "header",
    [
        None,
        "",
        KNOWN_V1,
        f"v1={KNOWN_V1}",  # no timestamp
        f"t={T}",  # no signature
        f"t={T},v1=",
        f"t={T},v1={KNOWN_V1[:-2]}",  # short
        f"t={T},v1={KNOWN_V1}00",  # long
        f"t={T},v1={KNOWN_V1[:-1]}g",  # not hex
        f"t={T},v1={KNOWN_V1[:30]} {KNOWN_V1[31:]}",  # fromhex would skip the space
        f"t=,v1={KNOWN_V1}",
        f"t=-{T},v1={KNOWN_V1}",
        f"t=+{T},v1={KNOWN_V1}",
        f"t={T}.0,v1={KNOWN_V1}",
        f"t=１７６７２２５６００,v1={KNOWN_V1}",  # non-ASCII digits
        f"t={'9' * 19},v1={KNOWN_V1}",  # past 18 digits
        f"t={T},t={T},v1={KNOWN_V1}",  # two timestamps
        f"t={T};v1={KNOWN_V1}",
        f"t={T},,v1={KNOWN_V1}",
        f"t={T},v1={KNOWN_V1},",
        f"T={T},V1={KNOWN_V1}",  # the names are lowercase
        f"t={T},v1={KNOWN_V1[:-1]}é",
    ],
)
def test_a_malformed_header_is_refused(header) -> None:
    assert not verify_webhook(SECRET, header, BODY, now=T)


def test_misuse_is_an_exception_not_a_verdict() -> None:
    header = f"t={T},v1={KNOWN_V1}"
    with pytest.raises(ValueError):
        verify_webhook("", sign("", T, BODY), BODY, now=T)  # anyone could sign with an empty secret
    with pytest.raises(TypeError):
        verify_webhook(SECRET.encode(), header, BODY, now=T)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        verify_webhook(SECRET, header, BODY.decode("utf-8"), now=T)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        verify_webhook(SECRET, header, BODY, now=T, tolerance=-1)
