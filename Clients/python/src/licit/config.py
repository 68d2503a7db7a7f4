"""Where and as whom a :class:`~licit.Client` connects, and how patiently."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Optional, Tuple

from licit.frames import DEFAULT_MAX_FRAME_BYTES
from licit.version import __version__


@dataclass
class ClientConfig:
    host: str
    port: int
    #: The exchange's CA certificate (PEM): the only root trusted for the server.
    ca_file: str
    #: The client certificate (PEM, the leaf first) and its private key (PEM).
    certificate_file: str
    private_key_file: str
    #: The name the server certificate must carry (DNS name or IP address); default: ``host``.
    server_name: Optional[str] = None
    #: Sent in Hello, for the exchange's logs.
    client_name: str = f"licit-python/{__version__}"
    #: Seconds for TCP, TLS and Hello.
    connect_timeout: float = 10.0
    #: Seconds a call may take when it gives no timeout.
    default_timeout: float = 30.0
    #: A ping after this many seconds without writing (the exchange closes idle connections).
    keepalive_interval: float = 30.0
    #: The largest frame sent or accepted; lowered to the exchange's own limit after Hello.
    max_frame_bytes: int = DEFAULT_MAX_FRAME_BYTES
    #: Backoff between reconnection attempts: doubling from the first to the second, with jitter.
    reconnect_initial: float = 0.1
    reconnect_max: float = 10.0
    #: Other daemons of the same exchange, ``(host, port)``: after a failed, lost or drained
    #: connection the client connects to the next in turn. An indeterminate write may be retried on
    #: any of them with the same request id: it is applied once.
    other_endpoints: Tuple[Tuple[str, int], ...] = ()

    @property
    def endpoints(self) -> Tuple[Tuple[str, int], ...]:
        """Every endpoint, ``(host, port)``, the first one first."""
        return ((self.host, self.port),) + tuple(self.other_endpoints)

    @classmethod
    def from_sandbox(cls, directory: str, account: str) -> "ClientConfig":
        """The configuration for ``account`` of a ``licitd sandbox --data DIRECTORY``, from its manifest."""
        with open(os.path.join(directory, "manifest.json"), encoding="utf-8") as file:
            manifest = json.load(file)
        for entry in manifest["accounts"]:
            if entry["name"] == account:
                return cls(
                    host=manifest["host"],
                    port=int(manifest["port"]),
                    ca_file=manifest["ca_file"],
                    certificate_file=os.path.join(entry["identity"], "cert.pem"),
                    private_key_file=os.path.join(entry["identity"], "key.pem"),
                )
        raise KeyError(f"the sandbox in {directory} has no account {account!r}")
