"""An exchange shut down under an open connection: GoAway, then no exchange to reconnect to."""

from __future__ import annotations

import signal
import time

import pytest

from conftest import start_sandbox
from licit import UnavailableError


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
