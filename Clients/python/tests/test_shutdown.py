"""An exchange shut down under an open connection: GoAway, then no exchange to reconnect to."""

from __future__ import annotations

import signal
import socket
import ssl
import threading
import time

import pytest

from conftest import Sandbox, start_sandbox
from licit import Client, UnavailableError


def test_a_shut_down_exchange_is_reported_unavailable() -> None:
    with start_sandbox() as own:
        with own.client("in-signer") as client, client.inbox() as inbox:
            connection = client._connection
            # Frames are processed in order: once Echo is answered, the subscription has started.
            assert client.echo(b"in order") == b"in order"
            own.process.send_signal(signal.SIGTERM)  # graceful: GoAway shutting_down, then close
            with pytest.raises(UnavailableError, match="GoAway"):
                inbox.get(timeout=10)  # the subscription ends at the GoAway, to resume elsewhere
            deadline = time.monotonic() + 10
            while not connection.closed and time.monotonic() < deadline:
                time.sleep(0.05)
            assert connection.closed, "the exchange did not close the connection within 10 s"
            assert connection.retired, f"closed without a GoAway: {connection.why_closed}"
            with pytest.raises(UnavailableError) as unavailable:
                client.echo(b"x", timeout=2)
            assert unavailable.value.not_sent, unavailable.value


@pytest.mark.parametrize("stage", ["TLS", "Hello"])
def test_a_write_whose_time_is_spent_connecting_was_not_sent(sandbox: Sandbox, stage: str) -> None:
    """An exchange that accepts TCP and never answers (stage TLS), or completes the handshake and
    never answers Hello: the write is reported not sent (safe to send again), never as the
    deadline of a call the exchange might have run."""
    stop = threading.Event()
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        if stage == "Hello":
            tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            tls.load_cert_chain(f"{sandbox.directory}/server/cert.pem", f"{sandbox.directory}/server/key.pem")
            tls.set_alpn_protocols(["licit/1"])
            threading.Thread(target=_handshake_then_hold, args=(silent, tls, stop), daemon=True).start()
        config = sandbox.config("fr-signer")
        config.host, config.port = silent.getsockname()
        client = Client(config)
        try:
            started = time.monotonic()
            with pytest.raises(UnavailableError) as unavailable:
                client.call("licit.v1.Documents/DraftImportAuthorization", b"", timeout=1.0, request_id="never-sent-1")
            assert unavailable.value.not_sent, unavailable.value
            assert stage == "TLS" or "within the call's deadline" in str(unavailable.value), unavailable.value
            assert time.monotonic() - started < 5, "the call's deadline was not kept while connecting"
        finally:
            stop.set()
            client.close()


def _handshake_then_hold(listener: socket.socket, tls: ssl.SSLContext, stop: threading.Event) -> None:
    connection, _ = listener.accept()
    with tls.wrap_socket(connection, server_side=True):
        stop.wait(10)
