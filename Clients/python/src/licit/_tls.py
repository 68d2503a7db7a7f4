"""The TLS side of PROTOCOL.md §2: TLS 1.3 only, ALPN licit/1, the exchange's CA only."""

from __future__ import annotations

import socket
import ssl

from licit.errors import InvalidRequestError, UnavailableError

ALPN = "licit/1"


def make_context(ca_file: str, certificate_file: str, private_key_file: str) -> ssl.SSLContext:
    """A client context trusting only the exchange's CA, presenting the client certificate."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # verifies the server and its name
    context.minimum_version = ssl.TLSVersion.TLSv1_3
    context.maximum_version = ssl.TLSVersion.TLSv1_3
    try:
        context.load_verify_locations(cafile=ca_file)  # and no default trust store
    except (OSError, ssl.SSLError) as error:
        raise InvalidRequestError(f"cannot read the exchange's CA certificate {ca_file}: {error}") from error
    try:
        context.load_cert_chain(certificate_file, private_key_file)
    except (OSError, ssl.SSLError) as error:
        raise InvalidRequestError(
            f"cannot read the client certificate {certificate_file} with its key {private_key_file}: {error}"
        ) from error
    context.set_alpn_protocols([ALPN])
    return context


def open_tls(
    context: ssl.SSLContext, host: str, port: int, server_name: str, timeout: float
) -> ssl.SSLSocket:
    """Connects and completes the handshake within ``timeout`` seconds; checks ALPN.

    Python sends no SNI when ``server_name`` is an IP address, as PROTOCOL.md §2 asks.
    """
    where = f"{host}:{port}"
    try:
        raw = socket.create_connection((host, port), timeout=timeout)
    except OSError as error:
        raise UnavailableError(f"cannot connect to {where}: {error}", not_sent=True) from error
    raw.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        tls = context.wrap_socket(raw, server_hostname=server_name)
    except ssl.SSLCertVerificationError as error:
        raw.close()
        raise UnavailableError(
            f"the server certificate of {where} was not accepted: {error.verify_message}", not_sent=True
        ) from error
    except (OSError, ssl.SSLError) as error:
        raw.close()
        raise UnavailableError(
            f"the TLS handshake with {where} failed (a refused client certificate, or not a TLS 1.3 server): {error}",
            not_sent=True,
        ) from error
    if tls.selected_alpn_protocol() != ALPN:
        tls.close()
        raise UnavailableError(f"{where} did not negotiate ALPN {ALPN}", not_sent=True)
    return tls
