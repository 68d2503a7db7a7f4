"""Offline checks: document seals (PROTOCOL.md §14.1) and certificate fingerprints (§3)."""

from __future__ import annotations

import hashlib
import ssl

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from licit.v1 import documents_pb2

SEAL_TAG = b"licit.seal.v1\x00"


def verify_seal(content: bytes, seal: bytes, public_key: bytes) -> bool:
    """Whether ``seal`` is the exchange's Ed25519 signature over ``"licit.seal.v1" 0x00 content``.

    ``public_key`` is the exchange's raw 32-byte key. Verify over the bytes received, never over
    a re-serialization: protobuf encoding is not canonical.
    """
    if len(seal) != 64 or len(public_key) != 32:
        return False
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(seal, SEAL_TAG + content)
    except InvalidSignature:
        return False
    return True


def document_seal_valid(document: documents_pb2.Document, public_key: bytes) -> bool:
    """Whether a document's seal covers exactly its content (False for an unsealed draft)."""
    return verify_seal(document.content, document.seal, public_key)


def certificate_fingerprint(certificate_file: str) -> str:
    """Lowercase hex SHA-256 of the DER of the first certificate in a PEM file: how the exchange
    knows an account."""
    with open(certificate_file, encoding="ascii") as file:
        pem = file.read()
    end = "-----END CERTIFICATE-----"
    if end not in pem:
        raise ValueError(f"{certificate_file} holds no PEM certificate")
    first = pem[pem.index("-----BEGIN CERTIFICATE-----") : pem.index(end) + len(end)]
    return hashlib.sha256(ssl.PEM_cert_to_DER_cert(first)).hexdigest()
